/** Checks a request body against the endpoint's official input schema and says, per problem, which field and what to do. */
import { catalog } from '../core/catalog';
import type { Locale } from '../shared/locale';
import { cqToSegments } from './cq';
import { say, type MessageKey } from './messages';
import { defaultOf, isUin, pickOption, shapeOf, unwrap, type Endpoint, type Schema, type ZodIssue } from './schema';

export interface Problem {
  /** Where, as written in the body: `message[0].data.text`; '' for the body itself. */
  path: string;
  /** A stable name for the kind of problem (the message key). */
  code: MessageKey;
  message: string;
}

export interface Verdict {
  ok: boolean;
  /** Problems that fail the call. */
  problems: Problem[];
  /** Problems accepted because of --lenient. */
  warnings: Problem[];
}

export interface ValidateOptions {
  locale: Locale;
  lenient: boolean;
}

type Path = (string | number)[];

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** The schema that applies at `path` of `root`, following objects, arrays and the option the value picks. */
function schemaAt(schema: Schema, root: unknown, path: readonly PropertyKey[]): Schema | undefined {
  let s: Schema | undefined = schema;
  let v = root;
  for (const p of path) {
    if (!s) return undefined;
    let u = unwrap(s);
    if (u._zod.def.type === 'union') { u = pickOption(u, v) ?? u; u = unwrap(u); }
    const d = u._zod.def;
    if (d.type === 'object') s = d.shape?.[String(p)];
    else if (d.type === 'array') s = d.element;
    else return undefined;
    v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  }
  return s;
}

