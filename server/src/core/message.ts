/**
 * The outgoing message at a send site: where it is, how it is written, and what it becomes in
 * Milky. Read from the params the scanner attached (each prop's value range), by parsing only the
 * value's text, so the scanners need not know about messages. Used by the segment rule (findings)
 * and by the params migration (the fix); both see the same facts.
 */
import type * as TS from 'typescript';
import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import { milkyNames, resolveNapcat } from './catalog';
import type { MessageForm } from './findings';
import { paramsObject, type ObjectInfo, type PropInfo, type Site } from './scan/types';
import { ts } from './scan/typescript';
import { readPyString } from './messagePy';
import {
  convertMessage, convertSegment, onebotSegmentsFromCqText, onebotSegmentsFromPlainText, onebotSegmentsFromTemplate, hasCqCode,
  segmentTable, typeRuleOf, MILKY_TYPES,
  type MessageResult, type OnebotSegment, type OnebotValue, type SegmentResult, type TextSource, type ExprSource, type JsonValue, type Range,
} from './segments';

/** The NapCat send actions whose `message` is a OneBot message, and their Milky targets. */
export const NAPCAT_SENDS: ReadonlySet<string> = new Set(['send_private_msg', 'send_group_msg', 'send_msg']);
export const MILKY_SENDS: ReadonlySet<string> = new Set(['send_private_message', 'send_group_message']);

/** One segment of the message as written, with the source text of a segment object (kept as is when it is already Milky). */
export interface WrittenSegment {
  segment: OnebotSegment;
  /** The segment already has Milky's shape (type and field names): it does not change. */
  milky: boolean;
  /** Source text of the element (object/builder forms). */
  source?: Range;
  /** The name range of a builder call (`at` of `Structs.at(…)`). */
  builder?: boolean;
}

export interface OutgoingMessage {
  /** The prop that holds the message. */
  prop: PropInfo;
  param: string;
  form: MessageForm;
  /** `auto_escape`: true, false (or absent), or 'unknown' (an expression). */
  autoEscape: boolean | 'unknown';
  autoEscapeProp?: PropInfo;
  /** Is the site a Milky endpoint already (then the action is not renamed)? */
  milkySite: boolean;
  /** The segments as written (literal forms); empty for a run-time string. */
  written: WrittenSegment[];
  /** Every element was understood (no spread, no non-literal type, no unknown element). */
  complete: boolean;
  /** The conversion of the segments that change (literal forms), or null. */
  result: MessageResult | null;
  /** Per written segment: its conversion, or undefined when it is kept as written. */
  parts: (SegmentResult | undefined)[];
  /** A run-time string: the expression's text. */
  runtimeExpr?: string;
  /** Where the value is (the prop's value, or the whole prop when shorthand). */
  value: Range;
  syntax: 'ts' | 'json' | 'py';
  quote: "'" | '"';
  /** Python: the quote of the f-string whose substitutions the segments hold (a new f-string uses it). */
  fquote?: "'" | '"';
}

/** Is this a send site whose `message` the rule and the fix look at? */
export function isSendSite(site: Site): { milky: boolean } | undefined {
  if (site.callSite === 'key' || site.callSite === 'frame') return undefined;
  const napcat = resolveNapcat(site.written);
  if (napcat && NAPCAT_SENDS.has(napcat)) return { milky: false };
  if (!napcat && milkyNames.has(site.written) && MILKY_SENDS.has(site.written)) return { milky: true };
  return undefined;
}

const BUILDER_ARGS: Readonly<Record<string, readonly string[]>> = {
  text: ['text'], at: ['qq'], reply: ['id'], face: ['id'], mface: ['emoji_id', 'emoji_package_id', 'key', 'summary'],
  image: ['file', 'summary', 'sub_type'], file: ['file', 'name'], video: ['file', 'name', 'thumb'], record: ['file', 'name', 'thumb'],
  json: ['data'], dice: [], rps: [], markdown: ['content'], music: ['type', 'id'], customMusic: ['type', 'url', 'image', 'audio', 'title', 'singer'],
  forward: ['id'], contact: ['type', 'id'], poke: ['type', 'id'],
};
const BUILDER_TYPE: Readonly<Record<string, string>> = { customMusic: 'music' };

