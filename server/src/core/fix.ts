/** Fixes are derived here and only here: from a finding's facts and the text it was found in. */
import { napcatEntry } from './catalog';
import { normalizeEdits, type Edit } from './edits';
import { isActionFinding, type ActionFinding, type Finding } from './findings';
import { migrateParams, type ManualStep } from './params';
import { paramsObject, type Site } from './scan/types';
import { eolOf } from './text';

/** What a fix does, so that its title can say it: rename to a target, add `/api/`, or only migrate params. */
export type FixAction = 'rename' | 'api-prefix' | 'params';

/** One way to migrate a finding: the edits for one Milky target and what is left to do by hand. */
export interface FixOption {
  target: string;
  action: FixAction;
  edits: Edit[];
  manual: ManualStep[];
  /** False when the rename alone would change what the call does (a constant it needs cannot be added here). */
  automatic: boolean;
}

/** Can this site's name be rewritten in place? SDK methods and camelCase calls have no certain form; renaming a definition breaks its callers. */
function rewritable(site: Site): boolean {
  return site.callSite !== 'method' && site.callSite !== 'camel' && !site.definition;
}

function needsApiPrefix(site: Site): boolean {
  return site.callSite === 'url' && !site.apiPrefix;
}

function renameEdit(site: Site, target: string): Edit {
  return { start: site.start, end: site.end, newText: needsApiPrefix(site) ? `api/${target}` : target };
}

/** Keeps only edits that are well-formed for this text (a guard for broken input). */
function inText(edits: Edit[], text: string): boolean {
  return edits.every((e) => e.start >= 0 && e.start <= e.end && e.end <= text.length);
}

/** One option per Milky candidate that can be rewritten at this site; empty when none can. */
export function fixesFor(f: Finding, text: string, eol = eolOf(text)): FixOption[] {
  if (!isActionFinding(f) || !rewritable(f.site)) return [];
  const site = f.site;
  const e = napcatEntry(f.napcat)!;
  const targets = e.kind === 'same-name' ? (site.callSite === 'url' || site.params?.kind === 'object' ? [f.napcat] : []) : e.milky;
  const out: FixOption[] = [];
  for (const target of targets) {
    const decided = f.decidedBy !== undefined && f.preferred === target;
    const pm = site.params ? migrateParams(e, target, paramsObject(site), text, eol, decided) : { edits: [], manual: [] };
    const keepsName = target === f.napcat && !needsApiPrefix(site);
    const edits = keepsName ? pm.edits : [renameEdit(site, target), ...pm.edits];
    let manual: ManualStep[] = site.frame ? [...pm.manual, { code: 'transport' }] : pm.manual;
    const action: FixAction = e.kind !== 'same-name' ? 'rename' : needsApiPrefix(site) ? 'api-prefix' : 'params';
    // A name used away from its params (an enum member, a constant, a map value): a target that needs
    // a constant is right only with that constant in the same call, so the rename waits for a person.
    const constants = Object.entries(e.constants[target] ?? {});
    const alias = !keepsName && constants.length > 0 && site.params?.kind !== 'object';
    if (alias) manual = [{ code: 'alias' }, ...constants.map(([k, v]): ManualStep => ({ code: 'constant', field: k, value: v })), ...manual.filter((m) => m.code !== 'constant')];
    if (edits.length && inText(edits, text)) out.push({ target, action, edits, manual, automatic: !alias });
  }
  return out;
}

/**
 * The option a fix applies without asking: the only target of a mapped name, the target the
 * context decided for an ambiguous one, and `/api/` for a same-name URL. Nothing else.
 */
export function automaticFix(f: Finding, options: FixOption[]): FixOption | undefined {
  if (!isActionFinding(f)) return undefined;
  let option: FixOption | undefined;
  if (f.kind === 'mapped' || (f.kind === 'ambiguous' && f.preferred)) option = options.find((x) => x.target === f.preferred);
  else if (f.kind === 'same-name') option = options.find((x) => x.target === f.napcat);
  return option?.automatic ? option : undefined;
}

