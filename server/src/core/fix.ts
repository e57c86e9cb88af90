/** Fixes are derived here and only here: from a finding's facts and the text it was found in. */
import { napcatEntry } from './catalog';
import { normalizeEdits, type Edit } from './edits';
import { planEventFixes, type EventFixPlan, type EventStep } from './events/fix';
import { scanEvents, type EventScan } from './events/scan';
import { hasSite, isActionFinding, type ActionFinding, type EventFinding, type Finding, type FrameworkFinding, type SegmentFinding, type TransportFinding } from './findings';
import { nonebot, nonebotName } from './catalog/nonebot';
import { planNoneBot } from './framework/fix';
import { rememberedNoneBotScan, type NoneBotScan } from './framework/nonebot';
import { scanPython } from './scan/python';
import { outgoingMessage } from './message';
import { helperLangOf, messageEdits, migrateParams, removeProps, type HelperLang, type ManualStep } from './params';
import { actionFindingAt } from './rules/actions';
import { parseTypeScript } from './scan/typescript';
import { paramsObject, type Site } from './scan/types';
import { eolOf } from './text';

/** What a fix does, so that its title can say it: rename to a target, add `/api/`, migrate params, convert only the message, or migrate an event block. */
export type FixAction = 'rename' | 'api-prefix' | 'params' | 'event' | 'segments' | 'framework';

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
  /** False when the rename alone would change what the call does (a constant it needs cannot be added here). */
  automatic: boolean;
  /** Several findings share this option (the literals of one guarded block): applied once for all of them. */
  shared?: string;
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
  // Python's event findings (aiocqhttp decorators) have no block to move: there is no Milky adapter.
  if (f.decorator) return undefined;
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
  return [{ target, action: 'event', edits, manual: [], automatic: true, shared: `event:${edits[0].start}:${edits.length}` }];
}

// ---- NoneBot: the plan of an import, computed from the text (one file at a time is cached) ----

/** The NoneBot scan of this text: the one its analysis just made, else a scan of its own (remembered the same way). */
function noneBotScanOf(text: string): NoneBotScan | undefined {
  const known = rememberedNoneBotScan(text);
  return known !== false ? known : scanPython(text, { alwaysParse: true, tolerant: true }).nonebot;
}

/** The import's plan (import, uses, factory calls): one option shared by every finding of that import. */
function frameworkFixes(f: FrameworkFinding, text: string): FixOption[] {
  const scan = noneBotScanOf(text);
  const i = scan ? scan.imports.findIndex((imp) => imp.start === f.importAt) : -1;
  if (!scan || i < 0) return [];
  const plan = planNoneBot(scan, i, text);
  const edits = plan.edits.length ? disjointEdits(plan.edits) : undefined;
  if (!edits || !inText(edits, text)) return [];
  // The handlers now get Milky events: their fields are under `event.data` and named otherwise; that is left by hand.
  const imp = scan.imports[i];
  const names = imp.form === 'from' ? imp.names.map((n) => n.name) : scan.uses.filter((u) => u.imp === i).map((u) => u.name);
  const events = [...new Set(names.map((n) => nonebotName(n)).filter((e) => e?.module === 'event').map((e) => e!.milky[0]))];
  const manual: ManualStep[] = events.length ? [{ code: 'nonebot-event-data', field: events }] : [];
  return [{ target: plan.modules.join(' | '), action: 'framework', edits, manual, automatic: true, shared: `framework:${f.importAt}` }];
}

/**
 * `bot.<action>(…)` on a NoneBot v11 Bot: nonebot-adapter-milky's Bot has the Milky endpoint as a
 * keyword-only method, so the attribute is renamed and the keywords migrate by the param map. The
 * message stays as written (the method takes a str, a segment or a Message, not segment dicts);
 * only CQ-free literal text means the same there. Anything left by hand keeps the fix from fix-all.
 */
function nonebotMethodFixes(f: ActionFinding, text: string, eol: string): FixOption[] {
  const site = f.site;
  const e = napcatEntry(f.napcat)!;
  const obj = paramsObject(site);
  const out: FixOption[] = [];
  for (const target of nonebot.methods[f.napcat] ?? []) {
    const decided = f.decidedBy !== undefined && f.preferred === target;
    const pm = migrateParams(e, target, obj, text, eol, decided, undefined, 'ts');
    const message = obj?.props.find((p) => e.params[target]?.fields[p.key]?.code === 'segments');
    const sameText = !!message && message.value?.kind === 'string' && !message.value.value.includes('[CQ:');
    const edits = pm.edits.filter((x) => !message || x.end <= message.valueStart || x.start >= message.valueEnd);
    const manual: ManualStep[] = pm.manual.filter((m) => !(message && m.code === 'segments' && m.param === message.key));
    if (message && !sameText) manual.push({ code: 'nonebot-message', param: message.key });
    // Positional arguments or `**kwargs`: the keyword-only Milky method cannot be checked against them.
    const positional = !obj || obj.open || text.slice(obj.start + 1, obj.props[0]?.propStart ?? obj.end - 1).trim() !== '';
    if (target !== site.written) edits.unshift({ start: site.start, end: site.end, newText: target });
    const action: FixAction = target !== site.written ? 'rename' : 'params';
    if (edits.length && inText(edits, text)) out.push({ target, action, edits, manual, automatic: manual.length === 0 && !positional });
  }
  return out;
}

