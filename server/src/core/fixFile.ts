import { parseProblem } from './analyze';
import { applyEdits } from './edits';
import type { Finding } from './findings';
import { planFixes, type FixPlan } from './fix';

/** A whole file's automatic fix: the plan, and the new text only when it still parses. */
export type FileFix =
  | { plan: FixPlan; outcome: 'unchanged' }
  | { plan: FixPlan; outcome: 'fixed'; text: string }
  | { plan: FixPlan; outcome: 'refused'; problem: string };

/** The one check before any fix is written or offered for a whole file: the result must parse. */
export function fixFile(text: string, languageId: string, findings: Finding[]): FileFix {
  const plan = planFixes(findings, text, languageId);
  if (!plan.edits.length) return { plan, outcome: 'unchanged' };
  const next = applyEdits(text, plan.edits);
  const problem = parseProblem(next, languageId);
  return problem ? { plan, outcome: 'refused', problem } : { plan, outcome: 'fixed', text: next };
}