/** Does the file use node-napcat-ts (so `Structs.at(…)` is its builder)? */
function importsNapcatSdk(text: string): boolean {
  return /(?:from\s*|require\s*\(\s*)['"]node-napcat-ts['"]/.test(text);
}

/** Has the OneBot segment Milky's shape already (a Milky type, Milky field names, none renamed)? */
function isMilkyShaped(seg: OnebotSegment): boolean {
  if (!(MILKY_TYPES as readonly string[]).includes(seg.type)) return false;
  const fields = segmentTable.milkyFields[seg.type] ?? [];
  const rule = typeRuleOf(seg.type);
  return Object.keys(seg.data).every((k) => {
    if (!fields.some((f) => f.name === k)) return false;
    const f = rule && Object.prototype.hasOwnProperty.call(rule.fields, k) ? rule.fields[k] : undefined;
    return !f || f.milky === k;
  });
}

// ---- cooked string offsets -------------------------------------------------------------------

/**
 * For a literal's raw content (between its delimiters), the file offset of every cooked code unit
 * (plus one past the end), or null when the escapes are not the ones handled here.
 */
function cookedOffsets(raw: string, rawStart: number, cooked: string): ((o: number) => number) | null {
  if (raw === cooked) return (o) => rawStart + o;
  const map: number[] = [];
  let out = '';
  for (let i = 0; i < raw.length;) {
    const ch = raw[i];
    if (ch !== '\\') { map.push(rawStart + i); out += ch; i++; continue; }
    const n = raw[i + 1];
    let len = 2;
    let s: string;
    if (n === undefined) return null;
    if (n === 'x') { s = String.fromCharCode(parseInt(raw.slice(i + 2, i + 4), 16)); len = 4; }
    else if (n === 'u' && raw[i + 2] === '{') { const close = raw.indexOf('}', i); s = String.fromCodePoint(parseInt(raw.slice(i + 3, close), 16)); len = close - i + 1; }
    else if (n === 'u') { s = String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16)); len = 6; }
    else if (n === '\r' && raw[i + 2] === '\n') { s = ''; len = 3; }
    else if (n === '\n' || n === '\r' || n === '\u2028' || n === '\u2029') s = '';
    else s = ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' } as Record<string, string>)[n] ?? n;
    for (let k = 0; k < s.length; k++) map.push(rawStart + i);
    out += s;
    i += len;
  }
  if (out !== cooked) return null;
  map.push(rawStart + raw.length);
  return (o) => map[Math.min(o, map.length - 1)];
}

// ---- TS/JS values ----------------------------------------------------------------------------

interface TsReader {
  t: typeof TS;
  sf: TS.SourceFile;
  /** File offset of the value text's start minus its offset in the parsed text (the leading `(`). */
  delta: number;
  text: string;
}

const startOf = (r: TsReader, n: TS.Node) => n.getStart(r.sf) + r.delta;
const endOf = (r: TsReader, n: TS.Node) => n.end + r.delta;

function unwrap(r: TsReader, e: TS.Expression): TS.Expression {
  const K = r.t.SyntaxKind;
  while (e.kind === K.ParenthesizedExpression || e.kind === K.AsExpression || e.kind === K.SatisfiesExpression || e.kind === K.NonNullExpression) e = (e as TS.ParenthesizedExpression).expression;
  return e;
}

function propNameOf(r: TsReader, p: TS.ObjectLiteralElementLike): string | undefined {
  const K = r.t.SyntaxKind;
  const n = p.name;
  if (!n) return undefined;
  if (n.kind === K.Identifier || n.kind === K.StringLiteral || n.kind === K.NumericLiteral || n.kind === K.NoSubstitutionTemplateLiteral) return (n as TS.Identifier).text;
  return undefined;
}

/** A string literal's cooked text and offset map. */
function stringSource(r: TsReader, e: TS.StringLiteral | TS.NoSubstitutionTemplateLiteral): TextSource & { range: Range } {
  const start = startOf(r, e);
  const end = endOf(r, e);
  const raw = r.text.slice(start + 1, end - 1);
  const at = cookedOffsets(raw, start + 1, e.text) ?? ((o: number) => (o === 0 ? start + 1 : end - 1));
  return { text: e.text, at, range: { start: start + 1, end: end - 1 } };
}

