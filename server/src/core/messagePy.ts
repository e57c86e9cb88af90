/**
 * A Python string value read from the source: its cooked text and where each code unit is in the
 * file (plain and raw strings), or its static parts and substitutions (f-strings). Read with the
 * registered tree-sitter parser over the value's text alone, like message.ts reads TS values.
 */
import { pyChildren } from './scan/pyChildren';
import { pythonParser, utf8ToUtf16, type PyNode } from './scan/python';
import type { ExprSource, Quote, Range, TextSource } from './segments';

export type PyStringValue =
  | { kind: 'string'; src: TextSource & { range: Range }; quote: Quote; range: Range }
  | {
    kind: 'fstring'; quasis: TextSource[]; exprs: ExprSource[]; whole: Range; quote: Quote; range: Range;
    /** Every substitution is a plain expression on one line (no `!r`, `:fmt`, `=`, backslash): it can be moved into new code. */
    movable: boolean;
  };

const SIMPLE: Readonly<Record<string, string>> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/**
 * Python's escapes over a raw run (`rawStart` is its file offset): the cooked text and the file
 * offset of every cooked code unit (plus one past the end). `fstring` also reads `{{`/`}}`.
 * Undefined for `\N{…}`, whose text needs Unicode's name table.
 */
export function cookPy(raw: string, rawStart: number, isRaw: boolean, fstring: boolean): { text: string; at: (o: number) => number } | undefined {
  const map: number[] = [];
  let out = '';
  const put = (s: string, at: number) => { for (let k = 0; k < s.length; k++) map.push(at); out += s; };
  for (let i = 0; i < raw.length;) {
    const ch = raw[i];
    if (fstring && (ch === '{' || ch === '}') && raw[i + 1] === ch) { put(ch, rawStart + i); i += 2; continue; }
    if (ch !== '\\' || isRaw) { put(ch, rawStart + i); i++; continue; }
    const n = raw[i + 1];
    if (n === undefined) return undefined;
    if (n in SIMPLE) { put(SIMPLE[n], rawStart + i); i += 2; continue; }
    if (n === '\n') { i += 2; continue; }
    if (n === '\r') { i += raw[i + 2] === '\n' ? 3 : 2; continue; }
    const hex = n === 'x' ? 2 : n === 'u' ? 4 : n === 'U' ? 8 : 0;
    if (hex) {
      const digits = raw.slice(i + 2, i + 2 + hex);
      if (!new RegExp(`^[0-9a-fA-F]{${hex}}$`).test(digits)) return undefined;
      const cp = parseInt(digits, 16);
      if (cp > 0x10ffff) return undefined;
      put(String.fromCodePoint(cp), rawStart + i);
      i += 2 + hex;
      continue;
    }
    const oct = /^[0-7]{1,3}/.exec(raw.slice(i + 1, i + 4));
    if (oct) { put(String.fromCharCode(parseInt(oct[0], 8)), rawStart + i); i += 1 + oct[0].length; continue; }
    if (n === 'N') return undefined;
    // An unknown escape keeps its backslash.
    put('\\', rawStart + i);
    i++;
  }
  map.push(rawStart + raw.length);
  return { text: out, at: (o) => map[Math.min(Math.max(o, 0), map.length - 1)] };
}

const SIMPLE_STRING = /^([rRuU]?)(["'])([^"'\\\r\n]*)\2$/;

const kids = pyChildren;

/** The string literal at `[start, end)` of `text` (a value as written), or undefined when it is not one (bytes, concatenated, broken). */
export function readPyString(text: string, start: number, end: number): PyStringValue | undefined {
  const parser = pythonParser();
  if (!parser || end <= start) return undefined;
  // The common case needs no parse: one quote each side, no escape, no other quote, one line (cooked = raw).
  const simple = SIMPLE_STRING.exec(text.slice(start, end));
  if (simple) {
    const prefix = simple[1].length;
    const body = { start: start + prefix + 1, end: end - 1 };
    return { kind: 'string', src: { text: simple[3], at: (o) => body.start + Math.min(Math.max(o, 0), simple[3].length), range: body }, quote: simple[2] as Quote, range: { start, end } };
  }
  const wrapped = `(${text.slice(start, end)})`;
  const tree = parser.parse(wrapped);
  if (!tree) return undefined;
  try {
    const conv = parser.indexUnit === 'utf8' ? utf8ToUtf16(wrapped) : undefined;
    const at = (i: number) => (conv ? conv(i) : i) - 1 + start;
    const root = tree.rootNode;
    if (root.hasError || root.childCount !== 1) return undefined;
    const stmt = root.child(0);
    const paren = stmt?.type === 'expression_statement' && stmt.childCount === 1 ? stmt.child(0) : null;
    const node = paren?.type === 'parenthesized_expression' && paren.childCount === 3 ? paren.child(1) : null;
    if (!node || node.type !== 'string') return undefined;
    return readString(node, text, at);
  } finally {
    tree.delete();
  }
}

function readString(node: PyNode, text: string, at: (i: number) => number): PyStringValue | undefined {
  const parts = kids(node);
  const head = parts[0];
  const tail = parts[parts.length - 1];
  if (!head || head.type !== 'string_start' || !tail || tail.type !== 'string_end' || parts.length < 2) return undefined;
  const headText = text.slice(at(head.startIndex), at(head.endIndex));
  const prefix = headText.replace(/["']+$/, '').toLowerCase();
  const q = headText[headText.length - 1];
  if (prefix.includes('b') || (q !== '"' && q !== "'")) return undefined;
  const quote: Quote = q;
  const isRaw = prefix.includes('r');
  const isF = prefix.includes('f');
  const range = { start: at(node.startIndex), end: at(node.endIndex) };
  const bodyStart = at(head.endIndex);
  const bodyEnd = at(tail.startIndex);
  const interps = parts.filter((p) => p.type === 'interpolation');
  if (!isF || interps.length === 0) {
    const cooked = cookPy(text.slice(bodyStart, bodyEnd), bodyStart, isRaw, isF);
    if (!cooked) return undefined;
    return { kind: 'string', src: { text: cooked.text, at: cooked.at, range: { start: bodyStart, end: bodyEnd } }, quote, range };
  }
  const quasis: TextSource[] = [];
  const exprs: ExprSource[] = [];
  let movable = true;
  let runStart = bodyStart;
  const run = (runEnd: number): boolean => {
    const cooked = cookPy(text.slice(runStart, runEnd), runStart, isRaw, true);
    if (!cooked) return false;
    quasis.push({ text: cooked.text, at: cooked.at });
    return true;
  };
  for (const ip of interps) {
    if (!run(at(ip.startIndex))) return undefined;
    const e = ip.childForFieldName('expression');
    if (!e) return undefined;
    const r = { start: at(e.startIndex), end: at(e.endIndex) };
    const exprText = text.slice(r.start, r.end);
    exprs.push({ text: exprText, range: r });
    // `{x!r}`, `{x:>3}`, `{x=}`: the text is not the expression's value; a line break or a backslash may not move.
    if (kids(ip).some((k) => k.type === 'type_conversion' || k.type === 'format_specifier' || k.type === '=') || /[\\\r\n]/.test(exprText)) movable = false;
    runStart = at(ip.endIndex);
  }
  if (!run(bodyEnd)) return undefined;
  return { kind: 'fstring', quasis, exprs, whole: { start: bodyStart, end: bodyEnd }, quote, range, movable };
}
