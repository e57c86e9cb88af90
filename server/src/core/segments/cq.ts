/** OneBot CQ-code strings: parse with offsets, decode and encode the escapes. */
import { segmentTable } from './table';

/** A half-open range of UTF-16 offsets into the parsed text. */
export interface Range {
  start: number;
  end: number;
}

/** Plain text between codes: its raw range and its decoded text. */
export interface CqTextPart {
  kind: 'text';
  range: Range;
  text: string;
}

export interface CqParam {
  key: string;
  keyRange: Range;
  /** The raw value's range (may be empty: `file=`). */
  valueRange: Range;
  value: string;
}

/** One `[CQ:type,key=value,…]` code. */
export interface CqCodePart {
  kind: 'code';
  range: Range;
  type: string;
  typeRange: Range;
  params: CqParam[];
}

export type CqPart = CqTextPart | CqCodePart;

// NapCat's grammar (helper/cqcode.ts): word type, then `,word=value` pairs with no `,` or `]` in a value.
// Anything else, an unclosed `[CQ:` included, stays text.
const CODE = /\[CQ:(\w+)((?:,\w+=[^,\]]*)*)\]/g;

function decoder(pairs: readonly (readonly [string, string])[]): (s: string) => string {
  const byEntity = new Map(pairs.map(([ch, ent]) => [ent, ch] as const));
  const re = new RegExp([...byEntity.keys()].map((e) => e.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  // One pass, so `&amp;#91;` decodes to `&#91;`, never to `[`.
  return (s) => s.replace(re, (e) => byEntity.get(e) ?? e);
}

function encoder(pairs: readonly (readonly [string, string])[]): (s: string) => string {
  const byChar = new Map(pairs.map(([ch, ent]) => [ch, ent] as const));
  const re = new RegExp(`[${[...byChar.keys()].map((c) => `\\${c}`).join('')}]`, 'g');
  return (s) => s.replace(re, (c) => byChar.get(c) ?? c);
}

/** `&amp;` `&#91;` `&#93;` → `&` `[` `]` (text outside codes). */
export const decodeCqText = decoder(segmentTable.escapes.text);
/** Same, plus `&#44;` → `,` (parameter values). */
export const decodeCqParam = decoder(segmentTable.escapes.param);
/** The reverse of decodeCqText. */
export const escapeCqText = encoder(segmentTable.escapes.text);
/** The reverse of decodeCqParam. */
export const escapeCqParam = encoder(segmentTable.escapes.param);

/** Splits a CQ string into text runs and codes, every part with its offsets. */
export function parseCq(text: string): CqPart[] {
  const parts: CqPart[] = [];
  let last = 0;
  const re = new RegExp(CODE.source, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) parts.push({ kind: 'text', range: { start: last, end: m.index }, text: decodeCqText(text.slice(last, m.index)) });
    const typeStart = m.index + 4;
    const type = m[1];
    const params: CqParam[] = [];
    let at = typeStart + type.length;
    for (const pair of m[2].split(',').slice(1)) {
      const keyStart = at + 1;
      const eq = pair.indexOf('=');
      const valueStart = keyStart + eq + 1;
      const rawValue = pair.slice(eq + 1);
      params.push({
        key: pair.slice(0, eq),
        keyRange: { start: keyStart, end: keyStart + eq },
        valueRange: { start: valueStart, end: valueStart + rawValue.length },
        value: decodeCqParam(rawValue),
      });
      at = keyStart + pair.length;
    }
    parts.push({ kind: 'code', range: { start: m.index, end: re.lastIndex }, type, typeRange: { start: typeStart, end: typeStart + type.length }, params });
    last = re.lastIndex;
  }
  if (last < text.length) parts.push({ kind: 'text', range: { start: last, end: text.length }, text: decodeCqText(text.slice(last)) });
  return parts;
}

/** Does the text hold at least one well-formed CQ code? */
export function hasCqCode(text: string): boolean {
  return new RegExp(CODE.source).test(text);
}

/** Builds a CQ string from segments (tests and round trips): text escaped as text, values as params. */
export function encodeCq(segments: readonly { type: string; data: Readonly<Record<string, string>> }[]): string {
  return segments
    .map((s) => (s.type === 'text' ? escapeCqText(s.data.text ?? '') : `[CQ:${s.type}${Object.entries(s.data).map(([k, v]) => `,${k}=${escapeCqParam(v)}`).join('')}]`))
    .join('');
}
