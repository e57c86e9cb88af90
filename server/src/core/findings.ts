/** What the core reports: plain facts about the text, with no rendered message and no edit. */
import { ACTION_KINDS, type ActionKind, type Kind } from './kinds';
import type { Site } from './scan/types';
import type { SeveritySetting } from './severity';

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
  site: Site;
}

export type Finding = ActionFinding | MilkyParamsFinding | SegmentFinding;

export function isActionFinding(f: Finding): f is ActionFinding {
  return (ACTION_KINDS as readonly string[]).includes(f.kind);
}

/** The NapCat name of a finding, null when it is about Milky code (the JSON contract's `napcat`). */
export function napcatOf(f: Finding): string | null {
  return isActionFinding(f) || f.kind === 'segment' ? f.napcat : null;
}

/** The Milky names of a finding (the JSON contract's `milky`). */
export function milkyOf(f: Finding): readonly string[] {
  if (isActionFinding(f) || f.kind === 'segment') return f.milky;
  return [f.endpoint];
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
