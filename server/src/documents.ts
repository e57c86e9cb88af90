import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { changedSpan, createDocumentAnalyzer, type Analysis, type DocumentAnalyzer, type ReportOptions, type TextChange } from './core';
import type { DerivedCache } from './features/convert';
import { LANGUAGE_IDS } from './shared/languages';

export const SUPPORTED_LANGUAGES: ReadonlySet<string> = new Set(LANGUAGE_IDS);

/** An open document and its last analysis (by version). */
export interface OpenDocument {
  doc: TextDocument;
  /** Follows this document's edits; created on first analysis, dropped when memory is needed. */
  analyzer?: DocumentAnalyzer;
  /** The edits since the last analysis, in order; undefined when they are not known (full-text sync). */
  pending?: TextChange[];
  /** Edited since it was opened: worth keeping a syntax tree for. */
  edited?: boolean;
  analysis?: { version: number; result: Analysis; doc: TextDocument };
  /** Messages and fix targets of the last publish, reused for unchanged findings. */
  derived?: DerivedCache;
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
      if (i >= ANALYSES_KEPT) { x.analysis = undefined; x.analyzer = undefined; x.derived = undefined; return; }
      if (x.edited && trees < TREES_KEPT) trees++;
      else x.analyzer?.release();
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

  /** Applies LSP changes one at a time and remembers where the text changed, for the next analysis. */
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const d = this.docs.get(uri);
    if (!d) return undefined;
    d.edited = true;
    for (const c of changes) {
      if ('range' in c) {
        const start = d.doc.offsetAt(c.range.start);
        const end = d.doc.offsetAt(c.range.end);
        d.pending?.push({ start, end, newLength: c.text.length });
      } else {
        // A whole-text change (full sync) is one ranged edit: the span between the common prefix and suffix.
        d.pending?.push(changedSpan(d.doc.getText(), c.text));
      }
      d.doc = TextDocument.update(d.doc, [c], version);
    }
    return d;
  }

  /** The analysis of the current version, computed at most once per version (settings changes drop it). */
  analyze(d: OpenDocument, options: ReportOptions = {}): NonNullable<OpenDocument['analysis']> {
    if (d.analysis && d.analysis.version === d.doc.version) return d.analysis;
    const text = d.doc.getText();
    d.analyzer ??= createDocumentAnalyzer(d.doc.languageId);
    // The text and the edits that led to it go together: the analyzer decides what to re-scan.
    const result = d.analyzer.update(text, d.pending, options);
    d.pending = [];
    const analysis = { version: d.doc.version, result, doc: d.doc };
    d.analysis = analysis;
    this.touch(d);
    return analysis;
  }
}
