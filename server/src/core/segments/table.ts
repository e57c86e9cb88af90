/** The send-side segment table (generated from data/reference/protocol/segments.json), typed and checked on load. */
import raw from '../catalog/segments.generated.json';

export type SegmentStatus = 'mechanical' | 'needs-lookup' | 'none';

/** The Milky 1.2 outgoing segment types (`OutgoingSegment` of @saltify/milky-types). */
export type MilkyType = 'text' | 'mention' | 'mention_all' | 'face' | 'reply' | 'image' | 'record' | 'video' | 'forward' | 'light_app';
export const MILKY_TYPES: readonly MilkyType[] = ['text', 'mention', 'mention_all', 'face', 'reply', 'image', 'record', 'video', 'forward', 'light_app'];

export type TransformKind =
  | 'rename' | 'to_int' | 'to_string' | 'to_uri' | 'to_json_string' | 'enum' | 'segments' | 'text_list' | 'lookup' | 'none';
const TRANSFORMS: readonly TransformKind[] = ['rename', 'to_int', 'to_string', 'to_uri', 'to_json_string', 'enum', 'segments', 'text_list', 'lookup', 'none'];

/** One OneBot field: its Milky field (null when dropped) and how the value changes. */
export type FieldRule =
  | { milky: string; transform: 'rename' | 'to_int' | 'to_string' | 'to_uri' | 'to_json_string' | 'segments' | 'text_list' }
  | { milky: string; transform: 'enum'; values: Readonly<Record<string, string>> }
  | { milky: string | null; transform: 'lookup' }
  | { milky: null; transform: 'none' };

/** One OneBot send-side type as written (`at`, `image`, `node`, …). */
export interface TypeRule {
  status: SegmentStatus;
  /** Milky types it can become; [] when Milky has none. */
  milky: readonly MilkyType[];
  fields: Readonly<Record<string, FieldRule>>;
  /** A field value that picks another Milky type (`qq=all` → mention_all). */
  split: { field: string; value: string; milky: MilkyType } | null;
  /** What the reference suggests instead (an API call, a rebuild), when it names one. */
  alternative: string | null;
  note: string | null;
  /** NapCat's send converter handles it (false: NapCat already sends nothing). */
  sendable: boolean;
  /** OneBot/NapCat send-side field names, for the hover. */
  onebotFields: readonly string[];
}

export interface MilkyFieldInfo {
  name: string;
  optional: boolean;
}

export interface SegmentTable {
  source: string;
  milkyTypesVersion: string;
  milkyOutgoing: readonly MilkyType[];
  milkyFields: Readonly<Record<string, readonly MilkyFieldInfo[]>>;
  /** Fields of one OutgoingForwardedMessage (what a custom node becomes). */
  milkyForwardedMessage: readonly MilkyFieldInfo[];
  /** [character, entity] pairs, per OneBot's CQ string format. */
  escapes: { text: readonly (readonly [string, string])[]; param: readonly (readonly [string, string])[] };
  types: Readonly<Record<string, TypeRule>>;
}

// A stale or hand-edited table fails here, at load, instead of misconverting later.
function fail(where: string): never {
  throw new Error(`segments.generated.json: bad ${where} (run npm run generate)`);
}
function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function str(v: unknown, where: string): string {
  return typeof v === 'string' ? v : fail(where);
}
function strOrNull(v: unknown, where: string): string | null {
  return v === null ? null : str(v, where);
}
function strList(v: unknown, where: string): string[] {
  return Array.isArray(v) ? v.map((x, i) => str(x, `${where}[${i}]`)) : fail(where);
}
function milkyType(v: unknown, where: string): MilkyType {
  const found = MILKY_TYPES.find((t) => t === v);
  return found ?? fail(where);
}
function status(v: unknown, where: string): SegmentStatus {
  return v === 'mechanical' || v === 'needs-lookup' || v === 'none' ? v : fail(where);
}

