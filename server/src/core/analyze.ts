import { milkyEntry, milkyNames, napcatEntry, resolveNapcat, camelToNapcat, type Kind } from './catalog';
import { ignoredLines, isFileDisabled } from './directives';
import type { Edit } from './edits';
import { findingMessage, type Locale } from './messages';
import { migrateParams, type ManualStep } from './params';
import { scanJson } from './scan/json';
import { scanPython, type PythonParser } from './scan/python';
import type { CallSite, ObjectInfo, ScanResult, Site } from './scan/types';
import { scanTypeScript, type TsScanOptions } from './scan/typescript';
import { eolOf, lineStarts, positionAt } from './text';
import { choosePreferred } from './select';

export type LanguageId = 'typescript' | 'typescriptreact' | 'javascript' | 'javascriptreact' | 'json' | 'jsonc' | 'python';

const EXT_LANGUAGE: Record<string, LanguageId> = {
  '.ts': 'typescript', '.mts': 'typescript', '.cts': 'typescript', '.tsx': 'typescriptreact',
  '.js': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript', '.jsx': 'javascriptreact',
  '.json': 'json', '.jsonc': 'jsonc',
  '.py': 'python', '.pyi': 'python',
};

export function languageOfPath(path: string): LanguageId | undefined {
  const m = /\.[^./\\]+$/.exec(path);
  return m ? EXT_LANGUAGE[m[0].toLowerCase()] : undefined;
}

/** One way to migrate a finding: the edits for one Milky target and what is left to do by hand. */
export interface FixOption {
  target: string;
  edits: Edit[];
  manual: ManualStep[];
}

export interface Finding {
  /** UTF-16 offsets of the name as written. */
  start: number;
  end: number;
  napcat: string | null;
  milky: string[];
  preferred?: string;
  kind: Kind;
  callSite: CallSite;
  /** What decided `preferred` (e.g. `group_id`). */
  reason?: string;
  message: string;
  /** For milky-params: the param concerned and whether it is unknown or missing. */
  param?: string;
  problem?: 'unknown' | 'missing';
  frame?: boolean;
  /** One option per Milky candidate that can be rewritten at this site; empty when none can. */
  fixes: FixOption[];
}

export interface AnalyzeOptions extends TsScanOptions {
  locale?: Locale;
  /** For Python: a parser other than the one registered with `setPythonParser`. */
  pythonParser?: PythonParser;
}

export interface Analysis {
  findings: Finding[];
  /** Why the file was not analyzed (parse error, nesting); absent when it was. */
  skipped?: string;
  /** A syntax error that was tolerated (editor mode). */
  syntaxError?: string;
  scan: ScanResult;
}

export function scan(text: string, languageId: string, options: AnalyzeOptions = {}): ScanResult {
  if (languageId === 'json' || languageId === 'jsonc') return scanJson(text, { tolerant: options.tolerant, alwaysParse: options.alwaysParse });
  if (languageId === 'python') return scanPython(text, { tolerant: options.tolerant, alwaysParse: options.alwaysParse, pythonParser: options.pythonParser });
  return scanTypeScript(text, languageId, options);
}

export function analyzeDocument(text: string, languageId: string, options: AnalyzeOptions = {}): Analysis {
  const locale = options.locale ?? 'en';
  if (isFileDisabled(text)) return { findings: [], scan: { sites: [] } };
  const result = scan(text, languageId, options);
  // Nesting beyond the parser's reach is skipped even while typing; other syntax errors only without `tolerant`.
  if (result.syntaxError && result.sites.length === 0 && (!options.tolerant || result.fatal)) return { findings: [], skipped: result.syntaxError, scan: result };
  const findings = findingsForSites(result.sites, text, locale);
  return { findings: finishFindings(text, findings), syntaxError: result.syntaxError, scan: result };
}

/** Findings of scanned sites (offsets of the sites are offsets in `text`). */
export function findingsForSites(sites: Site[], text: string, locale: Locale, eol = eolOf(text)): Finding[] {
  const out: Finding[] = [];
  for (const site of sites) findingsForSite(site, text, eol, locale, out);
  return out;
}

