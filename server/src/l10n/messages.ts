/** A finding's diagnostic message and the text of manual steps, rendered from facts and a locale. */
import { catalog, milkyEntry, napcatEntry } from '../core/catalog';
import { eventPlanOf, fixesFor, stepsAfterPreferredFix, type FixStep } from '../core/fix';
import type { EventStep } from '../core/events/fix';
import type { ActionFinding, EventFinding, Finding, FrameworkFinding, MilkyParamsFinding, SegmentFinding, TransportFinding } from '../core/findings';
import { CQ_HELPER_NAME, typeRuleOf } from '../core/segments';
import { code, dictionary, type Dictionary, type Locale } from './index';

/** What to do about one manual step, in a short clause. */
export function manualStepText(step: FixStep, locale: Locale): string {
  const t = dictionary(locale);
  if (step.code === 'event') return eventStepText(step.event, locale);
  const p = step.param ? code(step.param) : '';
  const f = Array.isArray(step.field) ? t.list(step.field.map(code)) : step.field ? code(step.field) : '';
  switch (step.code) {
    case 'lookup': return t.step.lookup(p, f);
    case 'required': return t.step.required(f);
    case 'segments': return t.step.segments(p);
    case 'nonebot-message': return t.step.nonebotMessage(p);
    case 'nonebot-event-data': return t.step.nonebotEventData(f);
    case 'uri': return t.step.uri(p, f);
    case 'constant': return t.step.constant(f, JSON.stringify(step.value));
    case 'drop': return t.step.drop(p);
    case 'unknown': return p ? t.step.unknownParam(p) : t.step.unknownParams();
    case 'conflict': return t.step.conflict(f);
    case 'rename': return t.step.rename(p, f);
    case 'transform': return t.step.transform(p, f, step.note ?? '');
    case 'value': return t.step.value(p, f);
    case 'transport': return t.step.transport();
    case 'alias': return t.step.alias();
    case 'duplicate': return t.step.duplicate(f);
    case 'checker': return t.step.checker(step.note ?? '');
  }
}

function transportClause(f: ActionFinding, target: string | undefined, t: Dictionary): string {
  const endpoint = target ?? '<endpoint>';
  const site = f.site;
  if (site.frame) return t.finding.viaFrame(endpoint);
  if (site.callSite === 'url' && !site.apiPrefix) return t.finding.viaUrl(endpoint);
  if (site.callSite === 'method') return site.framework === 'nonebot' ? t.finding.viaNoneBotMethod(endpoint) : t.finding.viaMethod();
  if (site.callSite === 'camel') return t.finding.viaCamel(site.written);
  return '';
}

function actionMessage(f: ActionFinding, text: string, locale: Locale): string {
  const t = dictionary(locale);
  const e = napcatEntry(f.napcat)!;
  const name = code(f.napcat);
  const label = t.finding.label(e.label.en, e.label['zh-cn']);
  const version = catalog.milkyVersion;
  let s: string;
  switch (f.kind) {
    case 'mapped':
      s = t.finding.mapped(name, label, code(f.milky[0]), version);
      break;
    case 'ambiguous':
      s = t.finding.ambiguous(name, label, t.list(f.milky.map(code)));
      s += f.preferred ? t.finding.picked(f.decidedBy ?? '', code(f.preferred)) : t.finding.undecided();
      break;
    case 'same-name':
      s = t.finding.sameName(name, label, version);
      if (f.site.callSite !== 'url' && !f.site.frame) s += t.finding.sameNameCall(f.napcat);
      break;
    case 'no-counterpart': {
      s = t.finding.noCounterpart(name, label, version);
      const why = e.why?.[locale];
      if (why) s += ` ${why}`;
      if (f.preferred) s += t.finding.noCounterpartHere(f.decidedBy ?? '', code(f.preferred));
    }
  }
  if (f.kind !== 'no-counterpart' || f.milky.length) s += transportClause(f, f.preferred ?? (f.milky.length === 1 ? f.milky[0] : undefined), t);
  if (e.notInNapcatSource) s += t.finding.notInNapcat(name);
  if (e.spelling && f.site.written.startsWith('.')) s += t.finding.spelledAs(code(e.spelling));
  const steps = (stepsAfterPreferredFix(f, text) ?? []).filter((st) => st.code !== 'transport');
  if (steps.length) s += t.finding.byHand(t.clauses(steps.map((st) => manualStepText(st, locale))));
  return s;
}

