/** Fixes are derived here and only here: from a finding's facts and the text it was found in. */
import { napcatEntry } from './catalog';
import { normalizeEdits, type Edit } from './edits';
import { planEventFixes, type EventFixPlan, type EventStep } from './events/fix';
import { scanEvents, type EventScan } from './events/scan';
import { isActionFinding, type ActionFinding, type EventFinding, type Finding, type TransportFinding } from './findings';
import { migrateParams, type ManualStep } from './params';
import { parseTypeScript } from './scan/typescript';
import { paramsObject, type Site } from './scan/types';
import { eolOf } from './text';

/** What a fix does, so that its title can say it: rename to a target, add `/api/`, migrate params, or migrate an event block. */
export type FixAction = 'rename' | 'api-prefix' | 'params' | 'event';

/** A step by hand of an event block that cannot move as a whole. */
export interface EventManualStep {
  code: 'event';
  event: EventStep;
}

/** What is left to do by hand: a param's step, or an event block's. */
export type FixStep = ManualStep | EventManualStep;

/** One way to migrate a finding: the edits for one Milky target and what is left to do by hand. */
export interface FixOption {
  target: string;
  action: FixAction;
  edits: Edit[];
  manual: FixStep[];
  /** Several findings share this option (the literals of one guarded block): applied once for all of them. */
  shared?: string;
}

/** Can this site's name be rewritten in place? SDK methods and camelCase calls have no certain form. */
function rewritable(site: Site): boolean {
  return site.callSite !== 'method' && site.callSite !== 'camel';
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

// ---- events: the fix plans of the file, computed from the text (one file at a time is cached) ----

let lastPlans: { text: string; languageId: string; scan: EventScan; plans: EventFixPlan[] } | undefined;

function eventPlansOf(text: string, languageId: string): { scan: EventScan; plans: EventFixPlan[] } {
  if (lastPlans && lastPlans.text === text && lastPlans.languageId === languageId) return lastPlans;
  const sf = parseTypeScript(text, languageId);
  const scan = scanEvents(sf, text);
  lastPlans = { text, languageId, scan, plans: planEventFixes(sf, text, scan) };
  return lastPlans;
}

/** The plan of the guarded block this event literal belongs to, when there is one. */
export function eventPlanOf(f: EventFinding, text: string): EventFixPlan | undefined {
  const { scan, plans } = eventPlansOf(text, f.languageId);
  const index = scan.literals.findIndex((l) => l.start === f.start && l.end === f.end);
  if (index < 0) return undefined;
  return plans.find((p) => p.literals.includes(index));
}

/** The steps by hand of an event finding whose block cannot move (none when it can, or has no block). */
export function eventStepsOf(f: EventFinding, text: string): EventStep[] {
  const plan = eventPlanOf(f, text);
  return plan && !plan.edits.length ? plan.manual : [];
}

/** A block plan's edits, sorted, without exact repeats; undefined when two of them overlap (broken input). */
function disjointEdits(edits: readonly Edit[]): Edit[] | undefined {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Edit[] = [];
  for (const e of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev.start === e.start && prev.end === e.end && prev.newText === e.newText) continue;
    if (prev && (e.start < prev.end || (e.start === prev.start && e.start === e.end))) return undefined;
    out.push(e);
  }
  return out;
}

function eventFixes(f: EventFinding, text: string): FixOption[] {
  const plan = eventPlanOf(f, text);
  const edits = plan && plan.edits.length ? disjointEdits(plan.edits) : undefined;
  if (!edits || !inText(edits, text)) return [];
  const target = f.milky.length === 1 ? f.milky[0] : f.milky.join(' | ') || 'event_type';
  return [{ target, action: 'event', edits, manual: [], shared: `event:${edits[0].start}:${edits.length}` }];
}

function helperFixes(f: TransportFinding, text: string): FixOption[] {
  const at = f.helper?.apiAt;
  if (at === undefined || at === null || at > text.length) return [];
  return [{ target: '/api/', action: 'api-prefix', edits: [{ start: at, end: at, newText: 'api/' }], manual: [] }];
}