function shown(value: unknown, locale: Locale): string {
  if (value === undefined) return say(locale, 'nothing');
  let text: string;
  try { text = JSON.stringify(value) ?? String(value); } catch { text = String(value); }
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function expected(schema: Schema | undefined, locale: Locale): string {
  if (!schema) return say(locale, 'expValue');
  if (isUin(schema)) return say(locale, 'expUin');
  const s = unwrap(schema);
  const d = s._zod.def;
  switch (d.type) {
    case 'number': return say(locale, s.isInt ? 'expInt' : 'expNumber');
    case 'string': return say(locale, 'expString');
    case 'boolean': return say(locale, 'expBool');
    case 'array': return say(locale, unwrap(d.element!)._zod.def.type === 'union' && unwrap(d.element!)._zod.def.discriminator === 'type' ? 'expSegments' : 'expArray');
    case 'object': return say(locale, 'expObject');
    case 'enum': return say(locale, 'expOneOf', { values: Object.values(d.entries ?? {}).map((x) => JSON.stringify(x)).join(', ') });
    case 'literal': return say(locale, 'expOneOf', { values: (d.values ?? []).map((x) => JSON.stringify(x)).join(', ') });
    default: return say(locale, 'expValue');
  }
}

/** NapCat / OneBot 11 segment types and what Milky has instead. */
const NAPCAT_SEGMENTS: Record<string, { key: MessageKey; type?: string }> = {
  at: { key: 'segAt' },
  image: { key: 'segMedia', type: 'image' },
  json: { key: 'segJson' },
  node: { key: 'segNode' },
  file: { key: 'segFile' },
  poke: { key: 'segNone' },
  dice: { key: 'segNone' },
  rps: { key: 'segNone' },
  music: { key: 'segNone' },
  share: { key: 'segNone' },
  contact: { key: 'segNone' },
  location: { key: 'segNone' },
  markdown: { key: 'segNone' },
  xml: { key: 'segNone' },
  mface: { key: 'segNone' },
  shake: { key: 'segNone' },
  anonymous: { key: 'segNone' },
};

function describeIssue(issue: ZodIssue, endpoint: Endpoint, body: unknown, locale: Locale): Problem {
  const path = issue.path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number');
  const where = formatPath(path) || say(locale, 'body');
  const value = valueAt(body, path);
  const got = shown(value, locale);
  const schema = endpoint.input ? schemaAt(endpoint.input, body, path) : undefined;
  const problem = (code: MessageKey, vars: Record<string, string | number> = {}): Problem =>
    ({ path: formatPath(path), code, message: say(locale, code, { path: where, got, ...vars }) });
  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) return problem('missing', { expected: expected(schema, locale) });
      if (issue.expected === 'int' && typeof value === 'number') return schema && isUin(schema) ? problem('badUin') : problem('notInt');
      if (issue.expected === 'number' && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return problem('numericString');
      if (issue.expected === 'boolean' && (typeof value === 'string' || typeof value === 'number')) return problem('boolString');
      if (issue.expected === 'array' && schema && expected(schema, 'en') === say('en', 'expSegments')) {
        if (typeof value === 'string') {
          if (!/\[CQ:[a-zA-Z_]+/.test(value)) return problem('plainString');
          const segments = cqToSegments(value);
          const text = segments && schema.safeParse(segments).success ? JSON.stringify(segments) : undefined;
          return text && text.length <= 400 ? problem('cqStringHere', { segments: text }) : problem('cqString');
        }
        if (value !== null && typeof value === 'object' && 'type' in value) return problem('oneSegment');
      }
      if (path.length === 0) return problem('bodyNotObject');
      return problem('wrongType', { expected: expected(schema, locale) });
    }
    case 'too_small':
      if (schema && isUin(schema)) return problem('badUin');
      return problem('tooSmall', { min: String(issue.minimum) });
    case 'too_big':
      if (schema && isUin(schema)) return problem('badUin');
      return problem('tooBig', { max: String(issue.maximum) });
    case 'invalid_value':
      return problem('badValue', { values: (issue.values ?? []).map((x) => JSON.stringify(x)).join(', ') });
    case 'invalid_union': {
      if (issue.discriminator) {
        const values = (issue.options ?? []).map((x) => JSON.stringify(x)).join(', ');
        const napcat = issue.discriminator === 'type' && typeof value === 'string' ? NAPCAT_SEGMENTS[value] : undefined;
        if (napcat) return problem('napcatSegment', { hint: say(locale, napcat.key, { type: napcat.type ?? value as string }) });
        if (value === undefined) return problem('missing', { expected: say(locale, 'expOneOf', { values }) });
        return problem(issue.discriminator === 'type' ? 'badSegment' : 'badValue', { values });
      }
      return problem('noShape');
    }
    default:
      return problem('otherIssue', { detail: issue.message });
  }
}

interface UnknownKey { path: Path; known: string[] }

/** NapCat's names for fields of segments that Milky renamed, by Milky segment type. */
const NAPCAT_SEGMENT_FIELDS: Record<string, Record<string, string>> = {
  mention: { qq: 'user_id' },
  reply: { id: 'message_seq' },
  face: { id: 'face_id' },
  image: { file: 'uri', url: 'uri' },
  record: { file: 'uri', url: 'uri' },
  video: { file: 'uri', url: 'uri', thumb: 'thumb_uri' },
  light_app: { data: 'json_payload' },
};

/** Every key of `value` that its schema does not declare (zod objects drop those silently). */
function unknownKeys(schema: Schema, value: unknown, path: Path, out: UnknownKey[]): void {
  let s = unwrap(schema);
  if (s._zod.def.type === 'union') {
    const option = pickOption(s, value);
    if (!option) return;
    s = unwrap(option);
  }
  const d = s._zod.def;
  if (d.type === 'object') {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    const shape = d.shape ?? {};
    for (const [key, v] of Object.entries(value)) {
      if (!Object.prototype.hasOwnProperty.call(shape, key)) out.push({ path: [...path, key], known: Object.keys(shape) });
      else unknownKeys(shape[key], v, [...path, key], out);
    }
  } else if (d.type === 'array' && Array.isArray(value)) {
    value.forEach((v, i) => unknownKeys(d.element!, v, [...path, i], out));
  }
}

