/**
 * The editor's engine for Python: tree-sitter's own incremental reparse. The previous tree is told
 * about the edit (`tree.edit`) and handed to the next parse, which reuses every unchanged subtree;
 * the site walk then runs over the new tree and the same stages as `analyzeDocument` follow.
 */
import { analysisOfScan, disabledAnalysis, type Analysis } from './analyze';
import { hasSite, type Finding } from './findings';
import type { Site } from './scan/types';
import { findingsOfSites } from './rules';
import { shiftFindings } from './shift';
import { changedSpan, type DocumentAnalyzer, type TextChange } from './incremental';
import type { ReportOptions } from './scan';
import { pythonEditOf, scanPython, type PyScan, type PyScanOptions, type PyStatement, type PyTree } from './scan/python';

/** The one range where `before` and `after` differ: [start, oldEnd) of `before` became [start, newEnd) of `after`. */
function changedRange(before: string, after: string): { start: number; oldEnd: number; newEnd: number } | undefined {
  if (before === after) return undefined;
  const c = changedSpan(before, after);
  return { start: c.start, oldEnd: c.end, newEnd: c.start + c.newLength };
}

/** One change as the editor reported it (no compare of the texts needed), else the compare. */
function editOf(before: string, after: string, changes: readonly TextChange[]): { start: number; oldEnd: number; newEnd: number } | undefined {
  const c = changes.length === 1 ? changes[0] : undefined;
  if (c && c.start >= 0 && c.start <= c.end && c.end <= before.length && before.length - (c.end - c.start) + c.newLength === after.length) return { start: c.start, oldEnd: c.end, newEnd: c.start + c.newLength };
  return changedRange(before, after);
}

interface CachedFindings { start: number; findings: Finding[] }

/**
 * A statement's findings moved to where it now starts. The scan has moved the statement's sites
 * already (`sites[from..to)`): the findings take those copies instead of moving their own.
 */
function moveFindings(cached: CachedFindings, start: number, sites: readonly Site[], from: number, to: number): CachedFindings {
  const d = start - cached.start;
  const now = new Map<string, Site>();
  for (let k = from; k < to; k++) now.set(`${sites[k].start}|${sites[k].end}|${sites[k].written}`, sites[k]);
  const movedSites = new Map<Site, Site>();
  for (const f of cached.findings) if (hasSite(f) && !movedSites.has(f.site)) { const m = now.get(`${f.site.start + d}|${f.site.end + d}|${f.site.written}`); if (m) movedSites.set(f.site, m); }
  const moved: Finding[] = [];
  shiftFindings(cached.findings, d, moved, movedSites);
  return { start, findings: moved };
}

export class IncrementalPyAnalysis implements DocumentAnalyzer {
  private tree: PyTree | undefined;
  private text = '';
  /** The last scan per top-level statement: those the edit and the reparse left alone keep their sites. */
  private statements: PyStatement[] | undefined;
  /** The last scan's file facts and NoneBot scan: the next update keeps what its edit cannot change. */
  private last: Pick<PyScan, 'python' | 'nonebot'> | undefined;
  /** Statistics for tests and the benchmark: top-level statements walked and kept. */
  readonly stats = { updates: 0, visited: 0, reused: 0 };

  /**
   * `changes` says whether the edits are known: one change is taken as the edit; several are merged
   * into the single edit tree-sitter needs by comparing the two texts (one linear pass).
   */
  private options: ReportOptions = {};

  update(text: string, changes?: readonly TextChange[], options: ReportOptions = {}): Analysis {
    this.options = options;
    const disabled = disabledAnalysis(text);
    if (disabled) { this.release(); return disabled; }
    let previousTree: PyTree | undefined;
    let reuse: PyScanOptions['reuse'];
    if (this.tree && changes) {
      const r = editOf(this.text, text, changes) ?? { start: 0, oldEnd: 0, newEnd: 0 };
      if (r.oldEnd > r.start || r.newEnd > r.start) this.tree.edit?.(pythonEditOf(this.text, r.start, r.oldEnd, text.slice(r.start, r.newEnd)));
      previousTree = this.tree;
      if (this.statements) reuse = { statements: this.statements, ...r, text: this.text, python: this.last?.python, nonebot: this.last?.nonebot };
    } else this.release();
    const result = scanPython(text, { tolerant: true, previousTree, keepTree: true, reuse });
    // The old tree is not needed once the new one exists (tree-sitter copies what it reuses).
    if (previousTree && previousTree !== result.tree) previousTree.delete();
    this.tree = result.tree;
    this.text = text;
    this.statements = result.statements;
    this.last = { python: result.python, nonebot: result.nonebot };
    this.stats.updates++;
    this.stats.visited += result.walked?.visited ?? 0;
    this.stats.reused += result.walked?.reused ?? 0;
    return analysisOfScan(text, result, { ...this.options, tolerant: true }, 'python', result.statements ? () => this.siteFindings(text, result) : undefined);
  }

  /** Site findings of the last update per statement (by its id, and by its text for a statement walked again), with where it began. */
  private findingsCache = { context: '', byId: new Map<number, CachedFindings>(), byText: new Map<string, CachedFindings>() };

  /**
   * The site rules' findings, statement by statement: a statement's depend only on its own text, the
   * module's `Bot` names and whether the file is NoneBot v11 code, so a statement the scan kept reuses
   * its findings (shifted when it moved), and one walked again reuses those of the same text.
   */
  private siteFindings(text: string, result: PyScan): Finding[] {
    const statements = result.statements!;
    const context = `${statements.flatMap((st) => st.bots).join('\n')}\u0000${result.nonebot ? 1 : 0}`;
    const last = this.findingsCache.context === context ? this.findingsCache : undefined;
    const next = { context, byId: new Map<number, CachedFindings>(), byText: new Map<string, CachedFindings>() };
    const out: Finding[] = [];
    const sites = result.sites;
    let i = 0;
    for (const st of statements) {
      // The scan's own sites (marked for NoneBot) that fall in this statement.
      const from = i;
      while (i < sites.length && sites[i].start < st.end) i++;
      if (i === from) continue;
      let cached = last?.byId.get(st.id);
      if (!cached) {
        const key = text.slice(st.start, st.end);
        cached = next.byText.get(key) ?? last?.byText.get(key) ?? { start: st.start, findings: findingsOfSites(sites.slice(from, i), text) };
        next.byText.set(key, cached);
      }
      if (cached.start !== st.start) cached = moveFindings(cached, st.start, sites, from, i);
      next.byId.set(st.id, cached);
      out.push(...cached.findings);
    }
    // Sites past the last statement (none expected): read as they are.
    if (i < sites.length) out.push(...findingsOfSites(sites.slice(i), text));
    this.findingsCache = next;
    return out;
  }

  release(): void {
    this.tree?.delete();
    this.tree = undefined;
    this.text = '';
    this.statements = undefined;
    this.last = undefined;
    this.findingsCache = { context: '', byId: new Map(), byText: new Map() };
  }
}
