import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { analyzeDocument, IncrementalTsAnalysis, type Analysis, type Locale } from './core';

export const SUPPORTED_LANGUAGES = new Set(['typescript', 'javascript', 'typescriptreact', 'javascriptreact', 'json', 'jsonc']);

const isJson = (languageId: string) => languageId === 'json' || languageId === 'jsonc';

/** An open document and its last analysis (by version). */
export interface OpenDocument {
  doc: TextDocument;
  /** TS/JS: the incremental analyzer that follows this document's edits. */
  incremental?: IncrementalTsAnalysis;
  incrementalLocale?: Locale;
  /** Edited since it was opened: worth keeping a syntax tree for. */
  edited?: boolean;
  analysis?: { version: number; locale: Locale; result: Analysis; doc: TextDocument };
}

/** How many edited documents keep a syntax tree for incremental re-analysis. */
const TREES_KEPT = 2;
/** How many documents keep their findings in memory; others recompute them when asked. */
const ANALYSES_KEPT = 8;

/** Keeps open documents and re-analyzes only when the version changed. */
export class DocumentStore {
  private readonly docs = new Map<string, OpenDocument>();
  /** Most recently analyzed documents first. */
  private recent: OpenDocument[] = [];

  /**
   * Memory stays bounded however many files are open: only documents being edited keep a syntax
   * tree (a 10,000-line file's tree is ~15 MB), and only the most recent keep their findings.
   */
  private touch(d: OpenDocument): void {
    this.recent = [d, ...this.recent.filter((x) => x !== d)];
    let trees = 0;
    this.recent.forEach((x, i) => {
      if (i >= ANALYSES_KEPT) { x.analysis = undefined; x.incremental = undefined; return; }
      if (x.edited && trees < TREES_KEPT) trees++;
      else x.incremental?.release();
    });
    this.recent.length = Math.min(this.recent.length, ANALYSES_KEPT);
  }

  open(uri: string, languageId: string, version: number, text: string): OpenDocument {
    const d: OpenDocument = { doc: TextDocument.create(uri, languageId, version, text) };
    this.docs.set(uri, d);
    return d;
  }

  get(uri: string): OpenDocument | undefined {
    return this.docs.get(uri);
  }

  close(uri: string): void {
    const d = this.docs.get(uri);
    this.docs.delete(uri);
    this.recent = this.recent.filter((x) => x !== d);
  }

  all(): OpenDocument[] {
    return [...this.docs.values()];
  }

  /** Applies LSP changes one at a time and tells the incremental analyzer what changed where. */
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const d = this.docs.get(uri);
    if (!d) return undefined;
    d.edited = true;
    for (const c of changes) {
      if ('range' in c) {
        const start = d.doc.offsetAt(c.range.start);
        const end = d.doc.offsetAt(c.range.end);
        d.incremental?.applyChange(start, end, c.text.length);
      } else {
        d.incremental = undefined;
      }
      d.doc = TextDocument.update(d.doc, [c], version);
    }
    return d;
  }

  /** The analysis of the current version, computed at most once per version and locale. */
  analyze(d: OpenDocument, locale: Locale): NonNullable<OpenDocument['analysis']> {
    if (d.analysis && d.analysis.version === d.doc.version && d.analysis.locale === locale) return d.analysis;
    const text = d.doc.getText();
    let result: Analysis;
    if (isJson(d.doc.languageId)) {
      result = analyzeDocument(text, d.doc.languageId, { locale, tolerant: true });
    } else {
      if (!d.incremental || d.incrementalLocale !== locale) {
        d.incremental = new IncrementalTsAnalysis(d.doc.languageId, locale);
        d.incrementalLocale = locale;
      }
      result = d.incremental.analyze(text);
    }
    const analysis = { version: d.doc.version, locale, result, doc: d.doc };
    d.analysis = analysis;
    this.touch(d);
    return analysis;
  }
}
