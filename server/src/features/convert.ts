import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type Position, type Range, type TextEdit } from 'vscode-languageserver';
import { lineStarts, milkyDocUrl, offsetAt, positionAt, type Edit, type Finding, type SeveritySetting } from '../core';

export const SOURCE = 'napcat-milky';

/** Offset ↔ position for one version of a text: an open TextDocument (its line table is kept up to date on every edit) or a file's text. */
export interface Positions {
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
}

export function textPositions(text: string): Positions {
  const starts = lineStarts(text);
  return { positionAt: (o) => positionAt(starts, o), offsetAt: (p) => offsetAt(starts, text, p) };
}

export function toRange(doc: Positions, start: number, end: number): Range {
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

export function toTextEdits(doc: Positions, edits: Edit[]): TextEdit[] {
  return edits.map((e) => ({ range: toRange(doc, e.start, e.end), newText: e.newText }));
}

const SEVERITY: Record<Exclude<SeveritySetting, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * What a diagnostic carries: the NapCat name, every Milky candidate and the preferred one. The
 * edits themselves are not repeated here (they would double the payload of every publish): code
 * actions take them from the analysis cached for the document's version.
 */
export interface DiagnosticData {
  napcat: string | null;
  milky: string[];
  preferred?: string;
  /** The candidates that have a quick fix at this site. */
  fixes: string[];
}

export function toDiagnostic(f: Finding, doc: Positions, severity: Exclude<SeveritySetting, 'off'>): Diagnostic {
  const target = f.preferred ?? f.milky[0];
  const d: Diagnostic = {
    range: toRange(doc, f.start, f.end),
    severity: SEVERITY[severity],
    source: SOURCE,
    code: f.kind,
    codeDescription: { href: target ? milkyDocUrl(target) : 'https://milky.ntqqrev.org/' },
    message: f.message,
    data: { napcat: f.napcat, milky: f.milky, preferred: f.preferred, fixes: f.fixes.map((x) => x.target) } satisfies DiagnosticData,
  };
  if (f.kind === 'mapped' || f.kind === 'ambiguous') d.tags = [DiagnosticTag.Deprecated];
  return d;
}
