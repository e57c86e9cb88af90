// Builds the runtime event table (server/src/core/catalog/events.generated.json) from
// data/reference/protocol/events.json. Pure: returns data; scripts/generate.mjs writes it.
//
// The reference describes fields in prose ("NapCat message_seq / real_id / real_seq"). Regular
// entries ("group_id" → "data.group_id", transform "rename") are read by rule; the irregular ones are
// listed below by their exact text, and any entry that neither the rule nor the list covers stops the
// build, so a new row in the reference cannot slip in half-read.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const EVENTS_SOURCE = 'data/reference/protocol/events.json';

/** post_type → the property that names the event inside it. */
const DETAIL_PROP = { message: 'message_type', message_sent: 'message_type', notice: 'notice_type', request: 'request_type', meta_event: 'meta_event_type' };

/**
 * Why an event has no Milky counterpart, by discriminator tuple (`post.detail[.sub]`). A row without
 * a Milky event and without a reason here stops the build.
 */
const REASONS = {
  'message.private.group_self': 'not-emitted',
  'message.group.anonymous': 'no-anonymous',
  'message.group.notice': 'not-a-message',
  'message_sent': 'no-sent-message',
  'notice.friend_add': 'no-friend-add',
  'notice.notify.lucky_king': 'no-lucky-king',
  'notice.notify.honor': 'no-honor',
  'notice.notify.title': 'no-title-change',
  'notice.notify.input_status': 'no-input-status',
  'notice.notify.profile_like': 'no-profile-like',
  'notice.notify.gray_tip': 'no-gray-tip',
  'notice.group_card': 'no-card-change',
  'notice.online_file_send': 'no-online-file',
  'notice.online_file_receive': 'no-online-file',
  'notice.client_status': 'no-client-status',
  'meta_event.lifecycle': 'no-lifecycle',
  'meta_event.heartbeat': 'no-heartbeat',
};

/** Rows whose reference "milky" is advisory only (an implementation option, not Milky 1.2). */
const NOT_MILKY = new Set(['message_sent']);

/** The fourth part of a framework event name (node-napcat-ts: `notice.notify.poke.group`), by condition text. */
const QUALIFIERS = { 'group_id set': 'group', 'no group_id': 'friend' };

const move = (to) => ({ kind: 'move', to: [to] });
const lookup = (to) => ({ kind: 'lookup', to: [to] });
const transform = (to, note) => ({ kind: 'transform', to: to ? [to] : [], ...(note ? { note } : {}) });
const none = (note) => ({ kind: 'none', to: [], ...(note ? { note } : {}) });

/**
 * Irregular field entries, by the exact OneBot text (and, where the same text means different
 * things in different rows, `text|milky text`). Each value: OneBot path → move, or null to skip.
 */
const FIELD_OVERRIDES = {
  'message (array)': { message: transform('data.segments', 'segments: the incoming segment types and fields differ') },
  'message (string, message_format=string)': {},
  'sender.age / sender.area': { 'sender.age': none('get_user_profile'), 'sender.area': none('get_user_profile') },
  'NapCat message_seq / real_id / real_seq': { message_seq: lookup('data.message_seq'), real_id: lookup('data.message_seq'), real_seq: move('data.message_seq') },
  'NapCat message_format / raw / emoji_likes_list': { message_format: none(), raw: none(), emoji_likes_list: none() },
  'user_id (peer)': {},
  'NapCat temp_source / sender.group_id': { temp_source: transform('data.group'), 'sender.group_id': transform('data.group', 'data.group is optional') },
  'NapCat group_name': { group_name: move('data.group.group_name') },
  'sender.level (string)': { 'sender.level': transform('data.group_member.level', 'to_int') },
  'operator_id (approve)': { operator_id: { kind: 'ambiguous', to: ['data.operator_id', 'data.invitor_id'], note: 'approve: data.operator_id; invite: data.invitor_id' } },
  'operator_id (invite)': {},
  'sub_type': { sub_type: transform(null, 'derive') },
  'sub_type = leave': { sub_type: transform(null, 'derive') },
  'sub_type = kick': {},
  'sub_type = kick_me': {},
  'sub_type = disband (NapCat)': {},
  'sub_type / duration (-1 = on, 0 = off in NapCat)': { sub_type: transform('data.is_mute'), duration: transform('data.is_mute') },
  'user_id / NapCat sender_id': { user_id: move('data.user_id'), sender_id: transform('data.is_self_send', 'derive') },
  'sender_id == self_id': {},
  'target_id == self_id': { target_id: transform('data.is_self_receive', 'derive') },
  'raw_info': { raw_info: none() },
  'NapCat raw_info': { raw_info: none() },
  'user_id == self_id': {},
  'likes[].emoji_id': { likes: transform('data.face_id', 'one reaction per event') },
  'likes[].count': {},
  'file.name / file.size': { 'file.name': move('data.file_name'), 'file.size': move('data.file_size') },
  'card_new / card_old': { card_new: none(), card_old: none() },
  'status / interval': { status: none(), interval: none() },
  'user_id|data.peer_id and data.sender_id': { user_id: move('data.peer_id') },
  'user_id|data.initiator_id (inviter) / data.target_user_id (invitee)': { user_id: { kind: 'ambiguous', to: ['data.initiator_id', 'data.target_user_id'] } },
  'flag|data.notification_seq (+ is_filtered, notification_type \'join_request\')': { flag: transform('data.notification_seq', 'the request handle changes') },
  'flag|data.notification_seq (notification_type \'invited_join_request\')': { flag: transform('data.notification_seq', 'the request handle changes') },
  'operator_id|data.operator_id (optional)': { operator_id: transform('data.operator_id', 'optional in Milky; OneBot sets it to user_id on leave') },
};