/** How a NapCat param relates to a Milky field of `endpoint`, from every map that targets it. */
function paramAdvice(endpoint: string, param: string, t: Dictionary): string {
  for (const [napcat, e] of Object.entries(catalog.napcat)) {
    const map = e.params[endpoint];
    if (!map) continue;
    for (const [from, f] of Object.entries(map.fields)) {
      const fields = Array.isArray(f.milky_field) ? f.milky_field : [f.milky_field];
      const names = t.list(fields.map(code));
      const lookup = f.code === 'msg_lookup';
      if (from === param && lookup) return t.milkyParams.lookupFrom(code(param), names);
      if (from === param) return t.milkyParams.renameTo(names, code(napcat));
      if (fields.includes(param) && lookup) return t.milkyParams.lookupInto(code(from));
      if (fields.includes(param)) return t.milkyParams.becomes(code(from));
    }
  }
  return '';
}

function milkyParamsMessage(f: MilkyParamsFinding, locale: Locale): string {
  const t = dictionary(locale);
  const advice = paramAdvice(f.endpoint, f.param, t);
  const ep = milkyEntry(f.endpoint);
  if (f.problem === 'missing') return t.milkyParams.missing(code(f.endpoint), code(f.param), ep?.input.find((x) => x.name === f.param)?.type, advice);
  return t.milkyParams.unknown(code(f.endpoint), code(f.param), advice, (ep?.input ?? []).map((x) => code(x.name)));
}

/** A step by hand of an event block, in a short clause. */
export function eventStepText(step: EventStep, locale: Locale): string {
  const t = dictionary(locale);
  const field = step.field ? code(step.field) : '';
  const to = t.list([...(step.to ?? []), ...(step.milky ?? [])].map(code));
  return t.event.step[step.code](field, to);
}

function eventMessage(f: EventFinding, text: string, locale: Locale): string {
  const t = dictionary(locale);
  const name = code(f.napcat);
  let s: string;
  if (!f.milky.length) {
    s = t.event.none(name, t.list(f.reasons.map((r) => t.event.reason[r])));
  } else {
    const targets = t.list(f.milky.map(code));
    s = f.property ? t.event.becomes(name, code(f.property), targets) : t.event.nameBecomes(name, targets);
    if (f.scenes.length) s += t.event.scenes(t.list(f.scenes.map((x) => code(`'${x}'`))));
    s += f.milky.includes('message_receive') || f.milky.includes('message_recall') ? t.event.messageData : t.event.dataMoved;
  }
  const plan = eventPlanOf(f, text);
  if (f.decorator) s += t.event.decorator;
  if (plan?.edits.length) s += t.event.fixMoves;
  else if (plan?.manual.length) s += t.event.byHand(t.clauses(plan.manual.map((x) => eventStepText(x, locale))));
  return s;
}

function transportMessage(f: TransportFinding, locale: Locale): string {
  const t = dictionary(locale);
  const milky = f.milky[0] ?? '';
  const action = code(f.action ?? '');
  switch (f.code) {
    case 'call-helper': return t.transport.helper(code(f.helper?.name ?? '')) + t.transport.helperFix;
    case 'retcode': {
      const m = f.milkyRetcode !== undefined ? `retcode ${f.milkyRetcode}` : f.httpStatus !== undefined ? `HTTP ${f.httpStatus}` : milky === 'none' || !milky ? '—' : code(milky);
      return t.transport.retcode(code(String(f.retcode ?? f.napcat)), m);
    }
    case 'list-wrapped': return t.transport.listWrapped(action, code(milky));
    case 'object-wrapped': return t.transport.objectWrapped(action, code(f.field ?? f.napcat), code(milky));
    case 'renamed-field': return t.transport.renamedField(action, code(f.field ?? f.napcat), code(milky));
    default: return t.transport.hint[f.code](code(f.napcat), code(milky));
  }
}

/** The OneBot fields of a type that Milky names differently: `qq` → `user_id`. */
export function renamedFields(napcat: string): string[] {
  const rule = typeRuleOf(napcat);
  if (!rule) return [];
  return Object.entries(rule.fields).filter(([k, f]) => f.milky !== null && f.milky !== k).map(([k, f]) => `${code(k)} → ${code(f.milky ?? '')}`);
}

/** Milky segment types that nonebot-adapter-milky's MessageSegment builds under the same name (python-parsers.md). */
const MILKY_ADAPTER_FACTORIES: ReadonlySet<string> = new Set(['text', 'mention', 'mention_all', 'face', 'reply', 'image', 'record', 'video', 'forward', 'light_app']);

