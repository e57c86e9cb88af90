/** OneBot segments → Milky outgoing segments as value trees, driven by the segment table. */
import type { Range } from './cq';
import type { FieldOutcome } from './fields';
import { toEnum, toInt, toJsonString, toStr, toTextList, toUri } from './fields';
import type { FieldRule, MilkyType, TypeRule } from './table';
import { segmentTable, typeRuleOf } from './table';
import type { MilkySegmentValue, MilkyValue, OnebotSegment, OnebotValue } from './values';
import { onebotSegmentsFromCqText, segmentsFromJson } from './sources';

/** Why a segment is not converted mechanically. */
export type NotMechanicalReason =
  /** Milky 1.2 has no outgoing segment of this type (see `alternative`). */
  | 'no-milky-segment'
  /** A type neither OneBot nor NapCat defines. */
  | 'unknown-type'
  /** A NapCat message id (`reply.id`, a reference `node`): Milky needs a message_seq. */
  | 'needs-lookup'
  /** A media `file` from an expression: whether it is a URI is known only at run time. */
  | 'variable-uri'
  /** A literal media `file` that is neither a URI Milky accepts nor an absolute path. */
  | 'not-a-uri'
  /** A literal user id that is not a QQ number (10001..4294967295). */
  | 'bad-user-id'
  /** A literal Milky cannot take (a seq that is not a number, an unknown sub_type, …). */
  | 'bad-value'
  /** An expression where the conversion must know the value (sub_type, json data, node content). */
  | 'variable-value'
  /** A field Milky requires is absent. */
  | 'missing-field'
  /** A template substitution inside a CQ code's type or key. */
  | 'dynamic-cq'
  /** A forward node whose content holds a segment that is not mechanical (see `inner`). */
  | 'node-content';

interface ResultBase {
  /** The OneBot type as written. */
  napcat: string;
  /** Converted: the Milky types it became; not converted: the types it could become ([] when Milky has none). */
  milky: readonly MilkyType[];
  /** The type text, for the finding's range (null when the caller gave none). */
  typeRange: Range | null;
  range: Range | null;
}

/** A segment converted: its Milky segments, and the OneBot fields Milky has no place for. */
export interface SegmentConverted extends ResultBase {
  ok: true;
  kind: 'segments';
  segments: MilkySegmentValue[];
  dropped: string[];
  /** A template substitution became plain text: OneBot parsed its run-time value as CQ codes, Milky sends it as is. */
  substitutedText: boolean;
}

/** A custom forward node converted: one message of the forward segment the node list becomes. */
export interface NodeConverted extends ResultBase {
  ok: true;
  kind: 'node';
  /** `{ user_id, sender_name, segments }` of OutgoingForwardedMessage. */
  message: MilkyValue;
  /** Forward-level fields the node carried (title, preview, summary, prompt). */
  forward: [string, MilkyValue][];
  inner: SegmentResult[];
  dropped: string[];
}

export interface SegmentNotConverted extends ResultBase {
  ok: false;
  reason: NotMechanicalReason;
  /** The OneBot field at fault, when one is. */
  field: string | null;
  /** The reference's suggestion, when it names one. */
  alternative: string | null;
  note: string | null;
  /** For a node: the results of its content. */
  inner: SegmentResult[];
}

export type SegmentResult = SegmentConverted | NodeConverted | SegmentNotConverted;

/** A whole message: every segment's result, and the Milky segment list when all are mechanical. */
export type MessageResult =
  | { ok: true; parts: SegmentResult[]; segments: MilkySegmentValue[] }
  /** `segments`: some part is not converted; `mixed-forward`: nodes beside other segments. */
  | { ok: false; parts: SegmentResult[]; reason: 'segments' | 'mixed-forward' }
  /** A forward-level param (MessageOptions.forward) Milky cannot take as written. */
  | { ok: false; parts: SegmentResult[]; reason: 'forward-param'; field: string; fieldReason: NotMechanicalReason };

export interface MessageOptions {
  /** send_*_forward_msg's own params (source, news, summary, prompt): they win over the nodes' own. */
  forward?: Readonly<Record<string, OnebotValue>>;
}

function base(seg: OnebotSegment, rule: TypeRule | undefined): ResultBase {
  return { napcat: seg.type, milky: rule?.milky ?? [], typeRange: seg.typeRange ?? null, range: seg.range ?? null };
}