function templateSources(r: TsReader, e: TS.TemplateExpression): { quasis: TextSource[]; exprs: ExprSource[] } {
  const quasis: TextSource[] = [];
  const exprs: ExprSource[] = [];
  const parts: TS.TemplateLiteralLikeNode[] = [e.head, ...e.templateSpans.map((s) => s.literal)];
  parts.forEach((p, i) => {
    const start = startOf(r, p) + 1;
    const end = endOf(r, p) - (i === parts.length - 1 ? 1 : 2);
    const raw = r.text.slice(start, end);
    const cooked = p.text;
    const at = cookedOffsets(raw, start, cooked) ?? ((o: number) => (o === 0 ? start : end));
    quasis.push({ text: cooked, at });
    if (i < e.templateSpans.length) {
      const x = e.templateSpans[i].expression;
      exprs.push({ text: r.text.slice(startOf(r, x), endOf(r, x)), range: { start: startOf(r, x), end: endOf(r, x) } });
    }
  });
  return { quasis, exprs };
}

function tsValue(r: TsReader, e0: TS.Expression): OnebotValue {
  const K = r.t.SyntaxKind;
  const e = unwrap(r, e0);
  switch (e.kind) {
    case K.StringLiteral: case K.NoSubstitutionTemplateLiteral: return { kind: 'literal', value: (e as TS.StringLiteral).text };
    case K.NumericLiteral: return { kind: 'literal', value: Number((e as TS.NumericLiteral).text) };
    case K.TrueKeyword: return { kind: 'literal', value: true };
    case K.FalseKeyword: return { kind: 'literal', value: false };
    case K.NullKeyword: return { kind: 'literal', value: null };
    case K.TemplateExpression: {
      const { quasis, exprs } = templateSources(r, e as TS.TemplateExpression);
      return { kind: 'template', quasis: quasis.map((q) => q.text), exprs: exprs.map((x) => x.text) };
    }
    case K.ArrayLiteralExpression: case K.ObjectLiteralExpression: {
      const list = tsSegments(r, e, false);
      if (list && list.complete) return { kind: 'message', segments: list.items.map((w) => w.segment) };
      const json = tsJson(r, e);
      if (json !== undefined) return { kind: 'literal', value: json };
      break;
    }
  }
  return { kind: 'expr', text: r.text.slice(startOf(r, e), endOf(r, e)) };
}

/** A literal JSON value written in TS, or undefined. */
function tsJson(r: TsReader, e0: TS.Expression): JsonValue | undefined {
  const K = r.t.SyntaxKind;
  const e = unwrap(r, e0);
  const v = tsValue0(r, e);
  if (v !== undefined) return v;
  if (e.kind === K.ArrayLiteralExpression) {
    const out: JsonValue[] = [];
    for (const x of (e as TS.ArrayLiteralExpression).elements) { const j = tsJson(r, x); if (j === undefined) return undefined; out.push(j); }
    return out;
  }
  if (e.kind === K.ObjectLiteralExpression) {
    const out: { [k: string]: JsonValue } = {};
    for (const p of (e as TS.ObjectLiteralExpression).properties) {
      const k = propNameOf(r, p);
      if (k === undefined || p.kind !== K.PropertyAssignment) return undefined;
      const j = tsJson(r, (p as TS.PropertyAssignment).initializer);
      if (j === undefined) return undefined;
      out[k] = j;
    }
    return out;
  }
  return undefined;
}

function tsValue0(r: TsReader, e: TS.Expression): JsonValue | undefined {
  const K = r.t.SyntaxKind;
  switch (e.kind) {
    case K.StringLiteral: case K.NoSubstitutionTemplateLiteral: return (e as TS.StringLiteral).text;
    case K.NumericLiteral: return Number((e as TS.NumericLiteral).text);
    case K.TrueKeyword: return true;
    case K.FalseKeyword: return false;
    case K.NullKeyword: return null;
  }
  return undefined;
}

