// POST /api/<endpoint>: every HTTP status and verdict of the mock, its messages, and bad requests that must not crash it.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import http from 'node:http';
import { post, start } from './helpers.mjs';

const G = 123456789;
const TEXT = [{ type: 'text', data: { text: 'hi' } }];
const failed = (r) => { assert.equal(r.status, 200, r.text); assert.equal(r.json.status, 'failed'); assert.equal(r.json.retcode, -400); return r.json.message; };

describe('HTTP statuses', () => {
  let ctx;
  before(async () => { ctx = await start({ token: 's3cret' }); });
  after(() => ctx.server.close());
  const auth = { authorization: 'Bearer s3cret' };

  test('401 without a token, with a wrong one, and with ?access_token= on the API; 200 with the header', async () => {
    for (const headers of [{}, { authorization: 'Bearer nope' }, { authorization: 's3cret' }]) {
      const r = await post(ctx.url, 'get_login_info', {}, { headers });
      assert.equal(r.status, 401);
      assert.equal(r.json.status, 'failed');
      assert.match(r.json.message, /Authorization: Bearer/);
    }
    const q = await post(ctx.url, 'get_login_info?access_token=s3cret', {});
    assert.equal(q.status, 401);
    assert.match(q.json.message, /only in the header/);
    const ok = await post(ctx.url, 'get_login_info', {}, { headers: auth });
    assert.equal(ok.status, 200);
    assert.equal(ok.json.status, 'ok');
  });

  test('404 for an unknown endpoint; a NapCat action name gets the Milky name', async () => {
    const unknown = await post(ctx.url, 'no_such_thing', {}, { headers: auth });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.retcode, 404);
    assert.match(unknown.json.message, /unknown endpoint `no_such_thing`/);
    const napcat = await post(ctx.url, 'send_group_msg', {}, { headers: auth });
    assert.equal(napcat.status, 404);
    assert.match(napcat.json.message, /NapCat action.*`send_group_message`/);
    const ban = await post(ctx.url, 'set_group_whole_ban', {}, { headers: auth });
    assert.match(ban.json.message, /`set_group_whole_mute`/);
    assert.ok(ctx.lines.some((l) => /send_group_msg 404/.test(l) && /send_group_message/.test(l)), 'the 404 is logged with its hint');
  });

  test('404 for other paths (GET and POST), with a hint when the path is an endpoint without /api/ or NapCat\'s', async () => {
    const at = async (p, method = 'POST') => {
      const r = await fetch(`${ctx.url}${p}`, { method, headers: { ...auth, 'content-type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
      assert.equal(r.status, 404, p);
      return (await r.json()).message;
    };
    assert.match(await at('/nothing/here', 'GET'), /no such path `\/nothing\/here`: this server answers POST \/api\/<endpoint> and GET \/event/);
    assert.match(await at('/send_group_message'), /Milky endpoints are under \/api\/: POST \/api\/send_group_message/);
    assert.match(await at('/send_group_msg'), /NapCat action; Milky calls it `send_group_message`, under \/api\//);
    assert.match(await at('/_events', 'GET'), /GET \/event \(SSE: listen for the `milky_event` event/);
  });

  test('405 for another method on /api/…, with Allow: POST', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const r = await post(ctx.url, 'get_login_info', method === 'GET' ? undefined : {}, { headers: auth, method });
      assert.equal(r.status, 405, method);
      assert.equal(r.headers.get('allow'), 'POST');
    }
  });

  test('415 for a content type that is not JSON, or none', async () => {
    const form = await post(ctx.url, 'get_login_info', 'a=1', { headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(form.status, 415);
    assert.match(form.json.message, /application\/json/);
    const r = await new Promise((resolve) => {
      const req = http.request(`${ctx.url}/api/get_login_info`, { method: 'POST', headers: auth }, (res) => { res.resume(); resolve(res.statusCode); });
      req.end('{}');
    });
    assert.equal(r, 415);
    const charset = await post(ctx.url, 'get_login_info', {}, { headers: { ...auth, 'content-type': 'application/json; charset=utf-8' } });
    assert.equal(charset.status, 200);
  });

  test('400 for a malformed JSON body and for an empty one', async () => {
    const bad = await post(ctx.url, 'get_login_info', '{"a":', { headers: auth });
    assert.equal(bad.status, 400);
    assert.match(bad.json.message, /not valid JSON/);
    const json5 = await post(ctx.url, 'get_group_info', '{ group_id: 123456, }', { headers: auth });
    assert.equal(json5.status, 400);
    const empty = await post(ctx.url, 'get_login_info', '', { headers: auth });
    assert.equal(empty.status, 400);
    assert.match(empty.json.message, /send \{\}/);
  });

  test('413 for a body over the limit (16 MB), and the server goes on', async () => {
    const big = Buffer.alloc(17 * 1024 * 1024, 0x20);
    const r = await post(ctx.url, 'get_login_info', big, { headers: auth }).catch((e) => ({ status: 'error', text: String(e) }));
    assert.equal(r.status, 413, r.text);
    assert.match(r.json.message, /16777216/);
    // Chunked, with no Content-Length: cut at the limit while it streams.
    const chunked = await new Promise((resolve) => {
      const req = http.request(`${ctx.url}/api/get_login_info`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' } }, (res) => {
        let text = '';
        res.on('data', (d) => { text += d; });
        res.on('end', () => resolve({ status: res.statusCode, text }));
        res.on('error', () => resolve({ status: res.statusCode, text }));
      });
      req.on('error', () => {});
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => { while (sent < 18 && req.write(chunk)) sent++; if (sent < 18) req.once('drain', () => { sent++; pump(); }); else req.end(); };
      pump();
    });
    assert.equal(chunked.status, 413);
    const after = await post(ctx.url, 'get_login_info', {}, { headers: auth });
    assert.equal(after.status, 200);
  });
});

describe('verdicts', () => {
  let ctx;
  before(async () => { ctx = await start(); });
  after(() => ctx.server.close());

  test('a valid call: 200 { status: ok, retcode: 0, data }', async () => {
    const r = await post(ctx.url, 'send_group_message', { group_id: G, message: TEXT });
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.json), ['status', 'retcode', 'data']);
    assert.equal(r.json.status, 'ok');
    assert.equal(r.json.retcode, 0);
    assert.ok(Number.isInteger(r.json.data.message_seq));
    const none = await post(ctx.url, 'set_group_whole_mute', { group_id: G, is_mute: false });
    assert.deepEqual(none.json, { status: 'ok', retcode: 0, data: {} });
  });

  test('a schema failure is 200 { status: failed, retcode: -400, message } naming the field and what to do', async () => {
    const r = await post(ctx.url, 'send_group_message', { group_id: '123456', message: TEXT });
    assert.deepEqual(Object.keys(r.json), ['status', 'retcode', 'message']);
    assert.match(failed(r), /`group_id` must be a number, not the string "123456": drop the quotes/);
    assert.match(failed(await post(ctx.url, 'send_group_message', { message: TEXT })), /`group_id` is missing: add it \(a QQ number or group number/);
    assert.match(failed(await post(ctx.url, 'send_group_message', { group_id: 1, message: TEXT })), /`group_id` is not a QQ number or group number \(1\)/);
    assert.match(failed(await post(ctx.url, 'get_message', { message_scene: 'private', peer_id: G, message_seq: 1 })), /`message_scene` must be one of "friend", "group", "temp", not "private"/);
    assert.match(failed(await post(ctx.url, 'send_group_message', { group_id: G, message: [{ type: 'text', data: {} }] })), /`message\[0\]\.data\.text` is missing/);
    assert.match(failed(await post(ctx.url, 'set_group_whole_mute', { group_id: G, is_mute: 'false' })), /`is_mute` must be a JSON boolean/);
  });

  test('a CQ string in message: Milky has no string form; a plain string and a single segment too', async () => {
    assert.match(failed(await post(ctx.url, 'send_group_message', { group_id: G, message: '[CQ:at,qq=10001] hi' })), /`message` is a CQ-code string: Milky has no string form; send an array of segments/);
    assert.match(failed(await post(ctx.url, 'send_private_message', { user_id: 10001, message: 'hi' })), /`message` is a string: Milky has no string form/);
    // When every code converts without a guess, the message shows the segments to send.
    assert.equal(failed(await post(ctx.url, 'send_group_message', { group_id: G, message: '[CQ:at,qq=10001] hi &#91;1&#93;[CQ:face,id=14]' })),
      '`message` is a CQ-code string: Milky has no string form; send an array of segments, here: [{"type":"mention","data":{"user_id":10001}},{"type":"text","data":{"text":" hi [1]"}},{"type":"face","data":{"face_id":"14"}}]');
    assert.doesNotMatch(failed(await post(ctx.url, 'send_group_message', { group_id: G, message: '[CQ:reply,id=5]ok' })), /here:/, 'a NapCat reply id is no message_seq');
    assert.match(failed(await post(ctx.url, 'send_group_message', { group_id: G, message: TEXT[0] })), /single segment.*wrap it/);
  });

  test('NapCat segment types are named with their Milky form', async () => {
    const m = failed(await post(ctx.url, 'send_group_message', { group_id: G, message: [{ type: 'at', data: { qq: '10001' } }] }));
    assert.match(m, /`message\[0\]\.type`: "at" is a NapCat segment type; in Milky: \{ "type": "mention"/);
    assert.match(failed(await post(ctx.url, 'send_group_message', { group_id: G, message: [{ type: 'bogus', data: {} }] })), /segment type "bogus" does not exist in Milky/);
  });

  test('message_id where message_seq is needed', async () => {
    const m = failed(await post(ctx.url, 'recall_group_message', { group_id: G, message_id: 123 }));
    assert.match(m, /`message_id` is NapCat's message id: recall_group_message needs `message_seq`/);
    assert.doesNotMatch(m, /message_seq` is missing/, 'one message, not two');
    assert.match(failed(await post(ctx.url, 'set_group_essence_message', { group_id: G, message_id: 1 })), /needs `message_seq`/);
    // Both sent: message_id is just a key too many.
    assert.match(failed(await post(ctx.url, 'recall_group_message', { group_id: G, message_seq: 1, message_id: 1 })), /`message_id` is not a parameter of recall_group_message/);
  });

  test('unknown keys are refused by default: { group_id, enable: false } would mute the group', async () => {
    const m = failed(await post(ctx.url, 'set_group_whole_mute', { group_id: G, enable: false }));
    assert.equal(m, '`enable` is the NapCat name: set_group_whole_mute calls it `is_mute`; a real Milky server silently ignores `enable` and uses the default `is_mute: true`');
    assert.match(failed(await post(ctx.url, 'send_group_message', { group_id: G, message: TEXT, auto_escape: true })), /`auto_escape` is not a parameter of send_group_message: remove it.*known: group_id, message/);
    assert.match(failed(await post(ctx.url, 'send_group_message', { group_id: G, message: [{ type: 'text', data: { text: 'x', extra: 1 } }] })), /`message\[0\]\.data\.extra` is not a parameter/);
    assert.match(failed(await post(ctx.url, 'get_login_info', { user_id: 1 })), /get_login_info, which takes none: send \{\}/);
    const log = ctx.lines.find((l) => /set_group_whole_mute 200 -400 FAILED/.test(l));
    assert.ok(log && /is_mute/.test(log), 'logged with the issue');
  });

  test('NapCat field names inside segments are named with their Milky name, once', async () => {
    const m = failed(await post(ctx.url, 'send_group_message', { group_id: G, message: [{ type: 'image', data: { file: 'https://x/a.png' } }] }));
    assert.equal(m, '`message[0].data.file` is the NapCat name: the image segment calls it `uri` (a real Milky server silently ignores `message[0].data.file`)');
    assert.match(failed(await post(ctx.url, 'send_group_message', { group_id: G, message: [{ type: 'mention', data: { qq: 10001 } }] })), /data\.qq` is the NapCat name: the mention segment calls it `user_id`/);
  });

  test('the body must be an object', async () => {
    for (const body of ['[]', '42', 'null', '"x"']) assert.match(failed(await post(ctx.url, 'get_login_info', body)), /must be a JSON object/, body);
  });
});

test('--lenient accepts unknown keys with a warning in the log; real errors still fail', async () => {
  const ctx = await start({ lenient: true });
  try {
    const r = await post(ctx.url, 'set_group_whole_mute', { group_id: G, enable: false });
    assert.equal(r.json.status, 'ok');
    assert.ok(ctx.lines.some((l) => /set_group_whole_mute 200 ok/.test(l) && /--lenient.*enable/s.test(l)), ctx.lines.join('\n'));
    assert.equal((await post(ctx.url, 'send_group_message', { group_id: G, message: 'hi', x: 1 })).json.retcode, -400);
    // A renamed key is only a warning, but the Milky field it stands for is still missing.
    const image = await post(ctx.url, 'send_group_message', { group_id: G, message: [{ type: 'image', data: { file: 'a.png' } }] });
    assert.match(failed(image), /`message\[0\]\.data\.uri` is missing/);
  } finally { await ctx.server.close(); }
});

test('messages in zh-cn', async () => {
  const ctx = await start({ locale: 'zh-cn' });
  try {
    assert.match(failed(await post(ctx.url, 'send_group_message', { group_id: G, message: '[CQ:face,id=1]' })), /CQ 码字符串：Milky 没有字符串形式/);
    const r = await post(ctx.url, 'send_group_msg', {});
    assert.match(r.json.message, /是 NapCat 的接口：Milky 中叫 `send_group_message`/);
  } finally { await ctx.server.close(); }
});

test('bad requests do not crash it: garbage, aborted bodies, half requests, bad URLs', async () => {
  const ctx = await start();
  try {
    const port = ctx.server.port;
    const raw = (bytes, wait = 300) => new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => s.write(bytes));
      let out = '';
      s.on('data', (d) => { out += d; });
      s.on('error', () => {});
      setTimeout(() => { s.destroy(); resolve(out); }, wait);
    });
    assert.match(await raw('\x00\x01\x02 garbage \r\n\r\n'), /^HTTP\/1\.1 400/);
    await raw('POST /api/send_group_message HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"group_id":', 100);
    await raw('GET /api/%E0%A4%A HTTP/1.1\r\nHost: x\r\n\r\n');
    assert.match(await raw('GET //\\\\..%00 HTTP/1.1\r\nHost: x\r\n\r\n'), /^HTTP\/1\.1 404/);
    await raw('POST /api/get_login_info HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', 200);
    // Deeply nested forward segments and arrays: a verdict, never a crash.
    const depth = 3000;
    const open = '[{"type":"forward","data":{"messages":[{"user_id":10001,"sender_name":"a","segments":';
    const nested = open.repeat(depth) + '[{"type":"text","data":{"text":"x"}}]' + '}]}}]'.repeat(depth);
    const deep = await post(ctx.url, 'send_group_message', `{"group_id":${G},"message":${nested}}`);
    assert.equal(deep.status, 200, deep.text.slice(0, 200));
    assert.match(failed(deep), /deeper than 64 levels/);
    const deepArray = await post(ctx.url, 'send_group_message', '['.repeat(200_000) + ']'.repeat(200_000));
    assert.ok([200, 400].includes(deepArray.status), deepArray.text.slice(0, 200));
    const r = await post(ctx.url, 'get_login_info', {});
    assert.equal(r.json.status, 'ok');
    assert.ok(ctx.lines.some((l) => /aborted|went away/.test(l)), 'an aborted body is logged');
  } finally { await ctx.server.close(); }
});

test('a flood of distinct bad paths keeps the summary bounded', async () => {
  const ctx = await start();
  try {
    for (let i = 0; i < 600; i += 50) await Promise.all(Array.from({ length: 50 }, (_, j) => fetch(`${ctx.url}/x${i + j}`).then((r) => r.text())));
    await post(ctx.url, `${'y'.repeat(5000)}`, {});
    const summary = ctx.server.summary().split('\n');
    assert.match(summary[0], /601 requests, 0 ok, 601 failed/);
    assert.ok(summary.length <= 502, `${summary.length} lines`);
    assert.ok(summary.some((l) => /\(other\): 0 ok, \d+ failed/.test(l)));
    assert.ok(summary.every((l) => l.length < 200));
  } finally { await ctx.server.close(); }
});
