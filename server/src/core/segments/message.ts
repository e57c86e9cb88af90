/** Entry points per source form of a `message`: CQ string, plain text, template literal, JSON literal, run-time string. */
import type { MessageResult, SegmentResult } from './convert';
import { convertMessage } from './convert';
import type { ExprSource, TextSource } from './sources';
import { onebotSegmentsFromCqText, onebotSegmentsFromPlainText, onebotSegmentsFromTemplate, segmentsFromJson } from './sources';
import type { MilkySegmentValue } from './values';

/** A string literal (cooked) parsed as CQ codes; a string with no code is one text segment, escapes decoded. */
export function convertCqString(text: string, at?: (offset: number) => number): MessageResult {
  return convertMessage(onebotSegmentsFromCqText(text, at));
}

/** A string sent with `auto_escape: true`: one text segment with the value as is. */
export function convertPlainString(text: string, at?: (offset: number) => number): MessageResult {
  return convertMessage(onebotSegmentsFromPlainText(text, at));
}

/** A template literal: static parts parsed as CQ codes, substitutions kept as expressions. */
export function convertTemplateString(quasis: readonly TextSource[], exprs: readonly ExprSource[], autoEscape = false): MessageResult {
  if (autoEscape) {
    return convertMessage([{ type: 'text', data: { text: { kind: 'template', quasis: quasis.map((q) => q.text), exprs: exprs.map((e) => e.text) } } }]);
  }
  const t = onebotSegmentsFromTemplate(quasis, exprs);
  const result = convertMessage(t.segments);
  if (t.ok) return result;
  // A code whose type or key is substituted exists only at run time: never rewritten.
  const dynamic: SegmentResult[] = t.dynamic.map((d) => ({
    ok: false, napcat: d.napcat, milky: [], typeRange: d.range, range: d.range, reason: 'dynamic-cq', field: null, alternative: null, note: null, inner: [],
  }));
  return { ok: false, parts: [...result.parts, ...dynamic].sort((a, b) => (a.range?.start ?? 0) - (b.range?.start ?? 0)), reason: 'segments' };
}

/** A literal OneBot message in JSON (a segment object or an array); null when the value is not one. */
export function convertJsonMessage(value: unknown): MessageResult | null {
  if (typeof value === 'string') return convertCqString(value);
  const segments = segmentsFromJson(value);
  return segments ? convertMessage(segments) : null;
}

/** A run-time string sent with `auto_escape: true`: `[{ type: 'text', data: { text: expr } }]`. */
export function plainTextSegmentsOf(expr: string): MilkySegmentValue[] {
  return [{ type: 'text', data: [['text', { kind: 'expr', text: expr }]] }];
}
