/** One field value through one transform kind of the table: a Milky value, or why not. */
import type { JsonValue, MilkyValue, OnebotValue } from './values';
import { num, str } from './values';

export type FieldFailure = 'needs-lookup' | 'variable-uri' | 'not-a-uri' | 'bad-user-id' | 'bad-value' | 'variable-value';
export type FieldOutcome = { ok: true; value: MilkyValue } | { ok: false; reason: FieldFailure };

const ok = (value: MilkyValue): FieldOutcome => ({ ok: true, value });
const no = (reason: FieldFailure): FieldOutcome => ({ ok: false, reason });

// Milky's zUin: QQ numbers 10001..4294967295.
const UIN_MIN = 10001;
const UIN_MAX = 4294967295;
// Decimal digits only, as the run-time helper checks them.
const NUMERIC = /^\d+$/;
const URI_SCHEME = /^(?:https?|file|base64):\/\//i;

/** A template that is exactly one substitution (`${x}`), as its expression. */
function soleExpr(v: OnebotValue): string | null {
  if (v.kind === 'expr') return v.text;
  if (v.kind === 'template' && v.exprs.length === 1 && v.quasis[0] === '' && v.quasis[1] === '') return v.exprs[0];
  return null;
}
const template = (v: Extract<OnebotValue, { kind: 'template' }>): MilkyValue => ({ kind: 'template', quasis: [...v.quasis], exprs: [...v.exprs] });

/** A literal integer in [min, max], from a number or a decimal string. */
function literalInt(value: JsonValue, min: number, max: number): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && NUMERIC.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : null;
}

/** to_int: QQ numbers (`user_id`) or sequence numbers; a non-literal becomes `Number(expr)`. */
export function toInt(v: OnebotValue, kind: 'uin' | 'seq'): FieldOutcome {
  const [min, max, bad]: [number, number, FieldFailure] = kind === 'uin' ? [UIN_MIN, UIN_MAX, 'bad-user-id'] : [0, Number.MAX_SAFE_INTEGER, 'bad-value'];
  if (v.kind === 'literal') {
    const n = literalInt(v.value, min, max);
    return n === null ? no(bad) : ok(num(n));
  }
  const e = soleExpr(v);
  if (e !== null) {
    // `${10001}` or `qq: 10001` written as an expression is still a literal number.
    if (NUMERIC.test(e.trim())) { const n = literalInt(e.trim(), min, max); return n === null ? no(bad) : ok(num(n)); }
    return ok({ kind: 'call', fn: 'Number', arg: { kind: 'expr', text: e } });
  }
  if (v.kind === 'template') return ok({ kind: 'call', fn: 'Number', arg: template(v) });
  return no('variable-value');
}

/** to_string and rename of a string field: literals become strings, expressions stay (coerced when CQ made them strings). */
export function toStr(v: OnebotValue, coerce: boolean): FieldOutcome {
  if (v.kind === 'literal') {
    if (typeof v.value === 'string') return ok(str(v.value));
    if (typeof v.value === 'number' || typeof v.value === 'boolean') return ok(str(String(v.value)));
    return no('bad-value');
  }
  if (v.kind === 'expr') return ok(coerce ? { kind: 'call', fn: 'String', arg: { kind: 'expr', text: v.text } } : { kind: 'expr', text: v.text });
  if (v.kind === 'template') {
    const e = soleExpr(v);
    return ok(e !== null ? { kind: 'call', fn: 'String', arg: { kind: 'expr', text: e } } : template(v));
  }
  return no('bad-value');
}

/** An absolute path as a file:// URI (the reference: "absolute path (prefix file://)"); null when not absolute. */
export function pathToFileUri(p: string): string | null {
  const win = /^([A-Za-z]):[\\/]/.exec(p);
  if (!win && !p.startsWith('/')) return null;
  const slashed = win ? `/${p.replace(/\\/g, '/')}` : p;
  // encodeURI leaves `#` and `?`, which would end the path of a URI.
  return `file://${encodeURI(slashed).replace(/#/g, '%23').replace(/\?/g, '%3F')}`;
}

/** to_uri: only a literal http(s)://, file:// or base64:// value (or a literal absolute path) is known to be a URI. */
export function toUri(v: OnebotValue): FieldOutcome {
  if (v.kind === 'literal') {
    if (typeof v.value !== 'string') return no('not-a-uri');
    if (URI_SCHEME.test(v.value)) return ok(str(v.value));
    const file = pathToFileUri(v.value);
    return file === null ? no('not-a-uri') : ok(str(file));
  }
  // A template whose static head already names the scheme keeps being a URI whatever is substituted.
  if (v.kind === 'template' && URI_SCHEME.test(v.quasis[0])) return ok(template(v));
  return no('variable-uri');
}

/** enum: a literal key of the table's map (`sub_type` 0/1 → normal/sticker). */
export function toEnum(v: OnebotValue, values: Readonly<Record<string, string>>): FieldOutcome {
  if (v.kind !== 'literal') return no('variable-value');
  const key = typeof v.value === 'number' || typeof v.value === 'string' ? String(v.value) : '';
  if (Object.prototype.hasOwnProperty.call(values, key)) return ok(str(values[key]));
  // A Milky name written directly ('sticker') is already right.
  return Object.values(values).includes(key) ? ok(str(key)) : no('bad-value');
}

/** to_json_string: a string stays, a literal object or array becomes its JSON text. */
export function toJsonString(v: OnebotValue): FieldOutcome {
  if (v.kind === 'literal') {
    if (typeof v.value === 'string') return ok(str(v.value));
    if (typeof v.value === 'object' && v.value !== null) return ok(str(JSON.stringify(v.value)));
    return no('bad-value');
  }
  if (v.kind === 'template') return toStr(v, true);
  // An expression may be a string or an object: only its author knows which.
  return no('variable-value');
}

/** text_list: NapCat `news: [{ text }]` → Milky `preview: string[]` (1 to 4 lines). */
export function toTextList(v: OnebotValue): FieldOutcome {
  if (v.kind !== 'literal') return no('variable-value');
  if (!Array.isArray(v.value) || v.value.length < 1 || v.value.length > 4) return no('bad-value');
  const items: MilkyValue[] = [];
  for (const item of v.value) {
    const text = typeof item === 'string' ? item : item !== null && typeof item === 'object' && !Array.isArray(item) && typeof item.text === 'string' ? item.text : null;
    if (text === null) return no('bad-value');
    items.push(str(text));
  }
  return ok({ kind: 'array', items });
}
