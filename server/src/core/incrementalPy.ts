/**
 * The editor's engine for Python: tree-sitter's own incremental reparse. The previous tree is told
 * about the edit (`tree.edit`) and handed to the next parse, which reuses every unchanged subtree;
 * the site walk then runs over the new tree and the same stages as `analyzeDocument` follow.
 */
import { analysisOfScan, disabledAnalysis, type Analysis } from './analyze';
import type { Finding } from './findings';
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

/** A statement's site findings, the sites they were made from, and where the statement began. */
interface CachedFindings { start: number; sites: readonly Site[]; findings: Finding[] }

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

  /** Site findings of the last update per statement, keyed by what they depend on, with where the statement began. */
  private findingsCache = new Map<string, CachedFindings>();

  /**
   * The site rules' findings, statement by statement: a statement's depend only on its own text, the
   * module's `Bot` names and whether the file is NoneBot v11 code, so an unchanged statement's are
   * reused (shifted) instead of reading its messages again.
   */
  private siteFindings(text: string, result: PyScan): Finding[] {
    const statements = result.statements!;
    const context = `${statements.flatMap((st) => st.bots).join('\n')}\u0000${result.nonebot ? 1 : 0}\u0000`;
    const next = new Map<string, CachedFindings>();
    const out: Finding[] = [];
    const sites = result.sites;
    let i = 0;
    for (const st of statements) {
      // The scan's own sites (marked for NoneBot) that fall in this statement.
      const from = i;
      while (i < sites.length && sites[i].start < st.end) i++;
      if (i === from) continue;
      const key = context + text.slice(st.start, st.end);
      const own = sites.slice(from, i);
      let cached = next.get(key) ?? this.findingsCache.get(key);
      if (!cached) cached = { start: st.start, sites: own, findings: findingsOfSites(own, text) };
      else if (cached.start !== st.start) {
        // Moved by the edit: shifted once, and kept where it now is (statements before an edit never move).
        // The scan has moved this statement's sites already (same text, same sites in the same order): the findings take those.
        const movedSites = new Map<Site, Site>();
        if (cached.sites.length === own.length) cached.sites.forEach((x, k) => movedSites.set(x, own[k]));
        const moved: Finding[] = [];
        shiftFindings(cached.findings, st.start - cached.start, moved, movedSites);
        cached = { start: st.start, sites: own, findings: moved };
      }
      next.set(key, cached);
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
    this.findingsCache = new Map();
  }
}