/** The steps left by hand after the preferred fix, for a finding's message; undefined when there is no such fix. */
export function stepsAfterPreferredFix(f: ActionFinding, text: string): ManualStep[] | undefined {
  const option = fixesFor(f, text).find((x) => x.target === f.preferred);
  if (option) return option.manual;
  return f.kind === 'mapped' && !rewritable(f.site) ? [] : undefined;
}

export interface FixPlan {
  edits: Edit[];
  applied: { finding: Finding; option: FixOption }[];
  /** Findings left for a person, with the steps that remain. */
  manual: { finding: Finding; steps: ManualStep[] }[];
}

type Candidate = { finding: Finding; option: FixOption | undefined; blocked?: ManualStep };

/**
 * Renames must not make two names of one set equal (three `mark_*_as_read` keys of one interface
 * all becoming `mark_message_as_read`), nor equal a name already there: such renames are blocked.
 */
function blockDuplicates(candidates: Candidate[]): void {
  const groups = new Map<number, Candidate[]>();
  for (const c of candidates) {
    const g = c.finding.site.group;
    if (!g || !c.option || c.option.action !== 'rename') continue;
    (groups.get(g.start) ?? groups.set(g.start, []).get(g.start)!).push(c);
  }
  for (const members of groups.values()) {
    const names = new Map<string, number>();
    const renamed = new Set(members.map((c) => c.finding.site.written));
    for (const n of members[0].finding.site.group!.names) if (!renamed.has(n)) names.set(n, (names.get(n) ?? 0) + 1);
    for (const c of members) names.set(c.option!.target, (names.get(c.option!.target) ?? 0) + 1);
    for (const c of members) {
      if ((names.get(c.option!.target) ?? 0) < 2) continue;
      c.blocked = { code: 'duplicate', field: c.option!.target };
    }
  }
}

/** A Milky-params problem that an applied fix already solved (the key renamed or dropped, the missing key added). */
function solvedBy(f: Finding, applied: FixPlan['applied']): boolean {
  if (f.kind !== 'milky-params') return false;
  return applied.some(({ option, finding }) => finding.site.start === f.site.start && (f.problem === 'unknown'
    ? option.edits.some((e) => e.start <= f.start && f.end <= e.end)
    : option.edits.some((e) => new RegExp(`(^|[\\s{,'"])${f.param}['"]?\\s*[:=]`).test(e.newText))));
}

/** Every automatic fix of a file, as sorted non-overlapping edits, plus the manual steps left. `skip`: findings whose fix must not be applied. */
export function planFixes(findings: Finding[], text: string, skip: ReadonlySet<Finding> = new Set()): FixPlan {
  const applied: FixPlan['applied'] = [];
  const manual: FixPlan['manual'] = [];
  const eol = eolOf(text);
  const candidates: Candidate[] = findings.map((finding) => ({ finding, option: skip.has(finding) ? undefined : automaticFix(finding, fixesFor(finding, text, eol)) }));
  blockDuplicates(candidates);
  let edits: Edit[] = [];
  // One site, one fix: several params findings of a same-name call share its one migration.
  const fixedSites = new Set<number>();
  for (const { finding: f, option, blocked } of candidates) {
    if (option && !blocked && !fixedSites.has(f.site.start)) {
      const merged = normalizeEdits([...edits, ...option.edits]);
      // Keep the option only when none of its edits collided with an earlier one.
      if (merged.length === edits.length + option.edits.length) {
        edits = merged;
        fixedSites.add(f.site.start);
        applied.push({ finding: f, option });
        if (option.manual.length) manual.push({ finding: f, steps: option.manual });
        continue;
      }
    }
    if (blocked) { manual.push({ finding: f, steps: [blocked] }); continue; }
    if (skip.has(f)) { manual.push({ finding: f, steps: [{ code: 'checker', note: 'a duplicate name' }] }); continue; }
    if (option && fixedSites.has(f.site.start)) continue;
    const steps = option?.manual ?? (isActionFinding(f) ? fixesFor(f, text, eol).find((x) => x.target === f.preferred && !x.automatic)?.manual : undefined) ?? [];
    if (f.kind !== 'same-name') manual.push({ finding: f, steps });
  }
  return { edits, applied, manual: manual.filter((m) => !solvedBy(m.finding, applied)) };
}
