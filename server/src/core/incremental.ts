import type * as TS from 'typescript';
import { disabledAnalysis, finishFindings, findingsOfScan, scanOptionsFor, skippedBy, type Analysis } from './analyze';
import { fileRulesApply, TRANSPORT_PREFILTER } from './rules/file';
import { resultCallOffsets, TRANSPORT_WORDS } from './transport/scan';
import { hasSite } from './findings';
import type { Finding } from './findings';
import { findingsOfSites } from './rules';
import type { ReportOptions } from './scan';
import type { Site } from './scan/types';
import { calleeNameOf, FOREIGN_CALLEES, parseDiagnosticsOf, scanTypeScript, ts } from './scan/typescript';
import { shiftFindings, shiftSite } from './shift';

/** One edit of a text: [start, end) of the text before it replaced by newLength characters. */
export interface TextChange {
  start: number;
  end: number;
  newLength: number;
}

/** A document's analysis that follows its edits: give it the new text and the edits that led there. */
export interface DocumentAnalyzer {
  /** `changes` undefined: the edits are not known (analyze from scratch). */
  update(text: string, changes?: readonly TextChange[], options?: ReportOptions): Analysis;
  /** Drops what it keeps for the next edit (memory); the next update starts over. */
  release(): void;
}

/**
 * Incremental analysis of one TS/JS document while it is edited.
 *
 * A full parse of a 10,000-line file costs far more than a keystroke may (and TS's own
 * incremental reparse still walks the whole tree). Findings are local to a statement, so an edit
 * strictly inside one statement only re-parses that statement's text; findings elsewhere are
 * shifted. Edited statements are kept as "regions" over the last full parse (the base) until too
 * many accumulate or an edit does not fit one statement; then one full reparse rebases.
 */
interface Region {
  /** The statement's range in base coordinates. */
  baseStart: number;
  baseEnd: number;
  /** Its length in the current text. */
  curLength: number;
  /** Inside the arguments of rpc/invoke/url_for: nothing in it is reported. */
  foreign: boolean;
  /** The whitespace and comments between two top-level statements (it may come to hold new ones). */
  gap?: boolean;
  /** Findings and sites relative to the region's current start; undefined until re-scanned. */
  findings?: Finding[];
  sites?: Site[];
}

const MAX_REGIONS = 64;

/** Why an update analyses the whole text (statistics for tests and the benchmark). */
export type FullReason = 'first' | 'unknown-edit' | 'no-tree' | 'region-edge' | 'many-regions' | 'no-statement' | 'context' | 'released' | 'disabled' | 'file-rules'
  | 'first-token' | 'joins-next' | 'joins-previous' | 'unparsed' | 'syntax-error';
