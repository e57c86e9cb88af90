/** The events every /event connection receives: a JSON-lines file checked with the official Event schema, or a short demo. */
import { readFileSync } from 'node:fs';
import type { Locale } from '../shared/locale';
import { say } from './messages';
import { EventSchema, type ZodIssue } from './schema';
import { MOCK_GROUP_ID, SELF_ID } from './sample';
import { formatPath } from './validate';

export class EventsFileError extends Error {}

function issueText(issues: ZodIssue[]): string {
  return issues.slice(0, 3).map((i) => `${formatPath(i.path) || 'event'}: ${i.message}`).join('; ');
}

/** Reads `file`: one event per non-empty line. Throws EventsFileError naming the first bad line. */
export function loadEvents(file: string, locale: Locale): object[] {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) { throw new EventsFileError(`${file}: ${(e as Error).message}`); }
  const events: object[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try { value = JSON.parse(line); } catch (e) {
      throw new EventsFileError(say(locale, 'invalidEventLine', { file, line: i + 1, detail: say(locale, 'invalidJsonLine', { detail: (e as Error).message }) }));
    }
    const result = EventSchema.safeParse(value);
    if (!result.success) {
      const onebot = value !== null && typeof value === 'object' && 'post_type' in value;
      const detail = onebot ? say(locale, 'onebotEvent') : issueText(result.error.issues);
      throw new EventsFileError(say(locale, 'invalidEventLine', { file, line: i + 1, detail }));
    }
    events.push(value as object);
  });
  if (!events.length) throw new EventsFileError(say(locale, 'noEvents', { file }));
  return events;
}

/** A short demo: a group message, a member joining, a nudge, a friend message. Each passes the official Event schema. */
export function demoEvents(now = Math.floor(Date.now() / 1000)): object[] {
  const group = {
    group_id: MOCK_GROUP_ID, group_name: 'Mock Group', member_count: 42, max_member_count: 500, remark: '',
    created_time: now - 365 * 86400, description: 'A group of the napcat-milky mock', question: '', announcement: '',
  };
  const member = {
    user_id: 20001, nickname: 'Alice', sex: 'female', group_id: MOCK_GROUP_ID, card: 'Alice', title: '', level: 10,
    role: 'member', join_time: now - 30 * 86400, last_sent_time: now,
  };
  const events = [
    {
      time: now, self_id: SELF_ID, event_type: 'message_receive',
      data: {
        message_scene: 'group', peer_id: MOCK_GROUP_ID, message_seq: 1, sender_id: 20001, time: now,
        segments: [{ type: 'text', data: { text: '/help' } }], group, group_member: member,
      },
    },
    {
      time: now, self_id: SELF_ID, event_type: 'group_member_increase',
      data: { group_id: MOCK_GROUP_ID, user_id: 20002, operator_id: 20001 },
    },
    {
      time: now, self_id: SELF_ID, event_type: 'group_nudge',
      data: { group_id: MOCK_GROUP_ID, sender_id: 20001, receiver_id: SELF_ID, display_action: '戳了戳', display_suffix: '', display_action_img_url: '' },
    },
    {
      time: now, self_id: SELF_ID, event_type: 'message_receive',
      data: {
        message_scene: 'friend', peer_id: 20001, message_seq: 1, sender_id: 20001, time: now,
        segments: [{ type: 'text', data: { text: 'ping' } }],
        friend: { user_id: 20001, nickname: 'Alice', sex: 'female', qid: '', remark: '', category: { category_id: 0, category_name: 'Friends' } },
      },
    },
  ];
  for (const e of events) {
    const r = EventSchema.safeParse(e);
    if (!r.success) throw new Error(`demo event ${e.event_type}: ${issueText(r.error.issues)}`);
  }
  return events;
}