/** One element as a OneBot segment: an object literal `{ type, data }` or a builder call. */
function tsSegment(r: TsReader, e0: TS.Expression, builders: boolean): WrittenSegment | undefined {
  const K = r.t.SyntaxKind;
  const e = unwrap(r, e0);
  const source = { start: startOf(r, e), end: endOf(r, e) };
  if (e.kind === K.ObjectLiteralExpression) {
    const o = e as TS.ObjectLiteralExpression;
    let type: TS.StringLiteral | undefined;
    let data: Record<string, OnebotValue> = {};
    for (const p of o.properties) {
      const name = propNameOf(r, p);
      if (name === undefined || p.kind !== K.PropertyAssignment) return undefined;
      const init = unwrap(r, (p as TS.PropertyAssignment).initializer);
      if (name === 'type') {
        if (init.kind !== K.StringLiteral && init.kind !== K.NoSubstitutionTemplateLiteral) return undefined;
        type = init as TS.StringLiteral;
      } else if (name === 'data') {
        if (init.kind !== K.ObjectLiteralExpression) return undefined;
        data = {};
        for (const dp of (init as TS.ObjectLiteralExpression).properties) {
          const k = propNameOf(r, dp);
          if (k === undefined) return undefined;
          if (dp.kind === K.PropertyAssignment) data[k] = tsValue(r, (dp as TS.PropertyAssignment).initializer);
          else if (dp.kind === K.ShorthandPropertyAssignment) data[k] = { kind: 'expr', text: k };
          else return undefined;
        }
      } else return undefined;
    }
    if (!type) return undefined;
    const typeStart = startOf(r, type) + 1;
    const segment: OnebotSegment = { type: type.text, data, typeRange: { start: typeStart, end: endOf(r, type) - 1 }, range: source };
    return { segment, milky: isMilkyShaped(segment), source };
  }
  if (builders && e.kind === K.CallExpression) {
    const c = e as TS.CallExpression;
    const callee = c.expression;
    if (callee.kind !== K.PropertyAccessExpression) return undefined;
    const pa = callee as TS.PropertyAccessExpression;
    if (pa.expression.kind !== K.Identifier || (pa.expression as TS.Identifier).text !== 'Structs') return undefined;
    const method = pa.name.text;
    const names = Object.prototype.hasOwnProperty.call(BUILDER_ARGS, method) ? BUILDER_ARGS[method] : undefined;
    if (!names || c.arguments.some((a) => a.kind === K.SpreadElement)) return undefined;
    const data: Record<string, OnebotValue> = {};
    c.arguments.forEach((a, i) => {
      if (i >= names.length || (a.kind === K.Identifier && (a as TS.Identifier).text === 'undefined')) return;
      data[names[i]] = tsValue(r, a);
    });
    const nameRange = { start: startOf(r, pa.name), end: endOf(r, pa.name) };
    const segment: OnebotSegment = { type: BUILDER_TYPE[method] ?? method, data, typeRange: nameRange, range: source };
    return { segment, milky: false, source, builder: true };
  }
  return undefined;
}

interface SegmentList {
  items: WrittenSegment[];
  complete: boolean;
  form: MessageForm;
}

/** An array of segment objects/builder calls, or one segment object. */
function tsSegments(r: TsReader, e: TS.Expression, builders: boolean): SegmentList | undefined {
  const K = r.t.SyntaxKind;
  if (e.kind === K.ArrayLiteralExpression) {
    const items: WrittenSegment[] = [];
    let complete = true;
    let any = false;
    for (const el of (e as TS.ArrayLiteralExpression).elements) {
      const w = tsSegment(r, el, builders);
      if (w) { items.push(w); any = true; } else complete = false;
    }
    if (!any) return undefined;
    return { items, complete, form: items.some((w) => w.builder) ? 'builder' : 'object' };
  }
  const w = tsSegment(r, e, builders);
  return w ? { items: [w], complete: true, form: w.builder ? 'builder' : 'object' } : undefined;
}

// ---- JSON values -----------------------------------------------------------------------------

function jsonString(n: JsonNode, text: string): TextSource & { range: Range } {
  const raw = text.slice(n.offset + 1, n.offset + n.length - 1);
  const cooked = String(n.value);
  const at = cookedOffsets(raw, n.offset + 1, cooked) ?? ((o: number) => (o === 0 ? n.offset + 1 : n.offset + n.length - 1));
  return { text: cooked, at, range: { start: n.offset + 1, end: n.offset + n.length - 1 } };
}

function jsonValueOf(n: JsonNode): JsonValue {
  switch (n.type) {
    case 'array': return (n.children ?? []).map(jsonValueOf);
    case 'object': return Object.fromEntries((n.children ?? []).filter((c) => c.children?.length === 2).map((c) => [String(c.children![0].value), jsonValueOf(c.children![1])]));
    default: return n.value ?? null;
  }
}

