/** What the core reports: plain facts about the text, with no rendered message and no edit. */
import { ACTION_KINDS, type ActionKind, type Kind } from './kinds';
import type { Site } from './scan/types';
import type { Discriminator, MessageScene, MissingReason } from './catalog/events';
import type { TransportHintCode } from './transport/scan';
import type { SeveritySetting } from './severity';
import type { FrameworkReason } from './framework/nonebot';

interface FindingRange {
  /** UTF-16 offsets of the name as written. */
  start: number;
  end: number;
}

/** A NapCat action name used as an API call. */
export interface ActionFinding extends FindingRange {
  kind: ActionKind;
  /** The table's name (an upstream spelling resolves to it). */
  napcat: string;
  /** Every Milky candidate (shared, frozen arrays of the catalog). */
  milky: readonly string[];
  /** The one target: a mapped name's, or the one the call site's params decide. */
  preferred?: string;
  /** What decided `preferred` for an ambiguous or no-counterpart name (e.g. `group_id`). */
  decidedBy?: string;
  /** Where and how the name is used: what fixes and messages need. */
  site: Site;
}

/** A Milky call whose params object does not fit the endpoint's input schema. */
export interface MilkyParamsFinding extends FindingRange {
  kind: 'milky-params';
  endpoint: string;
  param: string;
  problem: 'unknown' | 'missing';
  site: Site;
}

/** How the outgoing message is written at a send site. */
export type MessageForm = 'cq' | 'template' | 'plain' | 'object' | 'builder' | 'runtime';

/** Why a segment is not converted mechanically (the segment table's reasons, and `builder` for an SDK builder call). */
export type SegmentProblem =
  | 'no-milky-segment' | 'unknown-type' | 'needs-lookup' | 'variable-uri' | 'not-a-uri' | 'bad-user-id' | 'bad-value'
  | 'variable-value' | 'missing-field' | 'dynamic-cq' | 'node-content' | 'mixed-forward' | 'builder';

/**
 * One OneBot segment of an outgoing message that changes in Milky 1.2. The range is the type as
 * written (`at` of `[CQ:at,qq=1]`, the `type` value of a segment object, the builder's method
 * name), the string's content for a plain string, the expression for a run-time string.
 */
export interface SegmentFinding extends FindingRange {
  kind: 'segment';
  /** The OneBot type as written (`at`, `face`, `text` for a plain string; `CQ` for a run-time string). */
  napcat: string;
  /** The Milky segment type(s) it becomes; [] when Milky has none (or, at run time, is unknown). */
  milky: readonly string[];
  form: MessageForm;
  /** The param that holds the message (`message`, or `messages` of a forward). */
  param: string;
  /** Absent when the segment converts mechanically. */
  problem?: SegmentProblem;
  /** The OneBot field at fault, when one is. */
  field?: string;
  /** A string known only at run time: the fix wraps it in `cqToMilkySegments(…)`; reported as Information. */
  runtime?: true;
  /** Sent with `auto_escape: true`: plain text, no CQ parsing. */
  autoEscape?: true;
  /** A string NoneBot's OneBot v11 adapter parses (`Message("…")`, `matcher.send("…")`); its Milky adapter sends it as text. */
  via?: 'nonebot-message';
  site: Site;
}

/** A OneBot 11 event discriminator value or framework event name, where it is compared, switched on or subscribed to. */
export interface EventFinding extends FindingRange {
  kind: 'event';
  /** The literal exactly as written (inside its quotes). */
  napcat: string;
  /** Every Milky `event_type` it can become; empty when Milky has no such event. */
  milky: readonly string[];
  /** One side of a comparison, a case label, or a dotted name given to on/once/off. */
  form: 'compare' | 'case' | 'subscription';
  /** The compared or switched property; null for a subscription. */
  property: Discriminator | null;
  /** For message events: the `message_scene` values. */
  scenes: readonly MessageScene[];
  /** Why the matched OneBot events have no Milky event. */
  reasons: readonly MissingReason[];
  /** The language the file was parsed as: the fix re-plans the guarded block from the text. */
  languageId: string;
  /** An aiocqhttp decorator (`@bot.on_notice('group_increase')`): no Milky adapter, so no fix. */
  decorator?: 'aiocqhttp';
}

