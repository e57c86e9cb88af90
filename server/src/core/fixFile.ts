import { parseProblem } from './analyze';
import { duplicateDiagnostics } from './checker';
import { applyEdits, type Edit } from './edits';
import { hasSite, type Finding } from './findings';
import { planFixes, type FixPlan } from './fix';

/** A whole file's automatic fix: the plan, and the new text only when it still parses. */
export type FileFix =
  | { plan: FixPlan; outcome: 'unchanged' }
  | { plan: FixPlan; outcome: 'fixed'; text: string }
  | { plan: FixPlan; outcome: 'refused'; problem: string };

/** Where an offset of the original text is after the edits. */
function mapOffset(edits: Edit[], at: number): number {
  let d = 0;
  for (const e of edits) {
    if (e.end <= at) d += e.newText.length - (e.end - e.start);
    else break;
  }
  return at + d;
}

/** Diagnostics of the fixed text that the original did not have, by code (counts, not places). */
function newDuplicates(before: { code: number }[], after: { code: number; start: number }[]): { code: number; start: number }[] {
  const left = new Map<number, number>();
  for (const d of before) left.set(d.code, (left.get(d.code) ?? 0) + 1);
  return after.filter((d) => { const n = left.get(d.code) ?? 0; if (n > 0) { left.set(d.code, n - 1); return false; } return true; });
}

/**
 * The checks before any fix is written or offered for a whole file: the result parses, and the
 * checker on the file alone finds no duplicate name the original did not have; a rename that adds
 * one is dropped and left for a person, with the reason.
 */
export function fixFile(text: string, languageId: string, findings: Finding[]): FileFix {
  const skip = new Set<Finding>();
  let before: { code: number; start: number }[] | undefined;
  for (let round = 0; round < 4; round++) {
    const plan = planFixes(findings, text, { languageId, skip });
    if (!plan.edits.length) return { plan, outcome: 'unchanged' };
    const next = applyEdits(text, plan.edits);
    const problem = parseProblem(next, languageId);
    if (problem) return { plan, outcome: 'refused', problem };
    // Only renames of names in a set (keys, labels, enum values) can add a duplicate: check only then.
    if (!plan.applied.some((a) => hasSite(a.finding) && (a.finding.site.group || a.finding.site.callSite === 'key'))) return { plan, outcome: 'fixed', text: next };
    before ??= duplicateDiagnostics(text, languageId);
    const added = newDuplicates(before, duplicateDiagnostics(next, languageId));
    if (!added.length) return { plan, outcome: 'fixed', text: next };
    // Drop the renames at (or nearest before) each new diagnostic, then plan again.
    const renamed = plan.applied.map((a) => ({ a, at: mapOffset(plan.edits, a.finding.start) }));
    for (const d of added) {
      const culprit = renamed.filter((r) => r.at <= d.start + 1).sort((x, y) => y.at - x.at)[0] ?? renamed[0];
      skip.add(culprit.a.finding);
    }
  }
  const plan = planFixes(findings, text, { languageId, skip });
  return { plan, outcome: 'refused', problem: 'the renames would add duplicate names' };
}