/** Drops findings on lines after an ignore directive and sorts by position. */
export function finishFindings(text: string, findings: Finding[]): Finding[] {
  let kept = findings;
  if (findings.length && text.includes('napcat-milky-ignore-next-line')) {
    const starts = lineStarts(text);
    const ignored = ignoredLines(text, starts);
    if (ignored.size) kept = findings.filter((f) => !ignored.has(positionAt(starts, f.start).line));
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Why a text does not parse, or undefined when it does. Always parses: this checks a fix's result. */
export function parseProblem(text: string, languageId: string): string | undefined {
  return scan(text, languageId, { alwaysParse: true }).syntaxError;
}

/** The core's one call: text in, findings out. */
export function analyze(text: string, languageId: string, options: AnalyzeOptions = {}): Finding[] {
  return analyzeDocument(text, languageId, options).findings;
}

function renameEdit(site: Site, target: string): Edit {
  const newText = site.callSite === 'url' && !site.apiPrefix ? `api/${target}` : target;
  return { start: site.start, end: site.end, newText };
}

/** Can this site's name be rewritten in place? SDK methods and camelCase calls have no certain form. */
function rewritable(site: Site): boolean {
  return site.callSite !== 'method' && site.callSite !== 'camel';
}

/** Keeps only fix options whose edits are well-formed for this text (a guard for broken input). */
function validFixes(fixes: FixOption[], text: string): FixOption[] {
  return fixes.filter((f) => f.edits.every((e) => e.start >= 0 && e.start <= e.end && e.end <= text.length));
}

function findingsForSite(site: Site, text: string, eol: string, locale: Locale, out: Finding[]): void {
  // The range must cover exactly the name as written; anything else is a scanner slip on broken input.
  if (text.slice(site.start, site.end) !== site.written) return;
  const napcat = site.callSite === 'camel' ? camelToNapcat.get(site.written) : resolveNapcat(site.written);
  if (napcat) {
    const e = napcatEntry(napcat)!;
    const decision = choosePreferred(napcat, e.kind, site);
    const preferred = e.kind === 'mapped' ? e.milky[0] : decision?.target;
    const fixes: FixOption[] = [];
    if (rewritable(site)) {
      const targets = e.kind === 'same-name' ? (site.callSite === 'url' || site.params ? [napcat] : []) : e.milky;
      for (const target of targets) {
        const pm = site.params || site.paramsOpaque
          ? migrateParams(napcat, target, site.params, text, eol, !!decision && decision.target === target)
          : { edits: [], manual: [] };
        const edits = target === napcat && !(site.callSite === 'url' && !site.apiPrefix) ? pm.edits : [renameEdit(site, target), ...pm.edits];
        const manual = site.frame ? [...pm.manual, { code: 'transport' as const }] : pm.manual;
        if (edits.length) fixes.push({ target, edits, manual });
      }
    }
    fixes.splice(0, fixes.length, ...validFixes(fixes, text));
    const manualForMessage = fixes.find((f) => f.target === preferred)?.manual ?? (e.kind === 'mapped' && !rewritable(site) ? [] : undefined);
    const finding: Finding = {
      start: site.start, end: site.end, napcat, milky: e.milky, kind: e.kind, callSite: site.callSite,
      message: '', fixes, frame: site.frame,
    };
    if (preferred) finding.preferred = preferred;
    if (decision && e.kind !== 'mapped') finding.reason = decision.by;
    finding.message = findingMessage({ kind: e.kind, napcat, milky: e.milky, preferred: finding.preferred, callSite: site.callSite, written: site.written, frame: site.frame, apiPrefix: site.apiPrefix, decidedBy: decision?.by, manual: manualForMessage }, locale);
    out.push(finding);
  }
  if (milkyNames.has(site.written) && site.params && site.callSite !== 'method' && site.callSite !== 'camel' && site.callSite !== 'key') {
    checkMilkyParams(site.written, site, site.params, text, locale, out);
  }
}

function checkMilkyParams(endpoint: string, site: Site, obj: ObjectInfo, text: string, locale: Locale, out: Finding[]): void {
  const ep = milkyEntry(endpoint)!;
  const accepted = new Set(ep.input.map((f) => f.name));
  const push = (start: number, end: number, param: string, problem: 'unknown' | 'missing') => {
    out.push({
      start, end, napcat: null, milky: [endpoint], kind: 'milky-params', callSite: site.callSite, param, problem, fixes: [],
      message: findingMessage({ kind: 'milky-params', napcat: null, milky: [endpoint], callSite: site.callSite, written: site.written, param, problem }, locale),
    });
  };
  for (const p of obj.props) {
    if (accepted.has(p.key)) continue;
    const q = p.keyQuote ? 1 : 0;
    // An empty key is reported on its quotes; a key whose text does not match (broken input) is not reported.
    if (p.key === '') { if (q && p.keyEnd - p.keyStart >= 2) push(p.keyStart, p.keyEnd, p.key, 'unknown'); }
    else if (text.slice(p.keyStart + q, p.keyEnd - q) === p.key) push(p.keyStart + q, p.keyEnd - q, p.key, 'unknown');
  }
  if (obj.open) return;
  const present = new Set(obj.props.map((p) => p.key));
  for (const f of ep.input) if (!f.optional && !present.has(f.name)) push(site.start, site.end, f.name, 'missing');
}
