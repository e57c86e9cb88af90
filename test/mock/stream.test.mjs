// GET /event: SSE framing byte for byte, WebSocket frames, the token by header and by query, replay per connection.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { collect, milky, mock, require, start } from './helpers.mjs';

const WebSocket = require('ws');
const now = 1_700_000_000;
const EVENTS = [
  { time: now, self_id: 10001, event_type: 'group_member_increase', data: { group_id: 123456789, user_id: 20002, operator_id: 20001 } },
  { time: now + 1, self_id: 10001, event_type: 'group_nudge', data: { group_id: 123456789, sender_id: 20001, receiver_id: 10001, display_action: '戳了戳', display_suffix: '', display_action_img_url: '' } },
  { time: now + 2, self_id: 10001, event_type: 'bot_offline', data: { reason: 'line\nbreak "quoted"' } },
];
const FRAMES = EVENTS.map((e) => `event: milky_event\ndata: ${JSON.stringify(e)}\n\n`).join('');

/** Collects the text frames of a WebSocket until `count` arrive or `ms` pass. */
function wsFrames(url, { headers = {}, count = EVENTS.length, ms = 3000 } = {}) {
  return new Promise((resolve) => {
    const frames = [];
    const started = Date.now();
    let firstAt;
    const ws = new WebSocket(url, { headers });
    const done = (status) => { clearTimeout(timer); ws.terminate(); resolve({ frames, status, firstAt }); };
    const timer = setTimeout(() => done('timeout'), ms);
    ws.on('message', (data, isBinary) => {
      firstAt ??= Date.now() - started;
      frames.push({ text: data.toString('utf8'), isBinary });
      if (frames.length >= count) done('open');
    });
    ws.on('unexpected-response', (_req, res) => done(res.statusCode));
    ws.on('error', () => done('error'));
  });
}

test('the demo events pass the official Event schema, and include a group message, a member increase and a nudge', () => {
  const demo = mock.demoEvents();
  assert.ok(demo.length >= 3);
  for (const e of demo) assert.ok(milky.Event.safeParse(e).success, JSON.stringify(e));
  const types = demo.map((e) => e.event_type);
  for (const t of ['message_receive', 'group_member_increase', 'group_nudge']) assert.ok(types.includes(t), t);
});

describe('SSE', () => {
  let ctx;
  before(async () => { ctx = await start({ events: EVENTS }); });
  after(() => ctx.server.close());

  test('framing is exactly event: milky_event / data: <one-line JSON> / blank line, LF only, the first within a second', async () => {
    const t0 = Date.now();
    let firstAt;
    const r = await collect(`${ctx.url}/event`, { until: (t) => { if (t.length && firstAt === undefined) firstAt = Date.now() - t0; return t.length >= FRAMES.length; } });
    assert.equal(r.status, 200);
    assert.match(r.headers['content-type'], /^text\/event-stream/);
    assert.equal(r.text, FRAMES);
    assert.ok(!r.text.includes('\r'));
    assert.ok(firstAt < 1000, `first event after ${firstAt} ms`);
  });

  test('every new connection gets the events from the start', async () => {
    const [a, b] = await Promise.all([1, 2].map(() => collect(`${ctx.url}/event`, { until: (t) => t.length >= FRAMES.length })));
    assert.equal(a.text, FRAMES);
    assert.equal(b.text, FRAMES);
  });

  test('the demo, when no events are given, is framed the same way', async () => {
    const demo = await start();
    try {
      const r = await collect(`${demo.url}/event`, { until: (t) => (t.match(/\n\n/g) ?? []).length >= 3 });
      const frames = r.text.split('\n\n').filter(Boolean);
      assert.ok(frames.length >= 3);
      for (const f of frames) {
        const [ev, data, ...rest] = f.split('\n');
        assert.equal(ev, 'event: milky_event');
        assert.ok(data.startsWith('data: '));
        assert.deepEqual(rest, []);
        assert.ok(milky.Event.safeParse(JSON.parse(data.slice(6))).success);
      }
    } finally { await demo.server.close(); }
  });
});

describe('WebSocket', () => {
  let ctx;
  before(async () => { ctx = await start({ events: EVENTS }); });
  after(() => ctx.server.close());

  test('each text frame is one event\'s JSON, in order, the first within a second', async () => {
    const r = await wsFrames(`${ctx.url.replace('http', 'ws')}/event`);
    assert.equal(r.status, 'open');
    assert.deepEqual(r.frames.map((f) => f.isBinary), [false, false, false]);
    assert.deepEqual(r.frames.map((f) => JSON.parse(f.text)), EVENTS);
    for (const f of r.frames) assert.ok(milky.Event.safeParse(JSON.parse(f.text)).success);
    assert.ok(r.firstAt < 1000, `first event after ${r.firstAt} ms`);
  });

  test('an upgrade on another path is a 404', async () => {
    const r = await wsFrames(`${ctx.url.replace('http', 'ws')}/api/send_group_message`);
    assert.equal(r.status, 404);
  });
});

describe('event stream token', () => {
  let ctx;
  before(async () => { ctx = await start({ events: EVENTS, token: 'tok' }); });
  after(() => ctx.server.close());
  const ws = () => `${ctx.url.replace('http', 'ws')}/event`;

  test('SSE: by header or by ?access_token=; 401 without or with a wrong one', async () => {
    const header = await collect(`${ctx.url}/event`, { headers: { authorization: 'Bearer tok' }, until: (t) => t.length >= FRAMES.length });
    assert.equal(header.text, FRAMES);
    const query = await collect(`${ctx.url}/event?access_token=tok`, { until: (t) => t.length >= FRAMES.length });
    assert.equal(query.text, FRAMES);
    for (const url of [`${ctx.url}/event`, `${ctx.url}/event?access_token=bad`]) {
      const r = await collect(url, { ms: 1000 });
      assert.equal(r.status, 401);
      assert.match(JSON.parse(r.text).message, /access_token/);
    }
  });

  test('WebSocket: by header or by ?access_token=; 401 without or with a wrong one', async () => {
    assert.equal((await wsFrames(ws(), { headers: { authorization: 'Bearer tok' } })).frames.length, EVENTS.length);
    assert.equal((await wsFrames(`${ws()}?access_token=tok`)).frames.length, EVENTS.length);
    assert.equal((await wsFrames(ws())).status, 401);
    assert.equal((await wsFrames(`${ws()}?access_token=nope`)).status, 401);
    assert.ok(ctx.lines.some((l) => /GET \/event 401/.test(l)));
    assert.ok(ctx.lines.some((l) => /GET \/event 101 ok/.test(l)));
  });
});