/** A statement followed by one of these might join with it when its own end changes (ASI). */
const JOINING_NEXT = /^[([`+\-*/%,.?=<>&|^!]/;

/** Where a new region goes, in base coordinates. */
interface RegionSpan {
  start: number;
  end: number;
  foreign: boolean;
  gap?: boolean;
}

export class IncrementalTsAnalysis implements DocumentAnalyzer {
  private baseText = '';
  /** The text of the last update: the coordinates the next changes are in. */
  private lastText: string | undefined;
  private baseSf: TS.SourceFile | undefined;
  private baseClean = false;
  private baseFindings: Finding[] = [];
  private baseSites: Site[] = [];
  /** Offsets of the base parse's syntax errors. */
  private baseErrors: number[] = [];
  /** The base text could hold file-rule findings (events, transport): those need a parse of the whole text. */
  private baseFileRules = false;
  private regions: Region[] = [];
  /** The base text holds transport words (the transport rule runs). */
  private baseTransport = false;
  /** The names that hold a reshaped result in the base (as whole words), when there are any. */
  private holders: RegExp | undefined;
  /** The tree of the last text analysed whole while a region was broken (see `whole`). */
  private scratch: { text: string; sourceFile: TS.SourceFile } | undefined;
  /** Why the next update must analyse the whole text; undefined when the regions hold. */
  private fullBecause: FullReason | undefined = 'first';
  private options: ReportOptions = {};
  /** Statistics for tests and the benchmark. */
  readonly stats = { full: 0, regional: 0, reasons: {} as Partial<Record<FullReason, number>> };

  constructor(private readonly languageId: string) {}

  update(text: string, changes?: readonly TextChange[], options: ReportOptions = {}): Analysis {
    this.options = options;
    const last = this.lastText;
    this.lastText = text;
    // The edits must lead from the last text to this one; otherwise they are not about this text.
    const delta = (changes ?? []).reduce((n, c) => n + c.newLength - (c.end - c.start), 0);
    if (last === undefined) this.fullBecause = 'first';
    else if (!changes || last.length + delta !== text.length) this.fullBecause = 'unknown-edit';
    else for (const c of changes) this.applyChange(c.start, c.end, c.newLength);
    return this.analyze(text);
  }

  /** Records an edit of the current text: [start, end) replaced by newLength characters. */
  private applyChange(start: number, end: number, newLength: number): void {
    if (this.fullBecause || !this.baseSf) { this.fullBecause ??= 'no-tree'; return; }
    const delta = newLength - (end - start);
    // Inside an edited statement already?
    let shift = 0;
    for (const r of this.regions) {
      const curStart = r.baseStart + shift;
      const curEnd = curStart + r.curLength;
      if (start > curStart && end < curEnd) {
        r.curLength += delta;
        r.findings = undefined;
        r.sites = undefined;
        return;
      }
      if (end >= curStart && start <= curEnd) { this.fullBecause = 'region-edge'; return; }
      if (curEnd < start) shift += r.curLength - (r.baseEnd - r.baseStart);
    }
    // Map to base coordinates: the edit lies outside every region.
    const baseStart = start - shift;
    const baseEnd = end - shift;
    const found = this.statementAround(baseStart, baseEnd) ?? this.gapAround(baseStart, baseEnd);
    if (!found || this.regions.length >= MAX_REGIONS) { this.fullBecause = found ? 'many-regions' : 'no-statement'; return; }
    const { foreign } = found;
    const sStart = found.start;
    const sEnd = found.end;
    if (!this.baseClean && !this.isContextFree(sStart, sEnd)) { this.fullBecause = 'context'; return; }
    // Absorb regions nested in this statement.
    let absorbed = 0;
    const kept: Region[] = [];
    for (const r of this.regions) {
      if (r.baseStart >= sStart && r.baseEnd <= sEnd) absorbed += r.curLength - (r.baseEnd - r.baseStart);
      else kept.push(r);
    }
    const region: Region = { baseStart: sStart, baseEnd: sEnd, curLength: sEnd - sStart + absorbed + delta, foreign, gap: found.gap };
    kept.push(region);
    kept.sort((a, b) => a.baseStart - b.baseStart);
    this.regions = kept;
  }

  /**
   * With syntax errors elsewhere in the base, a statement counts only if it has none itself and,
   * parsed on its own, yields exactly the sites the full parse found in it.
   */
  private isContextFree(sStart: number, sEnd: number): boolean {
    if (this.baseErrors.some((e) => e >= sStart && e <= sEnd)) return false;
    const alone = scanTypeScript(this.baseText.slice(sStart, sEnd), this.languageId, { alwaysParse: true });
    if (alone.syntaxError) return false;
    const inBase = this.baseSites.filter((x) => x.start >= sStart && x.end <= sEnd);
    return alone.sites.length === inBase.length && alone.sites.every((x, i) => x.start + sStart === inBase[i].start && x.written === inBase[i].written && x.callSite === inBase[i].callSite);
  }

  /**
   * The whitespace and comments between two top-level statements that strictly contain [start, end)
   * in the base: a line typed there (a new call) is a region of its own.
   */
  private gapAround(start: number, end: number): RegionSpan | undefined {
    const sf = this.baseSf!;
    const list = sf.statements;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (list[mid].end <= start) lo = mid + 1; else hi = mid; }
    const gapStart = lo > 0 ? list[lo - 1].end : 0;
    const gapEnd = lo < list.length ? list[lo].getStart(sf) : sf.end;
    if (!(gapStart < start && end < gapEnd)) return undefined;
    // Parser recovery may skip tokens that belong to no statement: such a stretch is no gap.
    if (!isTriviaOnly(this.baseText.slice(gapStart, gapEnd), false)) return undefined;
    return { start: gapStart, end: gapEnd, foreign: false, gap: true };
  }

  /** The deepest statement of a statement list that strictly contains [start, end) in the base. */
  private statementAround(start: number, end: number): RegionSpan | undefined {
    const t = ts();
    const K = t.SyntaxKind;
    const sf = this.baseSf!;
    let best: RegionSpan | undefined;
    let foreign = false;
    let node: TS.Node = sf;
    for (let depth = 0; depth < 500; depth++) {
      let next: TS.Node | undefined;
      let nextIsStatement = false;
      /** Where the statement before `next` ends (or its list begins), when `next` is a statement. */
      let gapStart = 0;
      const pick = (n: TS.Node, inStatementList: boolean) => {
        if (next) return;
        if (n.pos <= start && end <= n.end) { next = n; nextIsStatement = inStatementList; }
      };
      t.forEachChild(node, (child) => { pick(child, false); return next ? true : undefined; }, (nodes) => {
        // Binary search: statement lists can be long.
        let lo = 0;
        let hi = nodes.length - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          const n = nodes[mid];
          if (n.end < end) lo = mid + 1;
          else if (n.pos > start) hi = mid - 1;
          else { pick(n, isStatementList(node, K)); gapStart = mid > 0 ? nodes[mid - 1].end : nodes.pos; break; }
        }
        return next ? true : undefined;
      });
      if (!next) break;
      if (node.kind === K.CallExpression || node.kind === K.NewExpression) {
        const call = node as TS.CallExpression;
        if (next !== call.expression && calleeIsForeign(call.expression)) foreign = true;
      }
      const nextStart: number = next.getStart(sf);
      if (nextIsStatement && start < nextStart) {
        // In the whitespace and comments before a statement: that stretch is the region.
        const isGap = gapStart < start && end < nextStart && isTriviaOnly(this.baseText.slice(gapStart, nextStart), false);
        return isGap ? { start: gapStart, end: nextStart, foreign, gap: true } : best;
      }
      if (nextIsStatement && nextStart < start && end < next.end) best = { start: nextStart, end: next.end, foreign };
      node = next;
    }
    return best;
  }

  /** Drops the syntax tree (memory); the next edit re-parses the whole text once. */
  release(): void {
    this.scratch = undefined;
    if (!this.baseSf) return;
    this.baseSf = undefined;
    this.regions = [];
    this.scratch = undefined;
    this.fullBecause = 'released';
  }

  private analyze(text: string): Analysis {
    const disabled = disabledAnalysis(text);
    if (disabled) { this.fullBecause = 'disabled'; return disabled; }
    if (this.fullBecause || !this.baseSf) return this.full(text, this.fullBecause ?? 'no-tree');
    // File rules read the whole tree. Their findings stand (shifted) only while every edited statement,
    // before and after, holds nothing they look at and none of them; otherwise the text is reparsed whole.
    if (!this.baseFileRules && fileRulesApply(text)) return this.full(text, 'file-rules');
    let shift = 0;
    for (const r of this.regions) {
      const curStart = r.baseStart + shift;
      if (this.baseFileRules && !this.fileRulesUntouched(r, text, curStart)) return this.full(text, 'file-rules');
      if (!r.findings) {
        const failed = this.rescan(r, text, curStart);
        // A statement left broken mid-typing: this text is analysed whole, but the base and the
        // regions stay, so the edit that mends the statement is regional again.
        if (failed === 'syntax-error' || failed === 'unparsed') return this.whole(text, failed);
        if (failed) return this.full(text, failed);
      }
      shift += r.curLength - (r.baseEnd - r.baseStart);
    }
    this.stats.regional++;
    return this.compose(text);
  }

  /** An edited statement that file rules cannot see: no text of theirs in it (old or new), none of their findings, and no call helper in the file. */
  private fileRulesUntouched(r: Region, text: string, curStart: number): boolean {
    const before = this.baseText.slice(r.baseStart, r.baseEnd);
    const now = text.slice(curStart, curStart + r.curLength);
    if (fileRulesApply(before) || fileRulesApply(now)) return false;
    const fileFindings = this.baseFindings.filter((f) => !hasSite(f));
    if (fileFindings.some((f) => f.end > r.baseStart && f.start < r.baseEnd)) return false;
    if (this.baseTransport) {
      // Hints on the uses of a reshaped result, or of an event source, can arise anywhere in the
      // holder's scope: such a scope (a top-level statement, or the whole module) is re-read whole.
      if (TRANSPORT_WORDS.test(before) || TRANSPORT_WORDS.test(now)) return false;
      // A mention of an action with a reshaped result (a new holder), or a holder's name (a new or lost use).
      for (const t of [before, now]) {
        const mentions = resultCallOffsets(t);
        if (!mentions || mentions.length || (this.holders && this.holders.test(t))) return false;
      }
    }
    // A call helper's facts hold offsets from all over the file: those move only with a whole analysis.
    return !fileFindings.some((f) => f.kind === 'transport' && f.helper);
  }

  /** Re-scans an edited region; the reason it cannot, when the text must be analysed whole. */
  private rescan(r: Region, text: string, curStart: number): FullReason | undefined {
    const snippet = text.slice(curStart, curStart + r.curLength);
    if (r.gap && isTriviaOnly(snippet, true)) { r.findings = []; r.sites = []; return undefined; }
    // A statement typed into a gap must start on a line of its own, or it might continue the one before.
    if (r.gap && !/^[ \t]*(?:\r?\n)/.test(snippet.replace(/^(?:[ \t]*(?:\/\/[^\n]*|\/\*[^]*?\*\/))*/, ''))) return 'joins-previous';
    if (r.gap && !/\n[ \t]*$/.test(snippet)) return 'joins-next';
    // The statement must still begin the same way (or with a word that cannot continue the one
    // before it) and not run into what follows it.
    const first = firstToken(snippet);
    if (first !== firstToken(this.baseText.slice(r.baseStart, r.baseEnd)) && !startsOwnStatement(first)) return 'first-token';
    const after = text.slice(curStart + r.curLength, curStart + r.curLength + 200).replace(/^\s+/, '');
    if (JOINING_NEXT.test(after)) return 'joins-next';
    const result = scanTypeScript(snippet, this.languageId, { alwaysParse: true, tolerant: true });
    const sf = result.sourceFile;
    if (result.fatal || !sf || sf.statements.length === 0) return 'unparsed';
    // A statement with a syntax error still parses the same in place when its errors stay inside it:
    // nothing reaches the end of the text (an unclosed bracket, string, template or comment would),
    // and every bracket is closed by its own (a stray `}` or `)` would end an enclosing block or call).
    if (result.syntaxError && !errorsStayInside(sf, snippet)) return 'syntax-error';
    if (r.foreign) { r.findings = []; r.sites = []; return undefined; }
    // Findings of a statement depend only on its own text.
    r.findings = findingsOfSites(result.sites, snippet);
    r.sites = result.sites;
    return undefined;
  }

  /** Base findings outside regions (shifted) plus each region's own. */
  private compose(text: string): Analysis {
    const findings: Finding[] = [];
    const sites: Site[] = [];
    let shift = 0;
    let ri = 0;
    let fi = 0;
    let si = 0;
    const regions = this.regions;
    const emitBaseUntil = (limit: number) => {
      const from = fi;
      while (fi < this.baseFindings.length && this.baseFindings[fi].start < limit) fi++;
      // The sites move first: the findings take the moved copies instead of moving their sites again.
      const movedSites = new Map<Site, Site>();
      while (si < this.baseSites.length && this.baseSites[si].start < limit) { const s = this.baseSites[si++]; const m = shiftSite(s, shift); movedSites.set(s, m); sites.push(m); }
      shiftFindings(this.baseFindings.slice(from, fi), shift, findings, movedSites);
    };
    for (; ri < regions.length; ri++) {
      const r = regions[ri];
      emitBaseUntil(r.baseStart);
      while (fi < this.baseFindings.length && this.baseFindings[fi].start < r.baseEnd) fi++;
      while (si < this.baseSites.length && this.baseSites[si].start < r.baseEnd) si++;
      const curStart = r.baseStart + shift;
      const regionSites = new Map<Site, Site>();
      for (const s of r.sites ?? []) { const m = shiftSite(s, curStart); regionSites.set(s, m); sites.push(m); }
      shiftFindings(r.findings ?? [], curStart, findings, regionSites);
      shift += r.curLength - (r.baseEnd - r.baseStart);
    }
    emitBaseUntil(Infinity);
    return { findings: finishFindings(text, findings, sites, this.options), sites };
  }

  /**
   * This text analysed whole, leaving the base and the regions as they are. Its tree is kept apart
   * (TS's incremental reparse consumes the tree it starts from), so the next broken keystroke
   * reparses from it instead of from scratch.
   */
  private whole(text: string, reason: FullReason): Analysis {
    this.count(reason);
    const s = this.scratch;
    const previous = s ? { sourceFile: s.sourceFile, change: diffRange(s.text, text) } : undefined;
    const { analysis, result } = this.analyzeWhole(text, previous);
    this.scratch = result.sourceFile ? { text, sourceFile: result.sourceFile } : undefined;
    return analysis;
  }

  private count(reason: FullReason): void {
    this.stats.full++;
    this.stats.reasons[reason] = (this.stats.reasons[reason] ?? 0) + 1;
  }

  private analyzeWhole(text: string, previous: { sourceFile: TS.SourceFile; change: TS.TextChangeRange } | undefined, watch?: Set<string>) {
    // Without any name in the text there is nothing to parse for (the prefilter); edits then start over.
    const options = scanOptionsFor(text, this.languageId, { tolerant: true });
    let result = scanTypeScript(text, this.languageId, { ...options, previous });
    if (result.fatal && previous) result = scanTypeScript(text, this.languageId, options);
    const skipped = skippedBy(result, true);
    // The base keeps every finding: file-wide rules (context, ignore lines) are applied on each composition.
    const raw = skipped ? [] : findingsOfScan(text, result, this.languageId, watch).sort((a, b) => a.start - b.start || a.end - b.end);
    const analysis: Analysis = skipped ? { findings: [], skipped, sites: [] } : { findings: finishFindings(text, [...raw], result.sites, this.options), syntaxError: result.syntaxError, sites: result.sites };
    return { analysis, raw, result };
  }

  /** This text analysed whole; it becomes the base of the next updates. */
  private full(text: string, reason: FullReason): Analysis {
    this.count(reason);
    let previous: { sourceFile: TS.SourceFile; change: TS.TextChangeRange } | undefined;
    if (this.baseSf) previous = { sourceFile: this.baseSf, change: diffRange(this.baseText, text) };
    const watch = new Set<string>();
    const { analysis, raw, result } = this.analyzeWhole(text, previous, watch);
    this.baseFileRules = fileRulesApply(text);
    this.baseTransport = TRANSPORT_PREFILTER.test(text);
    this.holders = watch.size ? new RegExp(`(?<![\\w$])(?:${[...watch].map((n) => n.replace(/\$/g, '\\$')).join('|')})(?![\\w$])`) : undefined;
    this.baseText = text;
    this.baseSf = result.sourceFile;
    this.baseClean = !result.syntaxError && !!result.sourceFile;
    this.baseErrors = result.sourceFile ? parseDiagnosticsOf(result.sourceFile).map((d) => d.start) : [];
    // Hovers need only where each name is; params stay with the findings that use them (cheaper to shift).
    this.baseSites = analysis.sites.map((x) => (x.params ? { ...x, params: undefined } : x));
    this.baseFindings = raw;
    this.regions = [];
    this.fullBecause = undefined;
    this.scratch = undefined;
    return analysis;
  }
}

function errorsStayInside(sf: TS.SourceFile, snippet: string): boolean {
  const diags = parseDiagnosticsOf(sf);
  if (diags.some((d) => d.start + Math.max(d.length, 1) >= snippet.length)) return false;
  const last = sf.statements[sf.statements.length - 1];
  if (last.end !== snippet.length || sf.statements[0].getStart(sf) !== 0) return false;
  return bracketsBalanced(snippet);
}

/** Token-level bracket balance (strings, templates, comments and regexes skipped), never below zero. */
function bracketsBalanced(text: string): boolean {
  const t = ts();
  const K = t.SyntaxKind;
  const scanner = t.createScanner(t.ScriptTarget.Latest, true, t.LanguageVariant.Standard, text);
  const stack: number[] = [];
  let prev = K.Unknown;
  for (let tok = scanner.scan(); tok !== K.EndOfFileToken; tok = scanner.scan()) {
    if (tok === K.SlashToken || tok === K.SlashEqualsToken) {
      // A regex where an expression may start (the usual heuristic).
      if (!(prev === K.Identifier || prev === K.NumericLiteral || prev === K.StringLiteral || prev === K.CloseParenToken || prev === K.CloseBracketToken || prev === K.CloseBraceToken || prev === K.ThisKeyword)) tok = scanner.reScanSlashToken();
    } else if (tok === K.TemplateHead) {
      stack.push(K.TemplateHead);
    } else if (tok === K.OpenBraceToken || tok === K.OpenParenToken || tok === K.OpenBracketToken) {
      stack.push(tok);
    } else if (tok === K.CloseBraceToken) {
      const top = stack.pop();
      if (top === K.TemplateHead) {
        // The end of a substitution: continue the template.
        const next = scanner.reScanTemplateToken(false);
        if (next === K.TemplateMiddle) stack.push(K.TemplateHead);
        tok = next;
      } else if (top !== K.OpenBraceToken) return false;
    } else if (tok === K.CloseParenToken) {
      if (stack.pop() !== K.OpenParenToken) return false;
    } else if (tok === K.CloseBracketToken) {
      if (stack.pop() !== K.OpenBracketToken) return false;
    }
    prev = tok;
  }
  return stack.length === 0;
}

function isStatementList(parent: TS.Node, K: typeof TS.SyntaxKind): boolean {
  return parent.kind === K.SourceFile || parent.kind === K.Block || parent.kind === K.ModuleBlock || parent.kind === K.CaseClause || parent.kind === K.DefaultClause;
}

function calleeIsForeign(e: TS.Expression): boolean {
  const name = calleeNameOf(e);
  return !!name && FOREIGN_CALLEES.has(name);
}

function firstToken(s: string): string {
  const m = /^\s*([A-Za-z_$][\w$]*|\S)/.exec(s);
  return m ? m[1] : '';
}

/** The changed span between two texts (common prefix and suffix), for TS's incremental parser. */
function diffRange(a: string, b: string): TS.TextChangeRange {
  const c = changedSpan(a, b);
  return { span: { start: c.start, length: c.end - c.start }, newLength: c.newLength };
}

/** The one edit that turns `a` into `b`: what lies between their common prefix and common suffix. */
export function changedSpan(a: string, b: string): TextChange {
  let p = 0;
  const max = Math.min(a.length, b.length);
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return { start: p, end: a.length - s, newLength: b.length - p - s };
}

/** Words that cannot begin a statement of their own: they continue or restructure what is around them. */
const CONTINUING_WORDS: ReadonlySet<string> = new Set(['in', 'instanceof', 'as', 'satisfies', 'of', 'case', 'default', 'else', 'catch', 'finally', 'while', 'extends', 'implements']);

/** A first token after which ASI ends the statement before it: an identifier or keyword that continues nothing. */
function startsOwnStatement(first: string): boolean {
  return /^[A-Za-z_$]/.test(first) && !CONTINUING_WORDS.has(first);
}

/**
 * Only whitespace and closed comments; a line comment ends before the text does (it would swallow
 * what follows). `keepsBreak`: with a line break, so that ASI still ends the statement before it.
 */
function isTriviaOnly(text: string, keepsBreak: boolean): boolean {
  const t = ts();
  const K = t.SyntaxKind;
  let ok = true;
  const scanner = t.createScanner(t.ScriptTarget.Latest, false, t.LanguageVariant.Standard, text, () => { ok = false; });
  let last = K.Unknown;
  let lineBreak = false;
  for (let tok = scanner.scan(); tok !== K.EndOfFileToken; tok = scanner.scan()) {
    if (tok !== K.WhitespaceTrivia && tok !== K.NewLineTrivia && tok !== K.SingleLineCommentTrivia && tok !== K.MultiLineCommentTrivia) return false;
    if (tok === K.NewLineTrivia) lineBreak = true;
    if (tok !== K.WhitespaceTrivia) last = tok;
  }
  return ok && last !== K.SingleLineCommentTrivia && (lineBreak || !keepsBreak);
}

