/**
 * Milky segment values → Python source text: a list of dicts with Python's literals (True/False,
 * quoted keys, f-strings for values with substitutions, `int(…)`/`str(…)` for coercions), laid out
 * like the other fixes: `[{ 'type': 'mention', 'data': { 'user_id': 10001 } }]`.
 */
import { topLevelComma, type Quote } from './render';
import type { MilkySegmentValue, MilkyValue } from './values';

/** A Python string literal in the given quote (JSON's escapes, which Python reads the same way). */
export function quotePy(s: string, quote: Quote): string {
  const escaped = JSON.stringify(s).slice(1, -1).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  return quote === '"' ? `"${escaped}"` : `'${escaped.replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** A static part of an f-string: a string literal's body with the braces doubled. */
function fstringPart(s: string, quote: Quote): string {
  return quotePy(s, quote).slice(1, -1).replace(/\{/g, '{{').replace(/\}/g, '}}');
}

/** Does the expression need parentheses as a value (a comma at its top level, a bare lambda or yield)? */
const needsParens = (expr: string): boolean => topLevelComma(expr) || /^\s*(?:lambda\b|yield\b)/.test(expr);

/**
 * One value as Python source. `fquote` is the quote of the f-string the expressions came from:
 * a new f-string holding them uses it too, so they stay valid exactly where they were valid before.
 */
export function renderValuePy(v: MilkyValue, quote: Quote, fquote: Quote = quote): string {
  switch (v.kind) {
    case 'string': return quotePy(v.value, quote);
    case 'number': return String(v.value);
    case 'boolean': return v.value ? 'True' : 'False';
    case 'expr': return needsParens(v.text) ? `(${v.text})` : v.text;
    case 'call': return `${v.fn === 'Number' ? 'int' : 'str'}(${renderValuePy(v.arg, quote, fquote)})`;
    case 'template': return `f${fquote}${v.quasis.map((q, i) => fstringPart(q, fquote) + (i < v.exprs.length ? `{${v.exprs[i]}}` : '')).join('')}${fquote}`;
    case 'array': return `[${v.items.map((x) => renderValuePy(x, quote, fquote)).join(', ')}]`;
    case 'object': return v.entries.length ? `{ ${v.entries.map(([k, x]) => `${quotePy(k, quote)}: ${renderValuePy(x, quote, fquote)}`).join(', ')} }` : '{}';
    case 'segments': return renderSegmentsPy(v.segments, quote, fquote);
  }
}

/** `[{ 'type': 'mention', 'data': { 'user_id': 10001 } }, …]` */
export function renderSegmentsPy(segments: readonly MilkySegmentValue[], quote: Quote, fquote: Quote = quote): string {
  return `[${segments.map((s) => renderValuePy({ kind: 'object', entries: [['type', { kind: 'string', value: s.type }], ['data', { kind: 'object', entries: s.data }]] }, quote, fquote)).join(', ')}]`;
}
