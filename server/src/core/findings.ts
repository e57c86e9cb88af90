/** What the core reports: plain facts about the text, with no rendered message and no edit. */
import type { ActionKind, Kind } from './kinds';
import type { Site } from './scan/types';

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

export type Finding = ActionFinding | MilkyParamsFinding;

export function isActionFinding(f: Finding): f is ActionFinding {
  return f.kind !== 'milky-params';
}

/** The NapCat name of a finding, null when it is about Milky code (the JSON contract's `napcat`). */
export function napcatOf(f: Finding): string | null {
  return isActionFinding(f) ? f.napcat : null;
}

/** The Milky names of a finding (the JSON contract's `milky`). */
export function milkyOf(f: Finding): readonly string[] {
  return isActionFinding(f) ? f.milky : [f.endpoint];
}

export type { Kind };
