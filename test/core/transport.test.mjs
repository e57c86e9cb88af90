// Transport and envelope hints (scanTransport) and the generic call helper's `api/` insertion.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { core } from './helpers.mjs';

function scan(text, lang = 'typescript') {
  const sf = core.parseTypeScript(text, lang);
  return core.scanTransport(sf, text);
}

/** [code, napcat, milky] of every hint. */
function hints(text, lang) {
  return scan(text, lang).hints.map((h) => [h.code, h.napcat, h.milky]);
}

describe('hints', () => {
  test('SSE: /_events → /event', () => {
    const text = "const es = new EventSource(`${BASE}/_events`);";
    const r = scan(text);
    assert.deepEqual(r.hints.map((h) => [h.code, h.napcat, h.milky]), [['sse-path', '/_events', '/event']]);
    assert.equal(text.slice(r.hints[0].start, r.hints[0].end), '/_events');
  });

  test('SSE: onmessage on an EventSource of /_events → milky_event', () => {
    assert.deepEqual(hints("const es = new EventSource(base + '/_events');\nes.onmessage = (m) => handle(JSON.parse(m.data));"), [
      ['sse-path', '/_events', '/event'],
      ['sse-onmessage', 'onmessage', 'milky_event'],
    ]);
  });

  test("SSE: a 'message' listener, and the URL in a constant", () => {
    assert.deepEqual(hints("const URL_EVENTS = 'http://127.0.0.1:3000/_events';\nconst src = new EventSource(URL_EVENTS);\nsrc.addEventListener('message', onEvent);"), [
      ['sse-path', '/_events', '/event'],
      ['sse-onmessage', 'message', 'milky_event'],
    ]);
  });

  test('SSE: onmessage of another EventSource is quiet', () => {
    assert.deepEqual(hints("const es = new EventSource('/api/stream'); es.onmessage = f; ws.onmessage = g;"), []);
  });

  test('access_token in the query of an API URL → Authorization: Bearer', () => {
    const text = "fetch(`${BASE}/send_group_msg?access_token=${TOKEN}`, { method: 'POST' }); axios.get(base + '/get_status?x=1&access_token=' + t);";
    assert.deepEqual(hints(text), [
      ['access-token-query', 'access_token', 'Authorization: Bearer'],
      ['access-token-query', 'access_token', 'Authorization: Bearer'],
    ]);
  });

  test('access_token set on searchParams or given in a query object', () => {
    assert.deepEqual(hints("const u = new URL(`${BASE}/get_status`); u.searchParams.set('access_token', T); axios.post(url, body, { params: { access_token: T } }); got(url, { searchParams: { 'access_token': T } });"), [
      ['access-token-query', 'access_token', 'Authorization: Bearer'],
      ['access-token-query', 'access_token', 'Authorization: Bearer'],
      ['access-token-query', 'access_token', 'Authorization: Bearer'],
    ]);
    assert.deepEqual(hints("const cfg = { access_token: T }; map.set('access_token', T);"), []);
  });

  test('access_token on an event stream stays (Milky takes it there)', () => {
    assert.deepEqual(hints("new WebSocket(`ws://127.0.0.1:3001/?access_token=${T}`); new EventSource(`${B}/event?access_token=${T}`);"), []);
  });

  test('NapCat retcodes → Milky', () => {
    const r = scan("if (res.retcode === 1400) bad(); if (res.retcode == 1404) unknown(); if (r.retcode !== 1403) {} if (body['retcode'] === 1200) {}");
    assert.deepEqual(r.hints.map((h) => [h.code, h.napcat, h.milky, h.milkyRetcode ?? h.httpStatus ?? null]), [
      ['retcode', '1400', '-400', -400],
      ['retcode', '1404', 'http:404', 404],
      ['retcode', '1403', 'http:401', 401],
      ['retcode', '1200', 'retcode!=0', null],
    ]);
  });

  test('retcodes in a switch and on a destructured name', () => {
    assert.deepEqual(hints("const { retcode } = res; switch (retcode) { case 1404: a(); break; case 0: ok(); } if (1400 === retcode) {}"), [
      ['retcode', '1404', 'http:404'],
      ['retcode', '1400', '-400'],
    ]);
  });

  test('retcode 0 and other numbers are quiet', () => {
    assert.deepEqual(hints('if (res.retcode === 0 || res.retcode !== 0 || res.retcode === 42) {}'), []);
  });

  test('wording → message, async status → none', () => {
    assert.deepEqual(hints("if (res.retcode !== 0) throw new Error(res.wording); if (res.status === 'async') later();"), [
      ['wording', 'wording', 'message'],
      ['async-status', 'async', 'none'],
    ]);
  });

  test('wording without any retcode in the file is quiet', () => {
    assert.deepEqual(hints('label.wording = copy.wording;'), []);
  });

  test('a reverse-WebSocket server in a file that reads OneBot events', () => {
    const text = "import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ port: 8080 });\nwss.on('connection', (s) => s.on('message', (d) => { const e = JSON.parse(d); if (e.post_type === 'message') reply(e); }));";
    assert.deepEqual(hints(text), [['reverse-ws', 'new WebSocketServer', 'event-client|webhook']]);
    assert.deepEqual(hints("const WebSocket = require('ws'); const s = new WebSocket.Server({ port: 1 }); on(d => d.post_type);", 'javascript'), [['reverse-ws', 'new WebSocket.Server', 'event-client|webhook']]);
  });

  test('a WebSocket server in a file without OneBot events is quiet', () => {
    assert.deepEqual(hints("const wss = new WebSocketServer({ port: 8080 }); wss.on('connection', f);"), []);
  });

  test('an implementation that writes OneBot events (post_type as a key) is quiet', () => {
    assert.deepEqual(hints("const wss = new WebSocketServer({ port: 3001 }); wss.on('connection', (ws) => ws.send(JSON.stringify({ post_type: 'meta_event', meta_event_type: 'lifecycle' })));"), []);
  });

  test('prose that mentions /_events is quiet', () => {
    assert.deepEqual(hints("log('NapCat streams on /_events, Milky on /event'); const re = /_events_total/;"), []);
  });

  test('a list result used as an array → data.groups', () => {
    const text = "const groups = (await call('get_group_list')).data;\ngroups.forEach((g) => log(g.group_id));\n(await call('get_friend_list', {})).data.map((f) => f.user_id);\nfor (const m of (await call('get_group_member_list', { group_id: 1 })).data) {}";
    const r = scan(text);
    assert.deepEqual(r.hints.map((h) => [h.code, h.napcat, h.milky, h.action, h.wrapper]), [
      ['list-wrapped', 'data', 'data.groups', 'get_group_list', 'groups'],
      ['list-wrapped', 'data', 'data.friends', 'get_friend_list', 'friends'],
      ['list-wrapped', 'data', 'data.members', 'get_group_member_list', 'members'],
    ]);
    assert.ok(r.hints[0].elementFields.includes('group_name'));
  });

  test('a result variable, then .data as an array; and a helper that returns data itself', () => {
    assert.deepEqual(hints("const res = await call('get_group_list'); res.data.length; const list = await api('get_friend_list'); list.map(f);"), [
      ['list-wrapped', 'data', 'data.groups'],
      ['list-wrapped', 'list', 'list.friends'],
    ]);
  });

  test("send_* results: message_id → message_seq", () => {
    const r = scan("const sent = await call('send_group_msg', { group_id: 1, message: 'hi' }); save(sent.data.message_id); call('send_private_msg', p).then((r) => r.message_id);");
    assert.deepEqual(r.hints.map((h) => [h.code, h.napcat, h.milky, h.endpoints, h.note]), [
      ['renamed-field', 'message_id', 'message_seq', ['send_group_message'], 'different-id'],
      ['renamed-field', 'message_id', 'message_seq', ['send_private_message'], 'different-id'],
    ]);
  });

  test('renamed and wrapped fields of object results', () => {
    assert.deepEqual(hints("const me = await call('get_login_info'); me.data.user_id; (await call('get_group_info', { group_id: 1 })).data.group_name; const { data } = await call('get_csrf_token'); data.token;"), [
      ['renamed-field', 'user_id', 'uin'],
      ['object-wrapped', 'group_name', 'group.group_name'],
      ['renamed-field', 'token', 'csrf_token'],
    ]);
  });

  test('results read the way Milky returns them are quiet', () => {
    assert.deepEqual(hints("const r = await call('get_group_list'); r.data.groups.map(f); const s = await call('send_group_message', p); s.data.message_seq;"), []);
  });
});

