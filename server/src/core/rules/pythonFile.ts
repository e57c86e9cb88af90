/**
 * Python file facts → findings: an aiocqhttp decorator's event name is an `event` finding (what the
 * Milky event is, or that there is none); a CQ string NoneBot's OneBot v11 adapter parses is a
 * `segment` finding per code (the Milky adapter would send it as text, silently). Neither has a fix.
 */
import { matchRows, candidatesOf, tupleOfEventName } from '../events/scan';
import type { EventFinding, Finding, SegmentFinding } from '../findings';
import { pythonStringMessage } from '../message';
import type { PyFileFacts } from '../scan/pythonFile';
import type { Site } from '../scan/types';
import { segmentFindingsOf } from './segments';

export function findingsOfPythonFile(facts: PyFileFacts, text: string, languageId: string): Finding[] {
  const out: Finding[] = [];
  for (const e of facts.events) {
    const tuple = e.detail === null ? { post_type: [e.postType] } : tupleOfEventName(`${e.postType}.${e.detail}`);
    const rows = tuple ? matchRows(tuple) : [];
    if (!rows.length || text.slice(e.start, e.end) !== e.napcat) continue;
    const { milky, scenes, reasons } = candidatesOf(rows);
    const f: EventFinding = {
      kind: 'event', start: e.start, end: e.end, napcat: e.napcat, milky, form: 'subscription', property: null,
      scenes, reasons, languageId, decorator: 'aiocqhttp',
    };
    out.push(f);
  }
  for (const m of facts.messages) {
    if (text.slice(m.start, m.end) !== m.written) continue;
    const msg = pythonStringMessage(m.value, text);
    // A string without a CQ code is text under either adapter.
    if (!msg || (msg.form !== 'cq' && msg.form !== 'template')) continue;
    const site: Site = { start: m.start, end: m.end, written: m.written, callSite: 'method' };
    const found: Finding[] = [];
    segmentFindingsOf(msg, site, text, found);
    for (const f of found) out.push({ ...(f as SegmentFinding), via: 'nonebot-message' });
  }
  return out;
}
