/** Fixes are derived here and only here: from a finding's facts and the text it was found in. */
import { napcatEntry } from './catalog';
import { normalizeEdits, type Edit } from './edits';
import { isActionFinding, type ActionFinding, type Finding, type SegmentFinding } from './findings';
import { outgoingMessage } from './message';
import { helperLangOf, messageEdits, migrateParams, removeProps, type HelperLang, type ManualStep } from './params';
import { actionFindingAt } from './rules/actions';
import { paramsObject, type Site } from './scan/types';
import { eolOf } from './text';

/** What a fix does, so that its title can say it: rename to a target, add `/api/`, only migrate params, or only convert the message. */
export type FixAction = 'rename' | 'api-prefix' | 'params' | 'segments';

/** One way to migrate a finding: the edits for one Milky target and what is left to do by hand. */
export interface FixOption {
  target: string;
  action: FixAction;
  edits: Edit[];
  manual: ManualStep[];
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
  return inText(edits, text) ? [{ target: f.site.written, action: 'segments', edits, manual: [] }] : [];
}

/**
 * One option per Milky candidate that can be rewritten at this site; empty when none can.
 * `lang` picks the helper's language when a run-time message needs it (TypeScript by default).
 */
export function fixesFor(f: Finding, text: string, eol = eolOf(text), lang: HelperLang = 'ts'): FixOption[] {
  if (f.kind === 'segment') return segmentFixes(f, text, eol, lang);
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
  if (f.kind === 'segment') {
    // At a NapCat send: what the action's automatic fix would take; at a Milky send: the conversion.
    const action = actionFindingAt(f.site);
    return action ? automaticFix(action, options) : options.find((o) => o.action === 'segments');
  }
  if (!isActionFinding(f)) return undefined;
  if (f.kind === 'mapped' || (f.kind === 'ambiguous' && f.preferred)) return options.find((x) => x.target === f.preferred);
  if (f.kind === 'same-name') return options.find((x) => x.target === f.napcat);
  return undefined;
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

/** Every automatic fix of a file, as sorted non-overlapping edits, plus the manual steps left. */
export function planFixes(findings: Finding[], text: string, languageId?: string): FixPlan {
  const applied: FixPlan['applied'] = [];
  const manual: FixPlan['manual'] = [];
  const eol = eolOf(text);
  const lang = helperLangOf(languageId);
  let edits: Edit[] = [];
  const same = (a: Edit, b: Edit) => a.start === b.start && a.end === b.end && a.newText === b.newText;
  for (const f of findings) {
    const option = automaticFix(f, fixesFor(f, text, eol, lang));
    if (option) {
      // An edit already planned (the same rename through the action and its segments, the helper once) is not added twice.
      const fresh = option.edits.filter((e) => !edits.some((x) => same(x, e)));
      const merged = normalizeEdits([...edits, ...fresh]);
      // Keep the option only when none of its edits collided with an earlier one.
      if (merged.length === edits.length + fresh.length) {
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
