import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import { milkyDocUrl, positionAt, type Edit, type Finding, type SeveritySetting } from '../core';

export const SOURCE = 'napcat-milky';

export function toRange(starts: number[], start: number, end: number): Range {
  return { start: positionAt(starts, start), end: positionAt(starts, end) };
}

export function toTextEdits(starts: number[], edits: Edit[]): TextEdit[] {
  return edits.map((e) => ({ range: toRange(starts, e.start, e.end), newText: e.newText }));
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

export function toDiagnostic(f: Finding, starts: number[], severity: Exclude<SeveritySetting, 'off'>): Diagnostic {
  const target = f.preferred ?? f.milky[0];
  const d: Diagnostic = {
    range: toRange(starts, f.start, f.end),
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