function failure(seg: OnebotSegment, rule: TypeRule | undefined, reason: NotMechanicalReason, field: string | null, inner: SegmentResult[] = []): SegmentNotConverted {
  return { ...base(seg, rule), ok: false, reason, field, alternative: rule?.alternative ?? null, note: rule?.note ?? null, inner };
}

/** The value through the field's transform. */
function applyRule(rule: FieldRule, value: OnebotValue, milkyField: string): FieldOutcome {
  switch (rule.transform) {
    case 'to_int': return toInt(value, milkyField === 'user_id' ? 'uin' : 'seq');
    case 'to_string': return toStr(value, true);
    case 'rename': return toStr(value, false);
    case 'text_list': return toTextList(value);
    case 'to_uri': return toUri(value);
    case 'to_json_string': return toJsonString(value);
    case 'enum': return toEnum(value, rule.values);
    case 'lookup': return { ok: false, reason: 'needs-lookup' };
    default: return { ok: false, reason: 'bad-value' };
  }
}

/** The fields a Milky type requires (from the reference's outgoing segments). */
function requiredFields(type: MilkyType): string[] {
  return (segmentTable.milkyFields[type] ?? []).filter((f) => !f.optional).map((f) => f.name);
}

const has = (data: Readonly<Record<string, OnebotValue>>, key: string) => Object.prototype.hasOwnProperty.call(data, key);

/** Converts one OneBot segment. */
export function convertSegment(seg: OnebotSegment): SegmentResult {
  const rule = typeRuleOf(seg.type);
  if (!rule) return failure(seg, rule, 'unknown-type', null);
  if (seg.type === 'node') return convertNode(seg, rule);
  // A NapCat id anywhere (reply.id) needs a lookup, even next to a mechanical field.
  for (const [key, f] of Object.entries(rule.fields)) if (f.transform === 'lookup' && has(seg.data, key)) return failure(seg, rule, 'needs-lookup', key);
  if (rule.status === 'none' || rule.milky.length === 0) return failure(seg, rule, 'no-milky-segment', null);

  const split = rule.split;
  if (split) {
    const v = has(seg.data, split.field) ? seg.data[split.field] : undefined;
    if (v && v.kind === 'literal' && String(v.value) === split.value) {
      return { ...base(seg, rule), milky: [split.milky], ok: true, kind: 'segments', segments: [{ type: split.milky, data: [] }], dropped: Object.keys(seg.data).filter((k) => k !== split.field), substitutedText: false };
    }
  }
  const type = rule.milky.find((m) => m !== split?.milky) ?? rule.milky[0];
  const data: [string, MilkyValue][] = [];
  const dropped: string[] = [];
  for (const [key, value] of Object.entries(seg.data)) {
    const f = Object.prototype.hasOwnProperty.call(rule.fields, key) ? rule.fields[key] : undefined;
    if (!f || f.milky === null) { dropped.push(key); continue; }
    const out = applyRule(f, value, f.milky);
    if (!out.ok) return failure(seg, rule, out.reason, key);
    data.push([f.milky, out.value]);
  }
  for (const required of requiredFields(type)) {
    if (data.some(([k]) => k === required)) continue;
    // `[CQ:reply]` with neither id nor seq, `[CQ:at]` with no qq, …: named by the OneBot field.
    const source = Object.entries(rule.fields).find(([, f]) => f.milky === required)?.[0] ?? required;
    return failure(seg, rule, 'missing-field', source);
  }
  const text = type === 'text' && has(seg.data, 'text') ? seg.data.text : undefined;
  const substitutedText = Boolean(seg.fromTemplate && text && text.kind === 'template' && text.exprs.length > 0);
  return { ...base(seg, rule), milky: [type], ok: true, kind: 'segments', segments: [{ type, data }], dropped, substitutedText };
}

// Fields of a forwarded message; the node's other fields (title, preview, …) belong to the forward segment.
const MESSAGE_FIELDS = segmentTable.milkyForwardedMessage.map((f) => f.name);