function fieldRule(v: unknown, where: string): FieldRule {
  if (!isRecord(v)) return fail(where);
  const transform = TRANSFORMS.find((t) => t === v.transform) ?? fail(`${where}.transform`);
  if (transform === 'none') return v.milky === null ? { milky: null, transform } : fail(`${where}.milky`);
  if (transform === 'lookup') return { milky: strOrNull(v.milky, `${where}.milky`), transform };
  const milky = str(v.milky, `${where}.milky`);
  if (transform === 'enum') {
    if (!isRecord(v.values)) return fail(`${where}.values`);
    const values: Record<string, string> = {};
    for (const [k, x] of Object.entries(v.values)) values[k] = str(x, `${where}.values.${k}`);
    return { milky, transform, values };
  }
  return { milky, transform };
}

function typeRule(v: unknown, where: string): TypeRule {
  if (!isRecord(v) || !isRecord(v.fields)) return fail(where);
  const fields: Record<string, FieldRule> = {};
  for (const [k, f] of Object.entries(v.fields)) fields[k] = fieldRule(f, `${where}.fields.${k}`);
  let split: TypeRule['split'] = null;
  if (v.split !== null) {
    if (!isRecord(v.split)) return fail(`${where}.split`);
    split = { field: str(v.split.field, `${where}.split.field`), value: str(v.split.value, `${where}.split.value`), milky: milkyType(v.split.milky, `${where}.split.milky`) };
  }
  const milky = Array.isArray(v.milky) ? v.milky.map((m, i) => milkyType(m, `${where}.milky[${i}]`)) : fail(`${where}.milky`);
  return {
    status: status(v.status, `${where}.status`),
    milky,
    fields,
    split,
    alternative: strOrNull(v.alternative, `${where}.alternative`),
    note: strOrNull(v.note, `${where}.note`),
    sendable: typeof v.sendable === 'boolean' ? v.sendable : fail(`${where}.sendable`),
    onebotFields: strList(v.onebotFields, `${where}.onebotFields`),
  };
}

function pairs(v: unknown, where: string): [string, string][] {
  if (!Array.isArray(v)) return fail(where);
  return v.map((p, i) => (Array.isArray(p) && p.length === 2 ? [str(p[0], `${where}[${i}]`), str(p[1], `${where}[${i}]`)] : fail(`${where}[${i}]`)));
}

function fieldInfos(v: unknown, where: string): MilkyFieldInfo[] {
  if (!Array.isArray(v)) return fail(where);
  return v.map((f, i) => (isRecord(f) && typeof f.optional === 'boolean' ? { name: str(f.name, `${where}[${i}]`), optional: f.optional } : fail(`${where}[${i}]`)));
}

/** Checks the shape of a parsed table and returns it typed. */
export function parseSegmentTable(v: unknown): SegmentTable {
  if (!isRecord(v) || !isRecord(v.types) || !isRecord(v.escapes) || !isRecord(v.milkyFields)) return fail('root');
  const types: Record<string, TypeRule> = {};
  for (const [k, t] of Object.entries(v.types)) types[k] = typeRule(t, `types.${k}`);
  const milkyFields: Record<string, MilkyFieldInfo[]> = {};
  for (const [k, list] of Object.entries(v.milkyFields)) milkyFields[k] = fieldInfos(list, `milkyFields.${k}`);
  return {
    source: str(v.source, 'source'),
    milkyTypesVersion: str(v.milkyTypesVersion, 'milkyTypesVersion'),
    milkyOutgoing: Array.isArray(v.milkyOutgoing) ? v.milkyOutgoing.map((m, i) => milkyType(m, `milkyOutgoing[${i}]`)) : fail('milkyOutgoing'),
    milkyFields,
    milkyForwardedMessage: fieldInfos(v.milkyForwardedMessage, 'milkyForwardedMessage'),
    escapes: { text: pairs(v.escapes.text, 'escapes.text'), param: pairs(v.escapes.param, 'escapes.param') },
    types,
  };
}

/** The table, checked once when the core loads. */
export const segmentTable: SegmentTable = parseSegmentTable(raw);

/** The rule for a OneBot type as written, or undefined for a type the reference does not know. */
export function typeRuleOf(type: string): TypeRule | undefined {
  return Object.prototype.hasOwnProperty.call(segmentTable.types, type) ? segmentTable.types[type] : undefined;
}