function jsonSegment(n: JsonNode, text: string): WrittenSegment | undefined {
  if (n.type !== 'object') return undefined;
  let typeNode: JsonNode | undefined;
  const data: Record<string, OnebotValue> = {};
  for (const p of n.children ?? []) {
    const [k, v] = p.children ?? [];
    if (!k || !v) return undefined;
    if (k.value === 'type') { if (v.type !== 'string') return undefined; typeNode = v; }
    else if (k.value === 'data') {
      if (v.type !== 'object') return undefined;
      for (const dp of v.children ?? []) {
        const [dk, dv] = dp.children ?? [];
        if (!dk || !dv) return undefined;
        const list = dv.type === 'array' || dv.type === 'object' ? jsonSegments(dv, text) : undefined;
        data[String(dk.value)] = list && list.complete ? { kind: 'message', segments: list.items.map((w) => w.segment) } : { kind: 'literal', value: jsonValueOf(dv) };
      }
    } else return undefined;
  }
  if (!typeNode) return undefined;
  const source = { start: n.offset, end: n.offset + n.length };
  const segment: OnebotSegment = { type: String(typeNode.value), data, typeRange: { start: typeNode.offset + 1, end: typeNode.offset + typeNode.length - 1 }, range: source };
  return { segment, milky: isMilkyShaped(segment), source };
}

function jsonSegments(n: JsonNode, text: string): SegmentList | undefined {
  if (n.type === 'array') {
    const items: WrittenSegment[] = [];
    let complete = true;
    for (const c of n.children ?? []) { const w = jsonSegment(c, text); if (w) items.push(w); else complete = false; }
    return items.length ? { items, complete, form: 'object' } : undefined;
  }
  const w = jsonSegment(n, text);
  return w ? { items: [w], complete: true, form: 'object' } : undefined;
}

// ---- the message -----------------------------------------------------------------------------

function autoEscapeOf(obj: ObjectInfo): { value: boolean | 'unknown'; prop?: PropInfo } {
  const prop = obj.props.find((p) => p.key === 'auto_escape');
  if (!prop) return { value: false };
  const v = prop.value;
  // A literal decides as NapCat reads it (`true` or 'true'); anything else literal is false.
  if (v) return { value: (v.kind === 'boolean' && v.value) || (v.kind === 'string' && v.value === 'true'), prop };
  return { value: 'unknown', prop };
}

/** Converts the written segments: those already in Milky's shape are kept, the others converted. */
function convertWritten(written: WrittenSegment[]): { result: MessageResult; parts: (SegmentResult | undefined)[] } {
  if (written.some((w) => w.segment.type === 'node')) {
    const result = convertMessage(written.map((w) => w.segment));
    return { result, parts: result.parts };
  }
  const parts = written.map((w) => (w.milky ? undefined : convertSegment(w.segment)));
  const converted = parts.filter((p): p is SegmentResult => p !== undefined);
  const ok = converted.every((p) => p.ok);
  const result: MessageResult = ok ? { ok: true, parts: converted, segments: converted.flatMap((p) => (p.ok && p.kind === 'segments' ? p.segments : [])) } : { ok: false, parts: converted, reason: 'segments' };
  return { result, parts };
}

const quoteOf = (q: string): "'" | '"' => (q === '"' ? '"' : "'");

/** The outgoing message of a send site, or undefined when the site has none the tool can read. */
export function outgoingMessage(site: Site, text: string): OutgoingMessage | undefined {
  const send = isSendSite(site);
  const obj = paramsObject(site);
  if (!send || !obj) return undefined;
  const prop = obj.props.find((p) => p.key === 'message');
  if (!prop) return undefined;
  const ae = autoEscapeOf(obj);
  const base = {
    prop, param: 'message', autoEscape: ae.value, autoEscapeProp: ae.prop, milkySite: send.milky, syntax: obj.syntax,
    quote: quoteOf(obj.stringQuote), value: prop.shorthand ? { start: prop.propStart, end: prop.propEnd } : { start: prop.valueStart, end: prop.valueEnd },
  };
  if (prop.shorthand) {
    if (send.milky) return undefined;
    return { ...base, form: 'runtime', written: [], complete: true, result: null, parts: [], runtimeExpr: prop.key };
  }
  const valueText = text.slice(prop.valueStart, prop.valueEnd);
  if (obj.syntax === 'json') return jsonMessage(base, valueText, prop, text);
  if (obj.syntax === 'py') return pyMessage(base, prop, text);
  return tsMessage(base, valueText, prop, text, send.milky);
}

