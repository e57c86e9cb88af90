/** Value trees on both sides of the conversion: OneBot values as written, Milky values to render. */
import type { Range } from './cq';
import type { MilkyType } from './table';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A OneBot field value as the source has it. */
export type OnebotValue =
  /** A literal (from a CQ string, a string/number literal, or a JSON file). */
  | { kind: 'literal'; value: JsonValue }
  /** Source text of a non-literal field value (`qq: uid`), inserted as is. */
  | { kind: 'expr'; text: string }
  /** A string with substitutions (cooked static parts around source-text expressions); quasis.length === exprs.length + 1. */
  | { kind: 'template'; quasis: string[]; exprs: string[] }
  /** Node content already split into segments (so their ranges are kept). */
  | { kind: 'message'; segments: OnebotSegment[] };

/** One OneBot segment: its type as written, its data, and where it is. */
export interface OnebotSegment {
  type: string;
  data: Readonly<Record<string, OnebotValue>>;
  /** The type text (`at` in `[CQ:at,qq=1]`, or the `type` value of an object). */
  typeRange?: Range;
  /** The whole segment (the CQ code or the object). */
  range?: Range;
  /** Parsed from a template literal's CQ text (its substitutions were parsed by OneBot at run time). */
  fromTemplate?: boolean;
}

/** A Milky value to render as source text. */
export type MilkyValue =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  /** Source text inserted as is. */
  | { kind: 'expr'; text: string }
  /** A coercion the OneBot side did implicitly. */
  | { kind: 'call'; fn: 'Number' | 'String'; arg: MilkyValue }
  /** A template literal: cooked static parts, source-text expressions. */
  | { kind: 'template'; quasis: string[]; exprs: string[] }
  | { kind: 'array'; items: MilkyValue[] }
  | { kind: 'object'; entries: [string, MilkyValue][] }
  /** A nested segment list (forward messages). */
  | { kind: 'segments'; segments: MilkySegmentValue[] };

/** One Milky outgoing segment: `{ type, data }`. */
export interface MilkySegmentValue {
  type: MilkyType;
  data: [string, MilkyValue][];
}

export const str = (value: string): MilkyValue => ({ kind: 'string', value });
export const num = (value: number): MilkyValue => ({ kind: 'number', value });

/** Does the value hold source text (so it cannot be written as JSON)? */
export function hasExpression(v: MilkyValue): boolean {
  switch (v.kind) {
    case 'expr': case 'call': return true;
    case 'template': return v.exprs.length > 0;
    case 'array': return v.items.some(hasExpression);
    case 'object': return v.entries.some(([, x]) => hasExpression(x));
    case 'segments': return v.segments.some((s) => s.data.some(([, x]) => hasExpression(x)));
    default: return false;
  }
}