const PATH = /^[a-z_]+(\.[a-z_]+)?$/;
const MILKY_PATH = /^(data\.)?[a-z_]+(\.[a-z_]+)?$/;
const PLAIN_TRANSFORM = /^(|copy\b.*|rename\b.*|flatten|same enum.*)$/;

function readField(f, where) {
  if (f.onebot === '(new)') return {};
  const key = `${f.onebot}|${f.milky}`;
  if (Object.prototype.hasOwnProperty.call(FIELD_OVERRIDES, key)) return FIELD_OVERRIDES[key];
  if (Object.prototype.hasOwnProperty.call(FIELD_OVERRIDES, f.onebot)) return FIELD_OVERRIDES[f.onebot];
  if (!PATH.test(f.onebot)) throw new Error(`${where}: cannot read OneBot field ${JSON.stringify(f.onebot)}`);
  if (f.milky === '(none)' || f.status === 'none') return { [f.onebot]: none() };
  if (!MILKY_PATH.test(f.milky)) throw new Error(`${where}: cannot read Milky field ${JSON.stringify(f.milky)} for ${f.onebot}`);
  if (f.status === 'needs-lookup') return { [f.onebot]: lookup(f.milky) };
  if (f.transform === 'derive') return { [f.onebot]: transform(f.milky, 'derive') };
  if (!PLAIN_TRANSFORM.test(f.transform)) return { [f.onebot]: transform(f.milky, f.transform) };
  return { [f.onebot]: move(f.milky) };
}

/** "ban|lift_ban (user_id = 0)" → { values: ['ban', 'lift_ban'], condition: 'user_id = 0' } */
function splitValues(text) {
  const m = /^([a-z_|]+)(?:\s+\((.*)\))?$/.exec(text);
  if (!m) throw new Error(`cannot read discriminator value ${JSON.stringify(text)}`);
  return { values: m[1].split('|'), condition: m[2] ?? null };
}

export function buildEvents(source = JSON.parse(readFileSync(path.join(root, EVENTS_SOURCE), 'utf8'))) {
  const milkyEvents = {};
  for (const e of source.milky_events) {
    milkyEvents[e.event_type] = Array.isArray(e.data) ? e.data.map((f) => f.name) : [];
  }
  const scenes = {};
  for (const m of source.milky_incoming_message) scenes[m.message_scene] = m.fields.map((f) => f.name);

  const rows = [];
  source.mapping.forEach((r, index) => {
    const ob = r.onebot;
    if (!ob.post_type) return; // quick operations: not an event (the action catalog covers them)
    const post = ob.post_type;
    const detailProp = DETAIL_PROP[post];
    if (!detailProp) throw new Error(`row ${index}: unknown post_type ${post}`);
    const detail = ob[detailProp] ? splitValues(ob[detailProp]).values : [];
    const sub = ob.sub_type ? splitValues(ob.sub_type) : { values: [], condition: null };
    const milkyType = r.milky?.event_type;
    const milky = milkyType && !NOT_MILKY.has(post) ? [milkyType] : [];
    for (const m of milky) if (!milkyEvents[m]) throw new Error(`row ${index}: unknown Milky event ${m}`);
    const scene = r.milky?.['data.message_scene'] ?? null;
    let reason = null;
    if (milky.length === 0) {
      const keys = [post, ...detail.map((d) => `${post}.${d}`), ...detail.flatMap((d) => sub.values.map((s) => `${post}.${d}.${s}`))];
      reason = keys.map((k) => REASONS[k]).find(Boolean) ?? null;
      if (!reason) throw new Error(`row ${index}: no Milky event and no reason for ${keys.at(-1)}`);
    }
    const fields = { time: move('time'), self_id: move('self_id') };
    for (const f of r.fields ?? []) {
      for (const [k, v] of Object.entries(readField(f, `row ${index}`))) {
        if (fields[k] && k !== 'time' && k !== 'self_id' && JSON.stringify(fields[k]) !== JSON.stringify(v)) throw new Error(`row ${index}: two readings of ${k}`);
        fields[k] = v;
      }
    }
    rows.push({
      row: index,
      origin: r.origin,
      post_type: post,
      detail,
      sub_type: sub.values,
      condition: sub.condition,
      qualifier: sub.condition ? (QUALIFIERS[sub.condition] ?? null) : null,
      milky,
      scene,
      status: r.status,
      reason,
      napcat: r.napcat_supported === undefined ? null : String(r.napcat_supported),
      fields,
    });
  });
  return {
    comment: `Generated by scripts/generate.mjs from ${EVENTS_SOURCE}: do not edit by hand.`,
    detailProp: DETAIL_PROP,
    rows,
    milkyEvents,
    scenes,
  };
}

