import type { Finding, SegmentFinding } from '../findings';
import { outgoingMessage, type OutgoingMessage } from '../message';
import type { Site } from '../scan/types';
import type { SegmentResult } from '../segments';
import type { SiteRule } from './types';

/**
 * The outgoing message of a send site (NapCat or Milky): every OneBot segment that changes in
 * Milky 1.2, on its type as written; a plain string on its content; a run-time string on its
 * expression (the fix wraps it in the helper). Reported in every file, Milky code included.
 */
export const segmentRule: SiteRule = (site, text, out) => {
  const msg = outgoingMessage(site, text);
  // nonebot-adapter-milky's Bot methods take a str as one text segment: plain text needs no change there.
  if (msg && site.framework === 'nonebot' && msg.form === 'plain') return;
  if (msg) segmentFindingsOf(msg, site, text, out);
};

/** The segment findings of one outgoing message read at `site`. */
export function segmentFindingsOf(msg: OutgoingMessage, site: Site, text: string, out: Finding[]): void {
  const common = { form: msg.form, param: msg.param, site } as const;
  if (msg.form === 'runtime') {
    // An SDK method or Koishi call is never rewritten: no helper to wrap a run-time string in.
    if (site.callSite === 'method' || site.callSite === 'camel') return;
    const { start, end } = msg.value;
    if (end <= start) return;
    if (msg.autoEscape === true) out.push({ kind: 'segment', start, end, napcat: 'text', milky: ['text'], ...common, autoEscape: true });
    else if (msg.autoEscape === 'unknown') out.push({ kind: 'segment', start, end, napcat: 'CQ', milky: [], ...common, problem: 'variable-value', field: 'auto_escape' });
    else out.push({ kind: 'segment', start, end, napcat: 'CQ', milky: [], ...common, runtime: true });
    return;
  }
  if (msg.autoEscape === 'unknown' && (msg.form === 'plain' || msg.form === 'cq')) {
    const t = msg.written[0]?.segment.typeRange;
    const w = t && t.start === t.end ? msg.value : t;
    if (w && w.end > w.start) out.push({ kind: 'segment', start: w.start, end: w.end, napcat: 'text', milky: ['text'], ...common, problem: 'variable-value', field: 'auto_escape' });
    return;
  }
  const parts = msg.parts;
  const stringForm = msg.form === 'cq' || msg.form === 'template';
  const mixedForward = msg.result && !msg.result.ok && msg.result.reason === 'mixed-forward';
  for (const p of parts) {
    if (!p) continue;
    // In a CQ string, text between codes stays text: only the codes change.
    if (stringForm && p.ok && p.napcat === 'text') continue;
    // An empty string has no content to point at: the finding covers its quotes.
    const r = p.typeRange && p.typeRange.start === p.typeRange.end ? msg.value : p.typeRange;
    if (!r || r.start < 0 || r.end <= r.start || r.end > text.length) continue;
    // A type must cover its name as written (anything else is a slip on broken input).
    if (msg.form !== 'plain' && p.ok !== false && text.slice(r.start, r.end) !== p.napcat) continue;
    if (msg.form !== 'plain' && !p.ok && p.reason !== 'dynamic-cq' && text.slice(r.start, r.end) !== p.napcat) continue;
    const f: SegmentFinding = { kind: 'segment', start: r.start, end: r.end, napcat: p.napcat, milky: p.milky, ...common, ...problemOf(p, !!mixedForward) };
    if (msg.autoEscape === true) f.autoEscape = true;
    out.push(f);
  }
}

function problemOf(p: SegmentResult, mixedForward: boolean): Pick<SegmentFinding, 'problem' | 'field'> {
  if (!p.ok) return p.field ? { problem: p.reason, field: p.field } : { problem: p.reason };
  if (mixedForward && p.kind === 'node') return { problem: 'mixed-forward' };
  return {};
}