/** One option per Milky candidate that can be rewritten at this site; empty when none can. */
export function fixesFor(f: Finding, text: string, eol = eolOf(text)): FixOption[] {
  if (f.kind === 'event') return eventFixes(f, text);
  if (f.kind === 'transport') return helperFixes(f, text);
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
    const manual: ManualStep[] = site.frame ? [...pm.manual, { code: 'transport' }] : pm.manual;
    const action: FixAction = e.kind !== 'same-name' ? 'rename' : needsApiPrefix(site) ? 'api-prefix' : 'params';
    if (edits.length && inText(edits, text)) out.push({ target, action, edits, manual });
  }
  return out;
}

/**
 * The option a fix applies without asking: the only target of a mapped name, the target the
 * context decided for an ambiguous one, and `/api/` for a same-name URL. Nothing else.
 */
export function automaticFix(f: Finding, options: FixOption[]): FixOption | undefined {
  // An event block that moves as a whole; a helper's `api/` only through planFixes (when its calls are renamed).
  if (f.kind === 'event') return options[0];
  if (!isActionFinding(f)) return undefined;
  if (f.kind === 'mapped' || (f.kind === 'ambiguous' && f.preferred)) return options.find((x) => x.target === f.preferred);
  if (f.kind === 'same-name') return options.find((x) => x.target === f.napcat);
  return undefined;
}

/** The steps left by hand after the preferred fix, for a finding's message; undefined when there is no such fix. */
export function stepsAfterPreferredFix(f: ActionFinding, text: string): FixStep[] | undefined {
  const option = fixesFor(f, text).find((x) => x.target === f.preferred);
  if (option) return option.manual;
  return f.kind === 'mapped' && !rewritable(f.site) ? [] : undefined;
}

export interface FixPlan {
  edits: Edit[];
  applied: { finding: Finding; option: FixOption }[];
  /** Findings left for a person, with the steps that remain. */
  manual: { finding: Finding; steps: FixStep[] }[];
}

/** The steps by hand of a finding no automatic fix covers. */
function stepsWithoutFix(f: Finding, text: string, option: FixOption | undefined): FixStep[] {
  if (f.kind === 'event') return eventStepsOf(f, text).map((event) => ({ code: 'event', event }));
  return option?.manual ?? [];
}

/** Every automatic fix of a file, as sorted non-overlapping edits, plus the manual steps left. */
export function planFixes(findings: Finding[], text: string): FixPlan {
  const applied: FixPlan['applied'] = [];
  const manual: FixPlan['manual'] = [];
  const eol = eolOf(text);
  let edits: Edit[] = [];
  const sharedDone = new Set<string>();
  const helpers: TransportFinding[] = [];
  for (const f of findings) {
    // Transport hints are steps by hand; a helper's `api/` waits until the renames are known.
    if (f.kind === 'transport') { if (f.helper) helpers.push(f); else manual.push({ finding: f, steps: [] }); continue; }
    const option = automaticFix(f, fixesFor(f, text, eol));
    if (option?.shared && sharedDone.has(option.shared)) { applied.push({ finding: f, option }); continue; }
    if (option) {
      const merged = normalizeEdits([...edits, ...option.edits]);
      // Keep the option only when none of its edits collided with an earlier one.
      if (merged.length === edits.length + option.edits.length) {
        edits = merged;
        if (option.shared) sharedDone.add(option.shared);
        applied.push({ finding: f, option });
        if (option.manual.length) manual.push({ finding: f, steps: option.manual });
        continue;
      }
    }
    if (f.kind !== 'same-name') manual.push({ finding: f, steps: stepsWithoutFix(f, text, option) });
  }
  // A call helper gets `api/` once, when this plan renames a NapCat name passed to it (else its calls would 404).
  for (const h of helpers) {
    const renamed = h.helper!.calls.some((c) => c.napcat && applied.some((a) => a.finding.start === c.start && a.finding.end === c.end && a.option.action === 'rename'));
    const option = renamed ? helperFixes(h, text)[0] : undefined;
    const merged = option ? normalizeEdits([...edits, ...option.edits]) : edits;
    if (option && merged.length === edits.length + option.edits.length) { edits = merged; applied.push({ finding: h, option }); }
    else manual.push({ finding: h, steps: [] });
  }
  return { edits, applied, manual };
}