/**
 * A Python string that a framework sends as a message (NoneBot's `Message("…")`, `matcher.send("…")`):
 * its CQ codes as NapCat would parse them. `value` is the string as written; there is no params object.
 */
export function pythonStringMessage(value: Range, text: string): OutgoingMessage | undefined {
  const prop: PropInfo = { key: 'message', keyStart: value.start, keyEnd: value.start, keyQuote: '', shorthand: false, propStart: value.start, propEnd: value.end, valueStart: value.start, valueEnd: value.end };
  return pyMessage({ prop, param: 'message', autoEscape: false, milkySite: false, syntax: 'py', quote: "'", value }, prop, text);
}

type Base = Omit<OutgoingMessage, 'form' | 'written' | 'complete' | 'result' | 'parts'>;

function stringMessage(base: Base, src: TextSource & { range: Range }, quote: "'" | '"' | undefined): OutgoingMessage | undefined {
  const b = quote ? { ...base, quote } : base;
  if (base.autoEscape === 'unknown') {
    const segments = onebotSegmentsFromPlainText(src.text, src.at);
    return { ...b, form: 'plain', written: segments.map((segment) => ({ segment, milky: false })), complete: false, result: null, parts: [] };
  }
  const plain = base.autoEscape === true || !hasCqCode(src.text);
  const segments = base.autoEscape === true ? onebotSegmentsFromPlainText(src.text, src.at) : onebotSegmentsFromCqText(src.text, src.at);
  const result = convertMessage(segments);
  return { ...b, form: plain ? 'plain' : 'cq', written: segments.map((segment) => ({ segment, milky: false })), complete: true, result, parts: result.parts };
}

function tsMessage(base: Base, valueText: string, prop: PropInfo, text: string, milkySite: boolean): OutgoingMessage | undefined {
  const t = ts();
  const sf = t.createSourceFile('message.ts', `(${valueText})`, { languageVersion: t.ScriptTarget.Latest, jsDocParsingMode: t.JSDocParsingMode.ParseNone }, false, t.ScriptKind.TS);
  const stmt = sf.statements[0];
  if (sf.statements.length !== 1 || !stmt || stmt.kind !== t.SyntaxKind.ExpressionStatement) return undefined;
  const r: TsReader = { t, sf, delta: prop.valueStart - 1, text };
  const K = t.SyntaxKind;
  const e = unwrap(r, (stmt as TS.ExpressionStatement).expression);
  if (e.kind === K.StringLiteral || e.kind === K.NoSubstitutionTemplateLiteral) {
    const q = text[startOf(r, e)];
    return stringMessage(base, stringSource(r, e as TS.StringLiteral), q === '`' ? undefined : quoteOf(q));
  }
  if (e.kind === K.TemplateExpression) {
    const { quasis, exprs } = templateSources(r, e as TS.TemplateExpression);
    return templateMessage(base, quasis, exprs, { start: startOf(r, e) + 1, end: endOf(r, e) - 1 });
  }
  if (e.kind === K.ArrayLiteralExpression || e.kind === K.ObjectLiteralExpression) {
    const list = tsSegments(r, e, importsNapcatSdk(text));
    if (!list) return undefined;
    const { result, parts } = convertWritten(list.items);
    return { ...base, form: list.form, written: list.items, complete: list.complete, result, parts };
  }
  if (e.kind === K.CallExpression && importsNapcatSdk(text)) {
    const list = tsSegments(r, e, true);
    if (list) {
      const { result, parts } = convertWritten(list.items);
      return { ...base, form: list.form, written: list.items, complete: list.complete, result, parts };
    }
  }
  // A value known only at run time: a string OneBot parsed as CQ codes (a Milky site already sends segments).
  if (milkySite) return undefined;
  if (e.kind === K.CallExpression && calleeText(r, e as TS.CallExpression) === 'cqToMilkySegments') return undefined;
  if (isRuntimeString(r, e)) {
    const exprText = text.slice(startOf(r, e), endOf(r, e));
    return { ...base, form: 'runtime', written: [], complete: true, result: null, parts: [], runtimeExpr: exprText };
  }
  return undefined;
}