/** For a NapCat parameter name sent to a Milky endpoint, the Milky field the catalog maps it to. */
function milkyNameFor(endpoint: string, key: string): string | undefined {
  for (const entry of Object.values(catalog.napcat)) {
    const field = entry.params?.[endpoint]?.fields?.[key];
    if (field && typeof field.milky_field === 'string' && field.milky_field !== key) return field.milky_field;
  }
  return undefined;
}

/** Validates `body` for `endpoint` with its official input schema (no input schema: `{}` only). */
export function validateInput(endpoint: Endpoint, body: unknown, options: ValidateOptions): Verdict {
  const { locale } = options;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, problems: [{ path: '', code: 'bodyNotObject', message: say(locale, 'bodyNotObject', { got: shown(body, locale) }) }], warnings: [] };
  }
  const problems: Problem[] = [];
  const unknown: Problem[] = [];
  // Missing fields already explained by another problem: a NapCat name sent in their place.
  const covered = new Set<string>();
  const renamed = new Set<string>();
  const topShape = endpoint.input ? shapeOf(endpoint.input) ?? {} : {};

  const extra: UnknownKey[] = [];
  if (endpoint.input) unknownKeys(endpoint.input, body, [], extra);
  else for (const key of Object.keys(body)) extra.push({ path: [key], known: [] });
  for (const { path, known } of extra) {
    const where = formatPath(path);
    const key = String(path[path.length - 1]);
    if (path.length === 1 && key === 'message_id' && 'message_seq' in topShape && (body as Record<string, unknown>).message_seq === undefined) {
      covered.add('message_seq');
      problems.push({ path: where, code: 'messageIdForSeq', message: say(locale, 'messageIdForSeq', { endpoint: endpoint.name }) });
      continue;
    }
    const segment = path.length >= 3 && path[path.length - 2] === 'data' ? valueAt(body, path.slice(0, -2)) as { type?: unknown } | undefined : undefined;
    const segmentType = typeof segment?.type === 'string' ? segment.type : undefined;
    const milky = path.length === 1 ? milkyNameFor(endpoint.name, key) : segmentType ? NAPCAT_SEGMENT_FIELDS[segmentType]?.[key] : undefined;
    if (milky && (path.length > 1 || milky in topShape)) {
      renamed.add(formatPath([...path.slice(0, -1), milky]));
      const owner = path.length === 1 ? endpoint.name : say(locale, 'segmentName', { type: segmentType! });
      // The default a real server puts in its place: { group_id, enable: false } on set_group_whole_mute mutes the group.
      const fallback = path.length === 1 && (body as Record<string, unknown>)[milky] === undefined ? defaultOf(topShape[milky]) : undefined;
      unknown.push(fallback
        ? { path: where, code: 'renamedKeyDefault', message: say(locale, 'renamedKeyDefault', { path: where, endpoint: owner, milky, value: JSON.stringify(fallback.value) }) }
        : { path: where, code: 'renamedKey', message: say(locale, 'renamedKey', { path: where, endpoint: owner, milky }) });
    } else if (known.length === 0) {
      unknown.push({ path: where, code: 'unknownKeyNone', message: say(locale, 'unknownKeyNone', { path: where, endpoint: endpoint.name }) });
    } else {
      unknown.push({ path: where, code: 'unknownKey', message: say(locale, 'unknownKey', { path: where, endpoint: endpoint.name, fields: known.join(', ') }) });
    }
  }

  if (endpoint.input) {
    const result = endpoint.input.safeParse(body);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const at = formatPath(issue.path);
        // With --lenient the renamed key is only a warning: the missing field must still fail the call.
        if ((covered.has(at) || (!options.lenient && renamed.has(at))) && valueAt(body, issue.path) === undefined) continue;
        problems.push(describeIssue(issue, endpoint, body, locale));
      }
    }
  }

  const warnings: Problem[] = [];
  if (options.lenient) warnings.push(...unknown);
  else problems.push(...unknown);
  return { ok: problems.length === 0, problems, warnings };
}
