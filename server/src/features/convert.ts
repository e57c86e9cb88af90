import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type Position, type Range, type TextEdit } from 'vscode-languageserver';
import { fixesFor, hasSite, originOf, preferredOf, lineStarts, milkyDocUrl, milkyOf, napcatOf, offsetAt, positionAt, severityOf, MILKY_HOME, type Edit, type Finding, type SiteFinding, type Locale, type SeveritySetting } from '../core';
import { findingMessage } from '../l10n/messages';
import { TOOL } from '../shared/version';

export const SOURCE = TOOL;

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
 * actions derive them from the analysis cached for the document's version.
 */
export interface DiagnosticData {
  napcat: string | null;
  milky: readonly string[];
  preferred?: string;
  /** The candidates that have a quick fix at this site. */
  fixes: string[];
}

/** What a diagnostic derives from a finding and its text: the message and the candidates with a fix. */
interface Derived {
  message: string;
  fixes: string[];
}

/**
 * Messages and fix targets depend only on a finding's facts and the text of its params, not on where
 * it is: a document keeps them between publishes, so a keystroke re-renders only what changed.
 */
export class DerivedCache {
  private current = new Map<string, Derived>();
  private next = new Map<string, Derived>();
  /** By the finding a moved copy came from: no key to build for what only moved. */
  private byOrigin = new WeakMap<Finding, Derived>();
  private locale: Locale | undefined;

  /** Starts a publish: entries not used by it are dropped at the end. */
  begin(locale: Locale): void {
    if (locale !== this.locale) { this.current.clear(); this.byOrigin = new WeakMap(); this.locale = locale; }
    this.next = new Map();
  }

  end(): void {
    this.current = this.next;
  }

  get(f: Finding, text: string, locale: Locale): Derived {
    // A file rule's message and fixes depend on the whole text (the guarded block, the helper): never reused.
    if (!hasSite(f)) return { message: findingMessage(f, text, locale), fixes: fixesFor(f, text).map((x) => x.target) };
    const origin = originOf(f);
    let d = this.byOrigin.get(origin);
    if (d) return d;
    const key = derivedKey(f, text);
    d = this.next.get(key) ?? this.current.get(key);
    if (!d) d = { message: findingMessage(f, text, locale), fixes: fixesFor(f, text).map((x) => x.target) };
    this.next.set(key, d);
    this.byOrigin.set(origin, d);
    return d;
  }
}

function derivedKey(f: SiteFinding, text: string): string {
  const s = f.site;
  const p = s.params?.kind === 'object' ? text.slice(s.params.object.start, s.params.object.end) : s.params?.kind ?? '';
  const who = f.kind === 'milky-params' ? `${f.endpoint}|${f.param}|${f.problem}`
    : f.kind === 'segment' ? `${f.napcat}|${f.form}|${f.problem ?? ''}|${f.field ?? ''}|${f.runtime ? 1 : 0}|${text.slice(f.start, f.end)}`
    : `${f.napcat}|${f.preferred ?? ''}|${f.decidedBy ?? ''}`;
  return `${f.kind}|${who}|${s.callSite}|${s.written}|${s.callSite === 'url' && s.apiPrefix ? 1 : 0}|${s.frame ? 1 : 0}|${p}`;
}

export function toDiagnostic(f: Finding, text: string, doc: Positions, severity: Exclude<SeveritySetting, 'off'>, locale: Locale, cache?: DerivedCache): Diagnostic {
  const preferred = preferredOf(f);
  const target = f.kind === 'segment' ? f.site.written : preferred ?? milkyOf(f)[0];
  const derived = cache ? cache.get(f, text, locale) : { message: findingMessage(f, text, locale), fixes: fixesFor(f, text).map((x) => x.target) };
  const d: Diagnostic = {
    range: toRange(doc, f.start, f.end),
    severity: SEVERITY[severityOf(f, severity)],
    source: SOURCE,
    code: f.kind,
    codeDescription: { href: target ? milkyDocUrl(target) : MILKY_HOME },
    message: derived.message,
    data: { napcat: napcatOf(f), milky: milkyOf(f), preferred, fixes: derived.fixes } satisfies DiagnosticData,
  };
  if (f.kind === 'mapped' || f.kind === 'ambiguous') d.tags = [DiagnosticTag.Deprecated];
  return d;
}