describe('the generic call helper', () => {
  test('template URL: api/ is inserted once before the action', () => {
    const text = "const BASE = 'http://127.0.0.1:3000';\nasync function call(action, params = {}) {\n  const r = await fetch(`${BASE}/${action}`, { method: 'POST', body: JSON.stringify(params) });\n  return (await r.json()).data;\n}\ncall('send_group_msg', { group_id: 1, message: 'x' });\ncall('get_login_info');";
    const { helpers } = scan(text);
    assert.equal(helpers.length, 1);
    const h = helpers[0];
    assert.deepEqual([h.name, h.param, h.paramIndex, h.apiPrefix], ['call', 'action', 0, false]);
    assert.equal(core.applyEdits(text, [h.edit]).split('\n')[2], "  const r = await fetch(`${BASE}/api/${action}`, { method: 'POST', body: JSON.stringify(params) });");
    assert.deepEqual(h.calls.map((c) => [c.written, c.napcat, c.milky, text.slice(c.start, c.end)]), [
      ['send_group_msg', true, false, 'send_group_msg'],
      ['get_login_info', true, true, 'get_login_info'],
    ]);
  });

  test("concatenation: base + '/' + action", () => {
    const text = "const post = (endpoint, body) => axios.post(this.base + '/' + endpoint, body);\npost('get_status', {});";
    const [h] = scan(text).helpers;
    assert.equal(h.name, 'post');
    assert.equal(core.applyEdits(text, [h.edit]).split('\n')[0], "const post = (endpoint, body) => axios.post(this.base + '/api/' + endpoint, body);");
  });

  test('a method of a class, and the second parameter', () => {
    const text = "class Bot { async send(id, action, params) { return got.post(`${this.url}/${action}`, { json: params }); } run() { this.send(1, 'set_group_ban', {}); } }";
    const [h] = scan(text).helpers;
    assert.deepEqual([h.name, h.param, h.paramIndex, h.calls.map((c) => c.written)], ['send', 'action', 1, ['set_group_ban']]);
    assert.ok(core.applyEdits(text, [h.edit]).includes('`${this.url}/api/${action}`'));
  });

  test('/api/ already there: nothing to insert', () => {
    for (const text of [
      "function call(action, p) { return fetch(`${BASE}/api/${action}`, p); }",
      "const call = (action, p) => fetch(base + '/api/' + action, p);",
      "const BASE = 'http://127.0.0.1:3000/api';\nfunction call(action, p) { return fetch(`${BASE}/${action}`, p); }",
    ]) {
      const [h] = scan(text).helpers;
      assert.equal(h.apiPrefix, true, text);
      assert.equal(h.edit, null);
    }
  });

  test('a path join is not a call helper', () => {
    assert.deepEqual(scan("function read(dir, file) { return fs.readFileSync(`${dir}/${file}`); } read('a', 'b.txt');").helpers, []);
  });

  test('a helper whose parameter is named like an action counts without calls in the file', () => {
    const [h] = scan("export async function callApi(api: string, params: object) { return fetch(`${process.env.NAPCAT}/${api}`, { method: 'POST', body: JSON.stringify(params) }); }").helpers;
    assert.equal(h.name, 'callApi');
    assert.notEqual(h.edit, null);
  });
});
