/** The analysis pipeline: directives → scan → rules → finish. The incremental engine runs the same stages. */
import { inContext } from './context';
import { IGNORE_NEXT_LINE, ignoredLines, isFileDisabled } from './directives';
import { hasSite, type Finding } from './findings';
import { findingsOfSites } from './rules';
import { fileRulesApply, findingsOfFile } from './rules/file';
import { findingsOfPythonFile } from './rules/pythonFile';
import { frameworkFindings } from './rules/framework';
import { NONEBOT_PREFILTER, type NoneBotScan } from './framework/nonebot';
import { isJsonLanguage, isPythonLanguage } from '../shared/languages';
import { scanText, type ReportOptions, type ScanOptions } from './scan';
import type { ScanResult, Site } from './scan/types';
import type { TsScan } from './scan/typescript';
import { lineStarts, positionAt } from './text';

export type AnalyzeOptions = ScanOptions & ReportOptions;

export interface Analysis {
  findings: Finding[];
  /** Why the file was not analyzed (parse error, nesting); absent when it was. */
  skipped?: string;
  /** A syntax error that was tolerated (editor mode). */
  syntaxError?: string;
  /** Every site the scanner found (hovers on Milky names use them). */
  sites: readonly Site[];
}

/** Stage 1: a file disabled by its directive is not looked at. */
export function disabledAnalysis(text: string): Analysis | undefined {
  return isFileDisabled(text) ? { findings: [], sites: [] } : undefined;
}

/**
 * Stage 2's verdict: nesting beyond the parser's reach is skipped even while typing; other syntax
 * errors only without `tolerant`.
 */
export function skippedBy(result: ScanResult, tolerant: boolean): string | undefined {
  return result.syntaxError && result.sites.length === 0 && (!tolerant || result.fatal) ? result.syntaxError : undefined;
}

/** Stages 3–4: the file's quiet rules, then findings on lines after an ignore directive go, sorted by position. */
export function finishFindings(text: string, findings: Finding[], sites: readonly Site[], options: ReportOptions = {}): Finding[] {
  let kept = inContext(options.reportDefinitions ? findings : findings.filter((f) => !(hasSite(f) && f.site.definition)), text, sites);
  if (kept.length && text.includes(IGNORE_NEXT_LINE)) {
    const starts = lineStarts(text);
    const ignored = ignoredLines(text, starts);
    if (ignored.size) kept = kept.filter((f) => !ignored.has(positionAt(starts, f.start).line));
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Stage 3: the site rules' findings and the file rules' (these need the whole tree: events, transport). */
export function findingsOfScan(text: string, result: TsScan & { nonebot?: NoneBotScan }, languageId: string, watch?: Set<string>, siteFindings?: Finding[]): Finding[] {
  const own = siteFindings ?? findingsOfSites(result.sites, text);
  // Python's file facts come from its own scanner (decorators, framework messages, NoneBot imports); TS/JS's rules read the tree.
  const file = isPythonLanguage(languageId)
    ? [...(result.python ? findingsOfPythonFile(result.python, text, languageId) : []), ...(result.nonebot ? frameworkFindings(result.nonebot, text) : [])]
    : findingsOfFile(result.sourceFile, text, languageId, watch);
  return file.length ? [...own, ...file] : own;
}

/** Stages 2–4 on a scan of the whole text. */
/** `siteFindings`: the site rules' findings when the caller already has them (an editor engine's cache). */
export function analysisOfScan(text: string, result: TsScan, options: AnalyzeOptions, languageId: string, siteFindings?: () => Finding[]): Analysis {
  const skipped = skippedBy(result, !!options.tolerant);
  if (skipped) return { findings: [], skipped, sites: [] };
  return { findings: finishFindings(text, findingsOfScan(text, result, languageId, undefined, siteFindings?.()), result.sites, options), syntaxError: result.syntaxError, sites: result.sites };
}

/** Text that only file rules can find something in (event code, a transport) must be parsed even without an action name. */
export function scanOptionsFor<T extends ScanOptions>(text: string, languageId: string, options: T): T {
  const fileRules = (!isJsonLanguage(languageId) && fileRulesApply(text)) || (isPythonLanguage(languageId) && NONEBOT_PREFILTER.test(text));
  return !options.alwaysParse && fileRules ? { ...options, alwaysParse: true } : options;
}

/** The core's one call: text in, facts out. */
export function analyzeDocument(text: string, languageId: string, options: AnalyzeOptions = {}): Analysis {
  return disabledAnalysis(text) ?? analysisOfScan(text, scanText(text, languageId, scanOptionsFor(text, languageId, options)), options, languageId);
}

export function analyze(text: string, languageId: string, options: AnalyzeOptions = {}): Finding[] {
  return analyzeDocument(text, languageId, options).findings;
}

/** Why a text does not parse, or undefined when it does. Always parses: this checks a fix's result. */
export function parseProblem(text: string, languageId: string): string | undefined {
  return scanText(text, languageId, { alwaysParse: true }).syntaxError;
}