/** A generic `call(action, params)` helper whose URL joins the action under the base. */
export interface CallHelperFacts {
  name: string;
  /** Offset where `api/` goes before the action; null when `/api/` is there already. */
  apiAt: number | null;
  /** Ranges of the literal action names passed to it in this file (the action findings' ranges). */
  calls: readonly { start: number; end: number; napcat: boolean }[];
}

/** What differs between NapCat's transport or result shapes and Milky's, where the code shows it. */
export interface TransportFinding extends FindingRange {
  kind: 'transport';
  code: TransportHintCode | 'call-helper';
  /** The text the finding is about, exactly as written. */
  napcat: string;
  /** What Milky has instead (`/event`, `Authorization: Bearer`, `data.groups`); empty when nothing. */
  milky: readonly string[];
  /** Result hints: the NapCat action read and the field. */
  action?: string;
  field?: string;
  wrapper?: string;
  /** Retcode hints: the compared value, Milky's retcode or HTTP status for that case, and the case. */
  retcode?: number;
  milkyRetcode?: number;
  httpStatus?: number;
  note?: string;
  /** `call-helper`: the helper and the calls that go through it. */
  helper?: CallHelperFacts;
}

/**
 * A NoneBot2 name of nonebot-adapter-onebot v11 (an import, a class or other name it binds, a
 * `MessageSegment` factory call) and what nonebot-adapter-milky calls it. An import, its names'
 * uses and its factory calls migrate together or not at all (`importAt` names that import).
 */
export interface FrameworkFinding extends FindingRange {
  kind: 'framework';
  framework: 'nonebot';
  /** The import's module path, a name it binds (at the import or at a use), or a factory call. */
  form: 'import' | 'name' | 'factory';
  /** As written: the v11 module path, the v11 name, the factory's name. */
  napcat: string;
  /** The Milky module(s), name(s) or factory(s); empty when nonebot-adapter-milky has none. */
  milky: readonly string[];
  /** This name or call converts mechanically by itself (its import's plan may still be blocked). */
  mechanical: boolean;
  /** Why it does not, when it does not. */
  reason?: FrameworkReason;
  /** A name's use away from its import. */
  use?: true;
  /** Where the import this finding hangs on starts. */
  importAt: number;
  /** For an import: what stops the whole plan (names, factory calls, the statement itself); empty when nothing. */
  blockers?: readonly { name: string; reason: FrameworkReason }[];
}

export type Finding = ActionFinding | MilkyParamsFinding | SegmentFinding | EventFinding | TransportFinding | FrameworkFinding;

/** Findings that come from one scanned site (actions, Milky params); the file rules' have none. */
export type SiteFinding = ActionFinding | MilkyParamsFinding | SegmentFinding;

export function isActionFinding(f: Finding): f is ActionFinding {
  return (ACTION_KINDS as readonly string[]).includes(f.kind);
}

export function hasSite(f: Finding): f is SiteFinding {
  return f.kind !== 'event' && f.kind !== 'transport' && f.kind !== 'framework';
}

/** The target a finding's fix goes to, when one is decided. */
export function preferredOf(f: Finding): string | undefined {
  return isActionFinding(f) ? f.preferred : undefined;
}

/** The NapCat name of a finding, null when it is about Milky code (the JSON contract's `napcat`). */
export function napcatOf(f: Finding): string | null {
  return f.kind === 'milky-params' ? null : f.napcat;
}

/** The Milky names of a finding (the JSON contract's `milky`). */
export function milkyOf(f: Finding): readonly string[] {
  return f.kind === 'milky-params' ? [f.endpoint] : f.milky;
}

/**
 * The severity a finding is shown with, from the one configured for its kind: a run-time string
 * wrapped in the helper is a note (at most Information), everything else keeps its kind's.
 */
export function severityOf<S extends SeveritySetting>(f: Finding, configured: S): S | 'information' {
  if (f.kind === 'segment' && f.runtime && (configured === 'error' || configured === 'warning')) return 'information';
  return configured;
}

export type { Kind };