function segmentMessage(f: SegmentFinding, text: string, locale: Locale): string {
  const t = dictionary(locale);
  if (f.runtime) return t.segment.runtime(code(`${CQ_HELPER_NAME}(…)`));
  const rule = typeRuleOf(f.napcat);
  let s: string;
  if ((f.form === 'plain' || f.form === 'runtime') && f.napcat === 'text') s = t.segment.plain(!!f.autoEscape);
  else if (f.problem === 'no-milky-segment' || (rule && rule.milky.length === 0)) s = t.segment.none(code(f.napcat), rule?.alternative ?? '');
  else if (f.problem === 'dynamic-cq' || f.problem === 'unknown-type' || !f.milky.length) s = '';
  // `qq=all` → mention_all: no field carries over.
  else s = t.segment.becomes(code(f.napcat), t.list(f.milky.map(code)), rule?.split && f.milky.includes(rule.split.milky) ? '' : t.list(renamedFields(f.napcat)));
  if ((f.form === 'cq' || f.form === 'template') && !f.via) s += t.segment.inCqString;
  if (f.form === 'builder') s += t.segment.builder(code(`Structs.${f.napcat}`));
  const p = f.problem;
  if (p && p !== 'no-milky-segment') {
    const field = code(f.field ?? f.napcat);
    switch (p) {
      case 'needs-lookup': case 'variable-uri': case 'not-a-uri': case 'bad-user-id': case 'bad-value': case 'variable-value': case 'missing-field':
        s += t.segment.problem[p](field);
        break;
      default:
        s += t.segment.problem[p];
    }
  }
  if (f.via === 'nonebot-message') s += t.segment.nonebotMessage(f.milky.length === 1 && MILKY_ADAPTER_FACTORIES.has(f.milky[0]) ? code(`MessageSegment.${f.milky[0]}(…)`) : '');
  else if (!p) s += fixesFor(f, text).length ? t.segment.fixed : f.site.callSite === 'method' || f.site.callSite === 'camel' ? t.segment.notRewritten : '';
  return s.trim();
}

/** A NoneBot v11 import, name or factory call: what nonebot-adapter-milky calls it, and why it is left by hand when it is. */
function frameworkMessage(f: FrameworkFinding, text: string, locale: Locale): string {
  const t = dictionary(locale);
  const fw = t.framework;
  const list = (xs: readonly string[]) => t.list(xs.map(code));
  let s: string;
  if (f.form === 'import') s = fw.importBecomes(code(f.napcat), list(f.milky.length ? f.milky : ['nonebot.adapters.milky']));
  else if (f.form === 'factory') s = f.milky.length ? fw.factoryBecomes(code(`MessageSegment.${f.napcat}`), t.list(f.milky.map((m) => code(`MessageSegment.${m}`)))) : fw.factoryNone(code(`MessageSegment.${f.napcat}`));
  else if (f.milky.length === 0) s = fw.nameNone(code(f.napcat));
  else s = f.milky.length === 1 ? fw.nameBecomes(code(f.napcat), code(f.milky[0])) : fw.nameChoose(code(f.napcat), list(f.milky));
  if (f.form !== 'import' && f.reason && f.reason !== 'no-milky-name' && f.reason !== 'no-milky-factory' && f.reason !== 'split') s += ` (${fw.reason[f.reason]})`;
  if (f.form === 'name' && /Event$/.test(f.napcat) && f.milky.length) s += fw.eventData;
  if (f.form === 'import' && f.blockers?.length) s += fw.blocked(t.list(f.blockers.map((b) => `${code(b.name)}: ${fw.reason[b.reason]}`)));
  else if (fixesFor(f, text).length) s += fw.fixed;
  else if (f.form !== 'import' && f.mechanical) s += fw.importBlocked;
  return s.trim();
}

/** The diagnostic message of a finding, in one paragraph. */
export function findingMessage(f: Finding, text: string, locale: Locale): string {
  switch (f.kind) {
    case 'milky-params': return milkyParamsMessage(f, locale);
    case 'event': return eventMessage(f, text, locale);
    case 'transport': return transportMessage(f, locale);
    case 'segment': return segmentMessage(f, text, locale);
    case 'framework': return frameworkMessage(f, text, locale);
    default: return actionMessage(f, text, locale);
  }
}
