import type * as TS from 'typescript';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { analyzeDocument, lineStarts, type Analysis, type Locale } from './core';

export const SUPPORTED_LANGUAGES = new Set(['typescript', 'javascript', 'typescriptreact', 'javascriptreact', 'json', 'jsonc']);

/** An open document, the changes since its last parse, and its last analysis (by version). */
export interface OpenDocument {
  doc: TextDocument;
  /** The last TS parse and the edits made to the text since (for incremental reparsing). */
  parsed?: TS.SourceFile;
  pendingChanges: TS.TextChangeRange[];
  analysis?: { version: number; locale: Locale; result: Analysis; starts: number[] };
}

/** Keeps open documents and re-analyzes only when the version changed. */
export class DocumentStore {
  private readonly docs = new Map<string, OpenDocument>();

  open(uri: string, languageId: string, version: number, text: string): OpenDocument {
    const d: OpenDocument = { doc: TextDocument.create(uri, languageId, version, text), pendingChanges: [] };
    this.docs.set(uri, d);
    return d;
  }

  get(uri: string): OpenDocument | undefined {
    return this.docs.get(uri);
  }

  close(uri: string): void {
    this.docs.delete(uri);
  }

  all(): OpenDocument[] {
    return [...this.docs.values()];
  }

  /** Applies LSP changes one at a time, recording each as a TS change range. */
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const d = this.docs.get(uri);
    if (!d) return undefined;
    for (const c of changes) {
      if ('range' in c) {
        const start = d.doc.offsetAt(c.range.start);
        const end = d.doc.offsetAt(c.range.end);
        d.pendingChanges.push({ span: { start, length: end - start }, newLength: c.text.length });
        d.doc = TextDocument.update(d.doc, [c], version);
      } else {
        d.parsed = undefined;
        d.pendingChanges = [];
        d.doc = TextDocument.update(d.doc, [c], version);
      }
    }
    return d;
  }

  /** The analysis of the current version, computed at most once per version and locale. */
  analyze(d: OpenDocument, locale: Locale, collapse: (changes: TS.TextChangeRange[]) => TS.TextChangeRange): OpenDocument['analysis'] & object {
    if (d.analysis && d.analysis.version === d.doc.version && d.analysis.locale === locale) return d.analysis;
    const text = d.doc.getText();
    const ts = d.doc.languageId !== 'json' && d.doc.languageId !== 'jsonc';
    const previous = ts && d.parsed ? { sourceFile: d.parsed, change: d.pendingChanges.length ? collapse(d.pendingChanges) : { span: { start: 0, length: 0 }, newLength: 0 } } : undefined;
    let result: Analysis;
    try {
      result = analyzeDocument(text, d.doc.languageId, { locale, tolerant: true, previous });
    } catch {
      // An incremental reparse should never fail; if it does, start over from a full parse.
      result = analyzeDocument(text, d.doc.languageId, { locale, tolerant: true });
    }
    d.parsed = (result.scan as { sourceFile?: TS.SourceFile }).sourceFile;
    d.pendingChanges = [];
    d.analysis = { version: d.doc.version, locale, result, starts: lineStarts(text) };
    return d.analysis;
  }
}
