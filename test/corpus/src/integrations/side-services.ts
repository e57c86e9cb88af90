import { performance } from 'node:perf_hooks';
import { createClient } from '@supabase/supabase-js';
import { invoke } from '@tauri-apps/api/core';
import { Router } from 'express';
import { t } from '../i18n';
import { metrics, logger } from '../observability';
import { callApi } from '../napcat/http';

const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_ANON_KEY!);

// ---------------------------------------------------------------------------
// Supabase: these rpc / function names happen to look like OneBot actions.
// ---------------------------------------------------------------------------

export async function recordPoke(groupId: number, userId: number) {
  const { error } = await supabase.rpc('send_poke', { group_id: groupId, user_id: userId });
  if (error) logger.warn('send_poke rpc failed', error);
}

export async function purgeMessage(id: number) {
  await supabase.functions.invoke('delete_msg', { body: { message_id: id } });
}

export async function billing() {
  return supabase.functions.invoke('billing', { body: { action: 'get_status', params: { scope: 'send_group_msg' } } });
}

export async function stats(groupId: number) {
  return supabase.rpc('group_stats', { p_group_id: groupId, p_kind: 'get_group_member_list' });
}

// ---------------------------------------------------------------------------
// Tauri desktop shell commands
// ---------------------------------------------------------------------------

export async function desktopStatus() {
  const status = await invoke<string>('get_status');
  const version = await invoke<string>('get_version_info', { verbose: true });
  await invoke('clean_cache');
  return { status, version };
}

// ---------------------------------------------------------------------------
// Server-side templates (Jinja-like helper ported from Flask)
// ---------------------------------------------------------------------------

declare function url_for(endpoint: string, values?: Record<string, unknown>): string;

export const links = {
  download: url_for('download_file', { id: 42 }),
  image: url_for('get_image', { file: 'a.jpg' }),
};

export const files = Router();
files.get('/download_file/:id', (req, res) => res.download(`/srv/files/${req.params.id}`));
files.get('/get_image/:file/thumbnail', (req, res) => res.sendFile(`/srv/thumbs/${req.params.file}`));
files.post('/upload_group_file', (req, res) => res.json({ ok: true }));

// ---------------------------------------------------------------------------
// Observability and i18n: names inside longer strings are just text.
// ---------------------------------------------------------------------------

export async function sendWithMetrics(groupId: number, message: string) {
  const start = Date.now();
  try {
    const r = await callApi('send_group_msg', { group_id: groupId, message });
    metrics.inc('napcat.send_group_msg.ok');
    return r;
  } catch (e) {
    metrics.inc('napcat.send_group_msg.error');
    logger.error(`send_group_msg failed after ${Date.now() - start}ms`, e);
    throw new Error(t('errors.send_group_msg'));
  } finally {
    metrics.observe('napcat_send_group_msg_duration_ms', Date.now() - start);
  }
}

export function explain(code: number): string {
  switch (code) {
    case 1404:
      return t('errors.unsupported', { action: 'set_group_anonymous_ban' });
    case 1403:
      return 'set_group_ban: the bot is not an admin of this group';
    default:
      return 'Usage: /ban <qq> [seconds]  (calls set_group_ban)';
  }
}

export const CACHE_KEYS = {
  groupList: 'cache:get_group_list',
  memberList: (gid: number) => `cache:get_group_member_list:${gid}`,
  login: 'napcat/get_login_info/v1',
};

export const featureFlags = {
  'napcat.send_like.enabled': true,
  'napcat.get_status.poll': false,
};

const SEND_LIKE_DAILY_LIMIT = 10;
const GET_GROUP_LIST_TTL = 60_000;

export function likeQuota(used: number) {
  logger.debug('send_like quota %d/%d (ttl %d)', used, SEND_LIKE_DAILY_LIMIT, GET_GROUP_LIST_TTL);
  return Math.max(0, SEND_LIKE_DAILY_LIMIT - used);
}