/** A string with substitutions (a TS template, a Python f-string): its CQ codes, their values keeping the substitutions. */
function templateMessage(base: Base, quasis: TextSource[], exprs: ExprSource[], whole: Range): OutgoingMessage | undefined {
  if (base.autoEscape === 'unknown') return undefined;
  const tpl = onebotSegmentsFromTemplate(quasis, exprs);
  const plain = base.autoEscape === true || (tpl.ok && tpl.segments.every((x) => x.type === 'text'));
  const textValue: OnebotValue = { kind: 'template', quasis: quasis.map((q) => q.text), exprs: exprs.map((x) => x.text) };
  const segments: OnebotSegment[] = base.autoEscape === true ? [{ type: 'text', data: { text: textValue }, typeRange: whole, range: whole }] : tpl.segments.map((x) => ({ ...x, typeRange: whole, range: whole }));
  if (plain) {
    const result = convertMessage(segments);
    return { ...base, form: 'plain', written: segments.map((segment) => ({ segment, milky: false })), complete: true, result, parts: result.parts };
  }
  const result = convertMessageOfTemplate(quasis, exprs);
  return { ...base, form: 'template', written: [], complete: true, result, parts: result.parts };
}

/**
 * A Python message: a string literal (CQ codes parsed as NapCat parses them) or an f-string (its
 * substitutions become values). A value known only at run time has no Python helper: not read here.
 */
function pyMessage(base: Base, prop: PropInfo, text: string): OutgoingMessage | undefined {
  const v = readPyString(text, prop.valueStart, prop.valueEnd);
  if (!v) return undefined;
  if (v.kind === 'string') return stringMessage(base, v.src, v.quote);
  const msg = templateMessage(base, v.quasis, v.exprs, v.whole);
  // A substitution that cannot move into new code (`{x!r}`, a format spec) leaves the message to a person.
  return msg && { ...msg, quote: v.quote, fquote: v.quote, complete: msg.complete && v.movable };
}

function calleeText(r: TsReader, c: TS.CallExpression): string | undefined {
  return c.expression.kind === r.t.SyntaxKind.Identifier ? (c.expression as TS.Identifier).text : undefined;
}

/** Expressions that can hold a string at run time: names, member reads, calls, `+`, `?:`, `??`/`||`, `await`. */
function isRuntimeString(r: TsReader, e: TS.Expression): boolean {
  const K = r.t.SyntaxKind;
  switch (e.kind) {
    case K.Identifier: return (e as TS.Identifier).text !== 'undefined';
    case K.PropertyAccessExpression: case K.ElementAccessExpression: case K.CallExpression: case K.AwaitExpression: case K.ConditionalExpression: return true;
    case K.BinaryExpression: {
      const op = (e as TS.BinaryExpression).operatorToken.kind;
      return op === K.PlusToken || op === K.BarBarToken || op === K.QuestionQuestionToken;
    }
  }
  return false;
}

function convertMessageOfTemplate(quasis: TextSource[], exprs: ExprSource[]): MessageResult {
  const t = onebotSegmentsFromTemplate(quasis, exprs);
  if (t.ok) return convertMessage(t.segments);
  const result = convertMessage(t.segments);
  const dynamic: SegmentResult[] = t.dynamic.map((d) => ({ ok: false, napcat: d.napcat, milky: [], typeRange: d.range, range: d.range, reason: 'dynamic-cq', field: null, alternative: null, note: null, inner: [] }));
  return { ok: false, parts: [...result.parts, ...dynamic].sort((a, b) => (a.range?.start ?? 0) - (b.range?.start ?? 0)), reason: 'segments' };
}

function jsonMessage(base: Base, valueText: string, prop: PropInfo, text: string): OutgoingMessage | undefined {
  const tree = parseTree(valueText);
  if (!tree) return undefined;
  const shift = (n: JsonNode): JsonNode => ({ ...n, offset: n.offset + prop.valueStart, children: n.children?.map(shift) } as JsonNode);
  const node = shift(tree);
  if (node.type === 'string') return stringMessage(base, jsonString(node, text), '"');
  if (node.type === 'array' || node.type === 'object') {
    const list = jsonSegments(node, text);
    if (!list) return undefined;
    const { result, parts } = convertWritten(list.items);
    return { ...base, form: 'object', written: list.items, complete: list.complete, result, parts };
  }
  return undefined;
}