/** One row per line: small, and a change in the reference shows as a change of the rows it touches. */
export function renderEvents(table) {
  const lines = Object.entries(table).map(([k, v]) => {
    if (k !== 'rows') return `${JSON.stringify(k)}: ${JSON.stringify(v)}`;
    return `"rows": [\n${v.map((r) => `  ${JSON.stringify(r)}`).join(',\n')}\n]`;
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}

/** Unwraps zod 4 wrappers (lazy, pipe, optional, nullable, default) down to the schema inside. */
function unwrapSchema(s) {
  for (let i = 0; i < 20 && s?.def; i++) {
    const d = s.def;
    if (d.type === 'lazy') s = d.getter();
    else if (d.type === 'pipe') s = d.in;
    else if (d.type === 'optional' || d.type === 'nullable' || d.type === 'default') s = d.innerType;
    else break;
  }
  return s;
}

/** Result changes that envelope.md §5 lists but mapping.json has no `returns` for. */
const EXTRA_RETURNS = {
  get_msg: { '(object)': 'message' },
  send_msg: { message_id: 'message_seq (different value: NapCat short id vs real sequence)' },
};

/**
 * What Milky returns where NapCat returned something else (mapping.json `returns`): a list wrapped
 * in an object (`data` → `data.groups`), an object wrapped (`data` → `data.group`), renamed fields
 * (`message_id` → `message_seq`). Shapes come from @saltify/milky-types.
 */
export async function buildResults() {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  const mt = await import(require.resolve('@saltify/milky-types'));
  const apis = {};
  for (const group of Object.values(mt.zodApiCategories)) Object.assign(apis, group.apis);
  const rows = JSON.parse(readFileSync(path.join(root, 'data/reference/mapping.json'), 'utf8'));
  const results = {};
  for (const row of rows) {
    const returns = row.returns ?? EXTRA_RETURNS[row.napcat.join('/')];
    // A row with no single target (send_msg) names its candidates instead.
    const targets = row.milky.length ? row.milky : (row.milky_candidates ?? []);
    if (!returns || targets.length === 0) continue;
    for (const m of targets) if (!apis[m]) throw new Error(`returns of ${row.napcat.join('/')}: unknown Milky endpoint ${m}`);
    const shape = apis[targets[0]].responseSchema?.def?.shape ?? {};
    // Several targets (send_msg → private / group) only when they return the same fields.
    const keys = (m) => Object.keys(apis[m].responseSchema?.def?.shape ?? {}).join(',');
    if (targets.some((m) => keys(m) !== keys(targets[0]))) throw new Error(`returns of ${row.napcat.join('/')}: targets return different fields`);
    const entry = { milky: targets, output: Object.keys(shape), wrapper: null, wrapperKind: null, elementFields: [], renamed: {} };
    for (const [from, toText] of Object.entries(returns)) {
      const m = /^([a-z_]+)(?:\s+\((.*)\))?$/.exec(toText);
      if (!m) throw new Error(`returns of ${row.napcat.join('/')}: cannot read ${JSON.stringify(toText)}`);
      const to = m[1];
      if (!shape[to]) throw new Error(`returns of ${row.napcat.join('/')}: ${targets[0]} has no output field ${to}`);
      if (from === '(array)' || from === '(object)') {
        entry.wrapper = to;
        entry.wrapperKind = from === '(array)' ? 'array' : 'object';
        let inner = unwrapSchema(shape[to]);
        if (inner.def.type === 'array') inner = unwrapSchema(inner.def.element);
        entry.elementFields = Object.keys(inner.def.shape ?? {});
      } else if (from !== to) {
        entry.renamed[from] = { to, ...(m[2] ? { note: m[2] } : {}) };
      }
    }
    for (const n of row.napcat) results[n] = entry;
  }
  return {
    comment: 'Generated by scripts/generate.mjs from data/reference/mapping.json (returns) and @saltify/milky-types: do not edit by hand.',
    results,
  };
}
