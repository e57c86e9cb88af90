/**
 * File rules: findings that need the whole syntax tree, not one scanned site — OneBot 11 event
 * discriminators (a guarded block decides what a literal can become) and transport / result-shape
 * hints (a call helper is defined in one place and called in others). Both engines run them on a
 * parse of the whole current text, so an incremental update returns what a fresh analysis does.
 */
import type * as TS from 'typescript';
import { EVENT_PREFILTER, scanEvents } from '../events/scan';
import type { EventFinding, Finding, TransportFinding } from '../findings';
import { scanTransport } from '../transport/scan';

/**
 * Text that can hold a transport finding: NapCat's SSE path, a query token, retcodes, a URL that
 * joins an action name under a base (`${base}/${action}`, `base + '/' + action`), a WebSocket server.
 * Result-shape hints are reported in such files only (cheap to tell; the editor stays incremental elsewhere).
 */
export const TRANSPORT_PREFILTER = /\/_events|access_token|\bretcode\b|WebSocketServer|\.Server\b|\/\$\{|\/['"`]\s*\+/;

/** Can file rules find anything in this text? Cheap; the incremental engine reparses whole files only when so. */
export function fileRulesApply(text: string): boolean {
  return EVENT_PREFILTER.test(text) || TRANSPORT_PREFILTER.test(text);
}

/** Code that already speaks Milky's events (`event_type`, `milky_event`) and never OneBot's `post_type`. */
const SPEAKS_MILKY_EVENTS = /\bevent_type\b|\bmilky_event\b/;
const SPEAKS_ONEBOT_EVENTS = /\bpost_type\b/;

/** `watch` collects names whose uses a rule reads outside their own statement (the editor re-reads those whole). */
export type FileRule = (sf: TS.SourceFile, text: string, languageId: string, out: Finding[], watch?: Set<string>) => void;

export const eventRule: FileRule = (sf, text, languageId, out) => {
  if (!EVENT_PREFILTER.test(text)) return;
  if (SPEAKS_MILKY_EVENTS.test(text) && !SPEAKS_ONEBOT_EVENTS.test(text)) return;
  const scan = scanEvents(sf, text);
  for (const l of scan.literals) {
    const f: EventFinding = {
      kind: 'event', start: l.start, end: l.end, napcat: l.napcat, milky: l.milky, form: l.form,
      property: l.property, scenes: l.scenes, reasons: l.reasons, languageId,
    };
    out.push(f);
  }
};

export const transportRule: FileRule = (sf, text, _languageId, out, watch) => {
  // Event code alone holds no transport finding (a reverse-WebSocket server needs `WebSocketServer` / `.Server`).
  if (!TRANSPORT_PREFILTER.test(text)) return;
  const scan = scanTransport(sf, text);
  if (watch) for (const name of scan.holders) watch.add(name);
  for (const h of scan.hints) {
    const f: TransportFinding = {
      kind: 'transport', code: h.code, start: h.start, end: h.end, napcat: h.napcat,
      milky: h.milky === 'none' ? [] : [h.milky],
      ...(h.action !== undefined ? { action: h.action } : {}),
      ...(h.field !== undefined ? { field: h.field } : {}),
      ...(h.wrapper !== undefined ? { wrapper: h.wrapper } : {}),
      ...(h.retcode !== undefined ? { retcode: h.retcode } : {}),
      ...(h.milkyRetcode !== undefined ? { milkyRetcode: h.milkyRetcode } : {}),
      ...(h.httpStatus !== undefined ? { httpStatus: h.httpStatus } : {}),
      ...(h.note !== undefined ? { note: h.note } : {}),
    };
    out.push(f);
  }
  for (const h of scan.helpers) {
    // Only a helper that NapCat names go through (or that lacks `/api/`) is worth a finding.
    if (h.apiPrefix || !h.calls.some((c) => c.napcat || c.milky)) continue;
    const f: TransportFinding = {
      kind: 'transport', code: 'call-helper', start: h.url.start, end: h.url.end, napcat: text.slice(h.url.start, h.url.end),
      milky: ['/api/<endpoint>'],
      helper: { name: h.name, apiAt: h.edit ? h.edit.start : null, calls: h.calls.map((c) => ({ start: c.start, end: c.end, napcat: c.napcat })) },
    };
    out.push(f);
  }
};

/** Every file rule; a new one is one line here. */
const FILE_RULES: readonly FileRule[] = [eventRule, transportRule];

/** The findings of the file rules over a parse of the whole text. */
export function findingsOfFile(sf: TS.SourceFile | undefined, text: string, languageId: string, watch?: Set<string>): Finding[] {
  if (!sf || !fileRulesApply(text)) return [];
  const out: Finding[] = [];
  for (const rule of FILE_RULES) rule(sf, text, languageId, out, watch);
  return out;
}