// Actions chosen at run time never have a static name:
export async function dynamic(kind: 'group' | 'private', peer: number, verb: string) {
  await callApi(`send_${kind}_msg`, { [`${kind === 'group' ? 'group' : 'user'}_id`]: peer, message: 'x' });
  await callApi('get_' + verb + '_list');
  await callApi(['set', 'group', 'ban'].join('_'), { group_id: peer });
}

// Already-migrated Milky calls stay quiet:
export async function milky(groupId: number, seq: number) {
  await callApi('send_group_message', { group_id: groupId, message: [{ type: 'text', data: { text: 'ok' } }] });
  await callApi('recall_group_message', { group_id: groupId, message_seq: seq });
  await callApi('get_group_announcements', { group_id: groupId });
  await callApi('set_group_member_mute', { group_id: groupId, user_id: 1, duration: 60 });
  await callApi('get_user_profile', { user_id: 1 });
  await callApi('send_group_nudge', { group_id: groupId, user_id: 1 });
}

// ---------------------------------------------------------------------------
// Telemetry around NapCat calls. Almost everything here mentions action names only as text.
// ---------------------------------------------------------------------------
export const SEND_GROUP_MSG = 'SEND_GROUP_MSG'; // redux-ish event type, not an API name
export const DELETE_MSG_TTL = 120;
export const GET_STATUS_EVERY = 30_000;
export const SET_GROUP_BAN_DEFAULT = 600;

const counters = new Map();

export function inc(name: string, by = 1) {
  counters.set(name, (counters.get(name) ?? 0) + by);
}

export function timed(action, fn) {
  return async (...args) => {
    const t0 = performance.now();
    try {
      const r = await fn(...args);
      inc(`napcat.${action}.ok`);
      return r;
    } catch (e) {
      inc(`napcat.${action}.error`);
      console.error(`[napcat] ${action} failed:`, e);
      throw e;
    } finally {
      inc(`napcat.${action}.ms`, performance.now() - t0);
    }
  };
}

export function report() {
  console.log('napcat.send_group_msg.ok =', counters.get('napcat.send_group_msg.ok') ?? 0);
  console.log('napcat.delete_msg.error =', counters.get('napcat.delete_msg.error') ?? 0);
  console.info('get_status: polling every %d ms', GET_STATUS_EVERY);
  console.info("set_group_ban default duration %ds", SET_GROUP_BAN_DEFAULT);
  console.debug(`send_like daily quota reset at 00:00 (+08:00) 🕛`);
}

export const dashboards = [
  { title: 'send_group_msg latency', query: 'histogram_quantile(0.99, napcat_send_group_msg_ms)' },
  { title: 'delete_msg errors / min', query: 'rate(napcat_delete_msg_error[1m])' },
  { title: 'get_group_member_list cache hit ratio', query: 'napcat_cache_hit{key="get_group_member_list"} / napcat_cache_total' },
];

export const cacheKeys = {
  groupList: () => 'napcat:get_group_list',
  member: (gid, uid) => `napcat:get_group_member_info:${gid}:${uid}`,
  stranger: (uid) => ['get_stranger_info', uid].join(':'),
};

export const alerts = [
  'ALERT napcat send_group_msg failure rate > 5%',
  'ALERT napcat get_status offline for 2m',
  'WARN set_group_kick called 10 times in 1m',
];

// local helpers that happen to share names with actions
function get_status() {
  return { counters: counters.size, uptime: process.uptime() };
}

function send_like(n) {
  return Math.min(n, 10);
}

export function snapshot() {
  return { ...get_status(), likes: send_like(20) };
}

// echo labels
export function echoFor(action, n) {
  return { echo: `${action}-${n}` };
}

// action names assembled at run time
export function metricFor(scene) {
  return `napcat.send_${scene}_msg.ok`;
}

export function actionFor(scene) {
  return 'send_' + scene + '_msg';
}

export function pokeAction(target) {
  return `${target}_poke`;
}
