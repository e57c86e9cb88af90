import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { analyzeDocument, IncrementalTsAnalysis, lineStarts, type Analysis, type Locale } from './core';

export const SUPPORTED_LANGUAGES = new Set(['typescript', 'javascript', 'typescriptreact', 'javascriptreact', 'json', 'jsonc']);

const isJson = (languageId: string) => languageId === 'json' || languageId === 'jsonc';

/** An open document and its last analysis (by version). */
export interface OpenDocument {
  doc: TextDocument;
  /** TS/JS: the incremental analyzer that follows this document's edits. */
  incremental?: IncrementalTsAnalysis;
  incrementalLocale?: Locale;
  analysis?: { version: number; locale: Locale; result: Analysis; starts: number[] };
}

/** How many documents keep a syntax tree for incremental re-analysis (the ones being edited). */
const TREES_KEPT = 3;

/** Keeps open documents and re-analyzes only when the version changed. */
export class DocumentStore {
  private readonly docs = new Map<string, OpenDocument>();
  /** Most recently analyzed TS documents first: only these keep their syntax tree. */
  private recent: OpenDocument[] = [];

  private touch(d: OpenDocument): void {
    this.recent = [d, ...this.recent.filter((x) => x !== d)];
    for (const old of this.recent.splice(TREES_KEPT)) old.incremental?.release();
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
      this.touch(d);
    }
    d.analysis = { version: d.doc.version, locale, result, starts: lineStarts(text) };
    return d.analysis;
  }
}