function helperFixes(f: TransportFinding, text: string): FixOption[] {
  const at = f.helper?.apiAt;
  if (at === undefined || at === null || at > text.length) return [];
  return [{ target: '/api/', action: 'api-prefix', edits: [{ start: at, end: at, newText: 'api/' }], manual: [], automatic: true }];
}

/**
 * A segment finding's fix. At a NapCat send it is the action's own fix (the rename migrates the
 * message in the same edit), offered only when the message converts; at a Milky send, the message
 * conversion alone (and `auto_escape` dropped).
 */
function segmentFixes(f: SegmentFinding, text: string, eol: string, lang: HelperLang): FixOption[] {
  if (f.problem || !rewritable(f.site)) return [];
  const msg = outgoingMessage(f.site, text);
  if (!msg) return [];
  if (!msg.milkySite) {
    const action = actionFindingAt(f.site);
    if (!action) return [];
    const options = fixesFor(action, text, eol, lang);
    // Only the options whose migration converted the message (its value is among the edits).
    return options.filter((o) => o.edits.some((e) => e.start === msg.value.start && e.end === msg.value.end));
  }
  const m = messageEdits(msg, text, eol, lang);
  if (!m || m === 'unchanged') return [];
  const obj = paramsObject(f.site);
  const edits = [...m];
  if (obj && msg.autoEscapeProp && msg.autoEscapeProp.value) edits.push(...removeProps(obj, [obj.props.indexOf(msg.autoEscapeProp)], text));
  return inText(edits, text) ? [{ target: f.site.written, action: 'segments', edits, manual: [], automatic: true }] : [];
}

/**
 * One option per Milky candidate that can be rewritten at this site; empty when none can.
 * `lang` picks the helper's language when a run-time message needs it (TypeScript by default).
 */