/** A custom node → one OutgoingForwardedMessage; a reference node (by id) needs get_message. */
function convertNode(seg: OnebotSegment, rule: TypeRule): SegmentResult {
  if (has(seg.data, 'id') && !has(seg.data, 'content')) return failure(seg, rule, 'needs-lookup', 'id');
  const message: [string, MilkyValue][] = [];
  const forward: [string, MilkyValue][] = [];
  const dropped: string[] = [];
  let inner: SegmentResult[] = [];
  for (const [key, value] of Object.entries(seg.data)) {
    const f = Object.prototype.hasOwnProperty.call(rule.fields, key) ? rule.fields[key] : undefined;
    if (!f || f.milky === null || f.transform === 'lookup') { dropped.push(key); continue; }
    // user_id | uin and nickname | name fill one field each: the first written wins.
    if (message.some(([k]) => k === f.milky) || forward.some(([k]) => k === f.milky)) { dropped.push(key); continue; }
    if (f.transform === 'segments') {
      const content = nodeContent(value);
      if (!content) return failure(seg, rule, 'variable-value', key);
      inner = content.parts;
      if (!content.ok) return failure(seg, rule, 'node-content', key, inner);
      message.push(['segments', { kind: 'segments', segments: content.segments }]);
      continue;
    }
    const out = applyRule(f, value, f.milky);
    if (!out.ok) return failure(seg, rule, out.reason, key, inner);
    (MESSAGE_FIELDS.includes(f.milky) ? message : forward).push([f.milky, out.value]);
  }
  for (const need of segmentTable.milkyForwardedMessage) {
    if (need.optional || message.some(([k]) => k === need.name)) continue;
    const source = Object.entries(rule.fields).find(([, f]) => f.milky === need.name)?.[0] ?? need.name;
    return failure(seg, rule, 'missing-field', source, inner);
  }
  message.sort((a, b) => MESSAGE_FIELDS.indexOf(a[0]) - MESSAGE_FIELDS.indexOf(b[0]));
  return { ...base(seg, rule), milky: ['forward'], ok: true, kind: 'node', message: { kind: 'object', entries: message }, forward, inner, dropped };
}

/** Node content: a CQ string, one segment or an array (literal), or segments the caller split. */
function nodeContent(value: OnebotValue): MessageResult | null {
  if (value.kind === 'message') return convertMessage(value.segments);
  if (value.kind === 'literal') {
    if (typeof value.value === 'string') return convertMessage(onebotSegmentsFromCqText(value.value));
    const list = segmentsFromJson(value.value);
    return list ? convertMessage(list) : null;
  }
  return null;
}

/** Converts a whole message; a list of custom nodes becomes one forward segment. */
export function convertMessage(segments: readonly OnebotSegment[], options: MessageOptions = {}): MessageResult {
  const parts = segments.map(convertSegment);
  if (!parts.every((p) => p.ok)) return { ok: false, parts, reason: 'segments' };
  const nodes = parts.filter((p): p is NodeConverted => p.ok && p.kind === 'node');
  if (nodes.length === 0) return { ok: true, parts, segments: parts.flatMap((p) => (p.ok && p.kind === 'segments' ? p.segments : [])) };
  // NapCat sends a message with nodes as a forward only: other segments beside them have no place.
  if (nodes.length !== parts.length) return { ok: false, parts, reason: 'mixed-forward' };
  const data: [string, MilkyValue][] = [['messages', { kind: 'array', items: nodes.map((n) => n.message) }]];
  const nodeRule = typeRuleOf('node');
  for (const [key, value] of Object.entries(options.forward ?? {})) {
    const f = nodeRule && Object.prototype.hasOwnProperty.call(nodeRule.fields, key) ? nodeRule.fields[key] : undefined;
    // Only forward-level fields: messages, group_id and the like are the caller's.
    if (!f || f.milky === null || f.transform === 'lookup' || f.transform === 'segments' || MESSAGE_FIELDS.includes(f.milky)) continue;
    const out = applyRule(f, value, f.milky);
    if (!out.ok) return { ok: false, parts, reason: 'forward-param', field: key, fieldReason: out.reason };
    if (!data.some(([d]) => d === f.milky)) data.push([f.milky, out.value]);
  }
  for (const n of nodes) for (const [k, v] of n.forward) if (!data.some(([d]) => d === k)) data.push([k, v]);
  return { ok: true, parts, segments: [{ type: 'forward', data }] };
}
