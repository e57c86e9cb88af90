import type { Finding, FixOption } from './analyze';
import { normalizeEdits, type Edit } from './edits';
import type { ManualStep } from './params';

/**
 * The option a fix applies without asking: the only target of a mapped name, the target the
 * context decided for an ambiguous one, and `/api/` for a same-name URL. Nothing else.
 */
export function automaticFix(f: Finding): FixOption | undefined {
  if (f.kind === 'mapped' || (f.kind === 'ambiguous' && f.preferred)) return f.fixes.find((x) => x.target === f.preferred);
  if (f.kind === 'same-name') return f.fixes.find((x) => x.target === f.napcat);
  return undefined;
}

export interface FixPlan {
  edits: Edit[];
  applied: { finding: Finding; option: FixOption }[];
  /** Findings left for a person, with the steps that remain. */
  manual: { finding: Finding; steps: ManualStep[] }[];
}

/** Every automatic fix of a file, as sorted non-overlapping edits, plus the manual steps left. */
export function planFixes(findings: Finding[]): FixPlan {
  const applied: FixPlan['applied'] = [];
  const manual: FixPlan['manual'] = [];
  let edits: Edit[] = [];
  for (const f of findings) {
    const option = automaticFix(f);
    if (option) {
      const merged = normalizeEdits([...edits, ...option.edits]);
      // Keep the option only when none of its edits collided with an earlier one.
      if (merged.length === edits.length + option.edits.length) {
        edits = merged;
        applied.push({ finding: f, option });
        if (option.manual.length) manual.push({ finding: f, steps: option.manual });
        continue;
      }
    }
    if (f.kind !== 'same-name') manual.push({ finding: f, steps: option?.manual ?? [] });
  }
  return { edits, applied, manual };
}