export function fixesFor(f: Finding, text: string, eol = eolOf(text), lang: HelperLang = 'ts'): FixOption[] {
  if (f.kind === 'segment') return segmentFixes(f, text, eol, lang);
  if (f.kind === 'event') return eventFixes(f, text);
  if (f.kind === 'transport') return helperFixes(f, text);
  if (f.kind === 'framework') return frameworkFixes(f, text);
  if (isActionFinding(f) && f.site.framework === 'nonebot' && f.site.callSite === 'method' && !f.site.definition) return nonebotMethodFixes(f, text, eol);
  if (!isActionFinding(f) || !rewritable(f.site)) return [];
  const site = f.site;
  const message = site.params ? outgoingMessage(site, text) : undefined;
  const e = napcatEntry(f.napcat)!;
  const targets = e.kind === 'same-name' ? (site.callSite === 'url' || site.params?.kind === 'object' ? [f.napcat] : []) : e.milky;
  const out: FixOption[] = [];
  for (const target of targets) {
    const decided = f.decidedBy !== undefined && f.preferred === target;
    const pm = site.params ? migrateParams(e, target, paramsObject(site), text, eol, decided, message, lang) : { edits: [], manual: [] };
    const keepsName = target === f.napcat && !needsApiPrefix(site);
    const edits = keepsName ? pm.edits : [renameEdit(site, target), ...pm.edits];
    let manual: FixStep[] = site.frame ? [...pm.manual, { code: 'transport' }] : pm.manual;
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
  // An event block that moves as a whole; a helper's `api/` only through planFixes (when its calls are renamed).
  if (f.kind === 'event' || f.kind === 'framework') return options[0];
  if (f.kind === 'segment') {
    // At a NapCat send: what the action's automatic fix would take; at a Milky send: the conversion.
    const action = actionFindingAt(f.site);
    return action ? automaticFix(action, options) : options.find((o) => o.action === 'segments');
  }
  if (!isActionFinding(f)) return undefined;
  let option: FixOption | undefined;
  if (f.kind === 'mapped' || (f.kind === 'ambiguous' && f.preferred)) option = options.find((x) => x.target === f.preferred);
  else if (f.kind === 'same-name') option = options.find((x) => x.target === f.napcat);
  return option?.automatic ? option : undefined;
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
function stepsWithoutFix(f: Finding, text: string, option: FixOption | undefined, eol: string): FixStep[] {
  if (f.kind === 'event') return eventStepsOf(f, text).map((event) => ({ code: 'event', event }));
  return option?.manual ?? (isActionFinding(f) ? fixesFor(f, text, eol).find((x) => x.target === f.preferred && !x.automatic)?.manual : undefined) ?? [];
}

type Candidate = { finding: Finding; option: FixOption | undefined; blocked?: ManualStep };

/**
 * Renames must not make two names of one set equal (three `mark_*_as_read` keys of one interface
 * all becoming `mark_message_as_read`), nor equal a name already there: such renames are blocked.
 */
function blockDuplicates(candidates: Candidate[]): void {
  const groups = new Map<number, Candidate[]>();
  for (const c of candidates) {
    const g = hasSite(c.finding) ? c.finding.site.group : undefined;
    if (!g || !c.option || c.option.action !== 'rename') continue;
    (groups.get(g.start) ?? groups.set(g.start, []).get(g.start)!).push(c);
  }
  for (const members of groups.values()) {
    const names = new Map<string, number>();
    const renamed = new Set(members.map((c) => (hasSite(c.finding) ? c.finding.site.written : '')));
    const first = members[0].finding;
    for (const n of hasSite(first) ? first.site.group!.names : []) if (!renamed.has(n)) names.set(n, (names.get(n) ?? 0) + 1);
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
  return applied.some(({ option, finding }) => hasSite(finding) && finding.site.start === f.site.start && (f.problem === 'unknown'
    ? option.edits.some((e) => e.start <= f.start && f.end <= e.end)
    : option.edits.some((e) => new RegExp(`(^|[\\s{,'"])${f.param}['"]?\\s*[:=]`).test(e.newText))));
}

export interface PlanOptions {
  /** The file's language: a run-time message's helper is inserted in it (TypeScript by default). */
  languageId?: string;
  /** Findings whose fix must not be applied (the one-file checker dropped them). */
  skip?: ReadonlySet<Finding>;
}

/** Every automatic fix of a file, as sorted non-overlapping edits, plus the manual steps left. */
export function planFixes(findings: Finding[], text: string, options: PlanOptions = {}): FixPlan {
  const applied: FixPlan['applied'] = [];
  const manual: FixPlan['manual'] = [];
  const eol = eolOf(text);
  const lang = helperLangOf(options.languageId);
  const skip = options.skip ?? new Set<Finding>();
  const helpers: TransportFinding[] = [];
  const candidates: Candidate[] = [];
  for (const finding of findings) {
    // Transport hints are steps by hand; a helper's `api/` waits until the renames are known.
    if (finding.kind === 'transport') { if (finding.helper) helpers.push(finding); else manual.push({ finding, steps: [] }); continue; }
    candidates.push({ finding, option: skip.has(finding) ? undefined : automaticFix(finding, fixesFor(finding, text, eol, lang)) });
  }
  blockDuplicates(candidates);
  let edits: Edit[] = [];
  // One site, one fix; one guarded block, one fix for all its literals.
  const fixedSites = new Set<number>();
  const sharedDone = new Set<string>();
  for (const { finding: f, option, blocked } of candidates) {
    const siteKey = hasSite(f) ? f.site.start : -1 - f.start;
    if (option?.shared && sharedDone.has(option.shared)) { applied.push({ finding: f, option }); continue; }
    if (option && !blocked && !fixedSites.has(siteKey)) {
      // An edit already planned (the run-time helper, inserted once per file) is not added twice.
      const fresh = option.edits.filter((x) => !edits.some((y) => y.start === x.start && y.end === x.end && y.newText === x.newText));
      const merged = normalizeEdits([...edits, ...fresh]);
      // Keep the option only when none of its edits collided with an earlier one.
      if (merged.length === edits.length + fresh.length) {
        edits = merged;
        fixedSites.add(siteKey);
        if (option.shared) sharedDone.add(option.shared);
        applied.push({ finding: f, option });
        if (option.manual.length) manual.push({ finding: f, steps: option.manual });
        continue;
      }
    }
    if (blocked) { manual.push({ finding: f, steps: [blocked] }); continue; }
    if (skip.has(f)) { manual.push({ finding: f, steps: [{ code: 'checker', note: 'a duplicate name' }] }); continue; }
    if (option && fixedSites.has(siteKey)) continue;
    if (f.kind !== 'same-name') manual.push({ finding: f, steps: stepsWithoutFix(f, text, option, eol) });
  }
  // A call helper gets `api/` once, when this plan renames a NapCat name passed to it (else its calls would 404).
  for (const h of helpers) {
    const renamed = h.helper!.calls.some((c) => c.napcat && applied.some((a) => a.finding.start === c.start && a.finding.end === c.end && a.option.action === 'rename'));
    const option = renamed ? helperFixes(h, text)[0] : undefined;
    const merged = option ? normalizeEdits([...edits, ...option.edits]) : edits;
    if (option && merged.length === edits.length + option.edits.length) { edits = merged; applied.push({ finding: h, option }); }
    else manual.push({ finding: h, steps: [] });
  }
  return { edits, applied, manual: manual.filter((m) => !solvedBy(m.finding, applied)) };
}
