/** Milky segment values → source text: a TS/JS literal in the file's quote style, or JSON. */
import type { MilkySegmentValue, MilkyValue } from './values';
import { hasExpression } from './values';

export type Quote = "'" | '"';

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** A JS string literal in the given quote; non-ASCII text stays readable. */
export function quoteString(s: string, quote: Quote): string {
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    // Control characters, line/paragraph separators and lone surrogates would break or bend the literal (or the file's UTF-8).
    else if (c < 0x20 || c === 0x7f || c === 0x2028 || c === 0x2029 || (c >= 0xd800 && c <= 0xdfff)) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + quote;
}

/** A cooked template part written back inside backticks. */
function templatePart(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${').replace(/\r/g, '\\r').replace(/[\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16)}`);
}

/** Does the expression have a comma at its top level (so it needs parentheses as a value)? */
export function topLevelComma(expr: string): boolean {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < expr.length; i++) {
    const ch = expr[i];
    if (quote) { if (ch === '\\') i++; else if (ch === quote) quote = null; continue; }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (ch === ',' && depth === 0) return true;
  }
  return false;
}
const asValue = (expr: string): string => (topLevelComma(expr) ? `(${expr})` : expr);

function key(k: string, quote: Quote): string {
  return IDENT.test(k) ? k : quoteString(k, quote);
}

/** One value as TS/JS source text. */
export function renderValueTs(v: MilkyValue, quote: Quote): string {
  switch (v.kind) {
    case 'string': return quoteString(v.value, quote);
    case 'number': case 'boolean': return String(v.value);
    case 'expr': return asValue(v.text);
    case 'call': return `${v.fn}(${renderValueTs(v.arg, quote)})`;
    case 'template': return `\`${v.quasis.map((q, i) => templatePart(q) + (i < v.exprs.length ? `\${${v.exprs[i]}}` : '')).join('')}\``;
    case 'array': return `[${v.items.map((x) => renderValueTs(x, quote)).join(', ')}]`;
    case 'object': return v.entries.length ? `{ ${v.entries.map(([k, x]) => `${key(k, quote)}: ${renderValueTs(x, quote)}`).join(', ')} }` : '{}';
    case 'segments': return renderSegmentsTs(v.segments, quote);
  }
}

/** `[{ type: 'mention', data: { user_id: 10001 } }, …]`: a plain literal, no `as const`, no `satisfies`. */
export function renderSegmentsTs(segments: readonly MilkySegmentValue[], quote: Quote): string {
  return `[${segments.map((s) => renderValueTs(segmentObject(s), quote)).join(', ')}]`;
}

function segmentObject(s: MilkySegmentValue): MilkyValue {
  return { kind: 'object', entries: [['type', { kind: 'string', value: s.type }], ['data', { kind: 'object', entries: s.data }]] };
}

/** The same tree as plain data, for JSON. */
function toJson(v: MilkyValue): unknown {
  switch (v.kind) {
    case 'string': case 'number': case 'boolean': return v.value;
    case 'array': return v.items.map(toJson);
    case 'object': return Object.fromEntries(v.entries.map(([k, x]) => [k, toJson(x)]));
    case 'segments': return v.segments.map((s) => toJson(segmentObject(s)));
    // hasExpression ruled these out: a template without substitutions is its one static part.
    case 'template': return v.quasis.join('');
    default: return null;
  }
}

export type JsonRender = { ok: true; text: string } | { ok: false; reason: 'expression' };

/** JSON text of the segments (one line, `{ "type": … }`); refused when a value is source text. */
export function renderSegmentsJson(segments: readonly MilkySegmentValue[], indent?: number): JsonRender {
  if (segments.some((s) => hasExpression(segmentObject(s)))) return { ok: false, reason: 'expression' };
  return { ok: true, text: JSON.stringify(segments.map((s) => toJson(segmentObject(s))), null, indent) };
}
