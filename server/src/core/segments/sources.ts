/** Source forms of a OneBot message (CQ string, template literal) → OneBot segments with source ranges. */
import type { CqPart, Range } from './cq';
import { parseCq } from './cq';
import type { JsonValue, OnebotSegment, OnebotValue } from './values';

/** Cooked text and where each of its offsets is in the file (identity when omitted: no escapes in the literal). */
export interface TextSource {
  text: string;
  /** Maps an offset into `text` (0..length) to a file offset. */
  at?: (offset: number) => number;
}

/** A template substitution: its expression's source text and range. */
export interface ExprSource {
  text: string;
  range?: Range;
}

/** Maps an offset of the parsed text to a file offset; at a boundary, `start` takes the next piece and `end` the previous. */
type OffsetMap = (offset: number, side: 'start' | 'end') => number;

const mapRange = (r: Range, at: OffsetMap): Range => ({ start: at(r.start, 'start'), end: at(r.end, 'end') });

function partToSegment(p: CqPart, at: OffsetMap, value: (raw: string, decoded: string) => OnebotValue, textValue: (range: Range, decoded: string) => OnebotValue): OnebotSegment {
  if (p.kind === 'text') return { type: 'text', data: { text: textValue(p.range, p.text) }, typeRange: mapRange(p.range, at), range: mapRange(p.range, at) };
  // NapCat assigns params in order: a repeated key keeps its last value (fromEntries: `__proto__` stays a key).
  const data: Record<string, OnebotValue> = Object.fromEntries(p.params.map((param) => [param.key, value(param.key, param.value)]));
  return { type: p.type, data, typeRange: mapRange(p.typeRange, at), range: mapRange(p.range, at) };
}

/** A CQ string (cooked) → OneBot segments; text runs decoded. A string with no code is one text segment. */
export function onebotSegmentsFromCqText(text: string, at: (o: number) => number = (o) => o): OnebotSegment[] {
  const parts = parseCq(text);
  if (parts.length === 0) return [emptyText(at(0))];
  return parts.map((p) => partToSegment(p, (o) => at(o), (_k, v) => ({ kind: 'literal', value: v }), (_r, v) => ({ kind: 'literal', value: v })));
}

function emptyText(offset: number): OnebotSegment {
  return { type: 'text', data: { text: { kind: 'literal', value: '' } }, typeRange: { start: offset, end: offset }, range: { start: offset, end: offset } };
}

/** `auto_escape: true`: the string is plain text, as is. */
export function onebotSegmentsFromPlainText(text: string, at: (o: number) => number = (o) => o): OnebotSegment[] {
  const range = { start: at(0), end: at(text.length) };
  return [{ type: 'text', data: { text: { kind: 'literal', value: text } }, typeRange: range, range }];
}

/** A substitution inside a CQ code's type or key: the code exists only at run time. */
export interface DynamicCode {
  /** The type as far as it is written (`at` in `[CQ:at,${k}=1]`; '' in `[CQ:${t}]`). */
  napcat: string;
  range: Range;
}

export type TemplateSegments = { ok: true; segments: OnebotSegment[] } | { ok: false; dynamic: DynamicCode[]; segments: OnebotSegment[] };

// Private-use markers stand for substitutions while the CQ grammar runs over the joined text.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARK = new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'g');

/** A template literal `...${e}...` → OneBot segments whose values keep the substitutions. */
export function onebotSegmentsFromTemplate(quasis: readonly TextSource[], exprs: readonly ExprSource[]): TemplateSegments {
  if (quasis.length !== exprs.length + 1) throw new Error('onebotSegmentsFromTemplate: quasis.length must be exprs.length + 1');
  let joined = '';
  // Each piece of `joined` (a static part or a marker) and how its offsets map to the file.
  const pieces: { start: number; end: number; at: OffsetMap }[] = [];
  quasis.forEach((q, i) => {
    const qa = q.at ?? ((o: number) => o);
    pieces.push({ start: joined.length, end: joined.length + q.text.length, at: (o) => qa(o) });
    joined += q.text;
    if (i < exprs.length) {
      const marker = `${OPEN}${i}${CLOSE}`;
      const r = exprs[i].range ?? { start: 0, end: 0 };
      pieces.push({ start: joined.length, end: joined.length + marker.length, at: (o) => (o === 0 ? r.start : r.end) });
      joined += marker;
    }
  });
  const whole = { start: pieces[0].at(0, 'start'), end: pieces[pieces.length - 1].at(quasis[quasis.length - 1].text.length, 'end') };
  if (quasis.some((q) => q.text.includes(OPEN) || q.text.includes(CLOSE))) return { ok: false, dynamic: [{ napcat: '', range: whole }], segments: [] };
  const at: OffsetMap = (o, side) => {
    const inside = pieces.find((p) => (side === 'start' ? o >= p.start && o < p.end : o > p.start && o <= p.end));
    const p = inside ?? pieces.find((x) => o >= x.start && o <= x.end) ?? pieces[pieces.length - 1];
    return p.at(o - p.start, side);
  };
  const withSubs = (decoded: string): OnebotValue => {
    const q: string[] = [];
    const e: string[] = [];
    let last = 0;
    for (const m of decoded.matchAll(MARK)) {
      q.push(decoded.slice(last, m.index));
      e.push(exprs[Number(m[1])].text);
      last = (m.index ?? 0) + m[0].length;
    }
    q.push(decoded.slice(last));
    return e.length ? { kind: 'template', quasis: q, exprs: e } : { kind: 'literal', value: decoded };
  };
  const parts = parseCq(joined);
  const dynamic: DynamicCode[] = [];
  for (const p of parts) {
    if (p.kind !== 'text') continue;
    // `[CQ:` that reaches a substitution before any `]`: the substitution is in the type or a key.
    const raw = joined.slice(p.range.start, p.range.end);
    for (const m of raw.matchAll(new RegExp(`\\[CQ:(\\w*)[^\\]]*?${OPEN}`, 'g'))) {
      const start = p.range.start + (m.index ?? 0);
      const close = joined.indexOf(']', start);
      dynamic.push({ napcat: m[1], range: { start: at(start, 'start'), end: at(close < 0 ? p.range.end : close + 1, 'end') } });
    }
  }
  const segments = parts.length === 0 ? [emptyText(whole.start)] : parts.map((p) => ({ ...partToSegment(p, at, (_k, v) => withSubs(v), (_r, v) => withSubs(v)), fromTemplate: true }));
  return dynamic.length ? { ok: false, dynamic, segments } : { ok: true, segments };
}

/** A literal OneBot message from JSON (one segment object or an array of them) as segments; null when it is not one. */
export function segmentsFromJson(value: unknown): OnebotSegment[] | null {
  const items = Array.isArray(value) ? value : [value];
  const out: OnebotSegment[] = [];
  for (const item of items) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return null;
    const type: unknown = Reflect.get(item, 'type');
    const data: unknown = Reflect.get(item, 'data') ?? {};
    if (typeof type !== 'string' || typeof data !== 'object' || data === null || Array.isArray(data)) return null;
    out.push({ type, data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, { kind: 'literal', value: jsonOf(v) }])) });
  }
  return out;
}

function jsonOf(v: unknown): JsonValue {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(jsonOf);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonOf(x)]));
  return null;
}
