// The segment rule and its fixes at real send sites (issue 10): what is reported, what the fix
// writes, and that every rewritten message passes the official @saltify/milky-types schemas.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import * as milky from '@saltify/milky-types';
import { core } from './helpers.mjs';

const segs = (text, lang = 'typescript') => core.analyze(text, lang).filter((f) => f.kind === 'segment');

function fixed(text, lang = 'typescript') {
  const r = core.fixFile(text, lang, core.analyze(text, lang));
  assert.equal(r.outcome, 'fixed', r.problem);
  return r.text;
}

/** The params object of the first call in `text`, evaluated (helper calls run the inserted helper). */
function paramsOf(text, lang = 'typescript') {
  if (lang === 'json') return JSON.parse(text).params;
  const sf = core.parseTypeScript(text, lang);
  let obj;
  const walk = (n) => { if (obj) return; if (n.arguments) for (const a of n.arguments) if (a.properties && !obj) obj = a; n.forEachChild((c) => walk(c)); };
  walk(sf);
  // The inserted helper, run as JavaScript (its generator's JS form is the same function without types).
  const js = /function cqToMilkySegments/.test(text) ? core.segments.cqHelperSource('js') : '';
  const v = vm.runInNewContext(`${js}\n(${text.slice(obj.getStart(sf), obj.end)})`, { uid: '10005', text: '[CQ:at,qq=10001] hi&#91;1&#93;', img: 'https://x/y.png' });
  // Out of the sandbox's realm, as plain data.
  return JSON.parse(JSON.stringify(v));
}

function assertMilky(params) {
  for (const s of params.message) {
    const r = milky.OutgoingSegment.safeParse(s);
    assert.ok(r.success, `OutgoingSegment ${JSON.stringify(s)}: ${r.error?.message}`);
  }
  const g = milky.SendGroupMessageInput.safeParse({ group_id: 123456789, message: params.message });
  assert.ok(g.success, `SendGroupMessageInput: ${g.error?.message}`);
}

describe('findings', () => {
  test('a CQ string: one finding per code, on its type; text between codes is not reported', () => {
    const text = "callApi('send_group_msg', { group_id: 1, message: '[CQ:at,qq=10001] 你好[CQ:face,id=76]' });";
    const f = segs(text);
    assert.deepEqual(f.map((x) => [x.napcat, x.milky, text.slice(x.start, x.end), x.form]), [['at', ['mention'], 'at', 'cq'], ['face', ['face'], 'face', 'cq']]);
  });

  test('a plain string: one text finding on its content; qq=all → mention_all', () => {
    assert.deepEqual(segs("callApi('send_private_msg', { user_id: 1, message: 'hi' });").map((x) => [x.napcat, x.milky, x.form]), [['text', ['text'], 'plain']]);
    assert.deepEqual(segs("callApi('send_group_msg', { group_id: 1, message: '[CQ:at,qq=all]' });").map((x) => x.milky), [['mention_all']]);
  });

  test('segment objects: the type value; already-Milky segments are not reported', () => {
    const text = "callApi('send_group_message', { group_id: 1, message: [{ type: 'mention', data: { user_id: 10001 } }, { type: 'face', data: { id: '1' } }] });";
    const f = segs(text);
    assert.deepEqual(f.map((x) => [x.napcat, text.slice(x.start, x.end)]), [['face', 'face']]);
  });

  test('Milky lacks a segment: warned with the reference alternative, no fix', () => {
    const text = "callApi('send_group_msg', { group_id: 1, message: '[CQ:dice]' });";
    const [f] = segs(text);
    assert.equal(f.problem, 'no-milky-segment');
    assert.deepEqual(f.milky, []);
    assert.deepEqual(core.fixesFor(f, text), []);
  });

  test('reply with a NapCat id and a variable image file are never mechanical', () => {
    assert.equal(segs("callApi('send_group_msg', { group_id: 1, message: '[CQ:reply,id=5]hi' });")[0].problem, 'needs-lookup');
    const t = "callApi('send_group_msg', { group_id: 1, message: `[CQ:image,file=${img}]` });";
    assert.equal(segs(t)[0].problem, 'variable-uri');
    assert.equal(fixed(t).includes('[CQ:image'), true);
  });

  test('a run-time string is an Information note (severityOf), a Koishi h.at stays unreported', () => {
    const [f] = segs("callApi('send_group_msg', { group_id: 1, message: text });");
    assert.equal(f.runtime, true);
    assert.equal(core.severityOf(f, 'warning'), 'information');
    assert.deepEqual(segs("session.send(h.at(uid)); callApi('get_status');"), []);
  });

  test('SDK builders only where node-napcat-ts is imported', () => {
    const call = "napcat.send_group_msg({ group_id: 1, message: [Structs.at(10001), Structs.text('x')] });";
    assert.deepEqual(segs(`import { Structs } from 'node-napcat-ts';\n${call}`).map((x) => [x.napcat, x.form]), [['at', 'builder'], ['text', 'builder']]);
    assert.deepEqual(segs(call), []);
  });
});

describe('fixes pass the official schemas', () => {
  const cases = [
    ['CQ string', "callApi('send_group_msg', { group_id: 1, message: '[CQ:at,qq=10001] 你好[CQ:face,id=76]' });",
      [{ type: 'mention', data: { user_id: 10001 } }, { type: 'text', data: { text: ' 你好' } }, { type: 'face', data: { face_id: '76' } }]],
    ['escapes decoded in a plain string', "callApi('send_group_msg', { group_id: 1, message: 'a &#91;b&#93; &amp; c' });", [{ type: 'text', data: { text: 'a [b] & c' } }]],
    ['escapes in a param', "callApi('send_group_msg', { group_id: 1, message: '[CQ:image,file=https://x/a&#44;b.png]' });", [{ type: 'image', data: { uri: 'https://x/a,b.png' } }]],
    ['qq=all', "callApi('send_group_msg', { group_id: 1, message: '[CQ:at,qq=all]' });", [{ type: 'mention_all', data: {} }]],
    ['template with a user id', "callApi('send_group_msg', { group_id: 1, message: `[CQ:at,qq=${uid}] hi` });", [{ type: 'mention', data: { user_id: 10005 } }, { type: 'text', data: { text: ' hi' } }]],
    ['segment objects', "callApi('send_group_msg', { group_id: 1, message: [{ type: 'at', data: { qq: '10003' } }, { type: 'text', data: { text: 'x' } }] });", [{ type: 'mention', data: { user_id: 10003 } }, { type: 'text', data: { text: 'x' } }]],
    ['one segment object', "callApi('send_group_msg', { group_id: 1, message: { type: 'at', data: { qq: 'all' } } });", [{ type: 'mention_all', data: {} }]],
    ['qq expression', "callApi('send_group_msg', { group_id: 1, message: [{ type: 'at', data: { qq: uid } }] });", [{ type: 'mention', data: { user_id: 10005 } }]],
    ['auto_escape: true', "callApi('send_group_msg', { group_id: 1, message: '[CQ:at,qq=1] &#91;', auto_escape: true });", [{ type: 'text', data: { text: '[CQ:at,qq=1] &#91;' } }]],
    ['run-time string', "callApi('send_group_msg', { group_id: 1, message: text });", [{ type: 'mention', data: { user_id: 10001 } }, { type: 'text', data: { text: ' hi[1]' } }]],
    ['run-time with auto_escape', "callApi('send_group_msg', { group_id: 1, message: text, auto_escape: true });", [{ type: 'text', data: { text: '[CQ:at,qq=10001] hi&#91;1&#93;' } }]],
    ['a Milky send with a CQ string', "callApi('send_group_message', { group_id: 1, message: '[CQ:at,qq=10001]' });", [{ type: 'mention', data: { user_id: 10001 } }]],
  ];
  for (const [name, text, want] of cases) {
    test(name, () => {
      const out = fixed(text);
      const params = paramsOf(out);
      assert.deepEqual(params.message, want);
      assertMilky(params);
      assert.equal('auto_escape' in params, false, 'auto_escape dropped');
      // Idempotent: a second fix changes nothing.
      assert.equal(core.fixFile(out, 'typescript', core.analyze(out, 'typescript')).outcome, 'unchanged');
      assert.equal(core.parseProblem(out, 'typescript'), undefined);
    });
  }

  test('the file quote style is kept', () => {
    const out = fixed('callApi("send_group_msg", { group_id: 1, message: "[CQ:face,id=1]" });');
    assert.match(out, /\[\{ type: "face", data: \{ face_id: "1" \} \}\]/);
  });

  test('JSON: JSON out', () => {
    const text = '{ "action": "send_group_msg", "params": { "group_id": 1, "message": "[CQ:at,qq=10001]hi" } }\n';
    const out = fixed(text, 'json');
    const params = paramsOf(out, 'json');
    assert.deepEqual(params.message, [{ type: 'mention', data: { user_id: 10001 } }, { type: 'text', data: { text: 'hi' } }]);
    assertMilky(params);
  });

  test('the helper is inserted once, in the file language, and never twice', () => {
    const text = "callApi('send_group_msg', { group_id: 1, message: text });\ncallApi('send_private_msg', { user_id: 2, message: other });\n";
    const ts = fixed(text);
    assert.equal(ts.match(/function cqToMilkySegments/g).length, 1);
    assert.match(ts, /function cqToMilkySegments\(text: string\)/);
    const js = fixed(text, 'javascript');
    assert.match(js, /function cqToMilkySegments\(text\) \{/);
    assert.equal(core.fixFile(ts, 'typescript', core.analyze(ts, 'typescript')).outcome, 'unchanged');
  });

  test('a node list becomes one forward segment', () => {
    const text = "callApi('send_group_msg', { group_id: 1, message: [{ type: 'node', data: { user_id: '10001', nickname: 'a', content: '[CQ:face,id=1]' } }] });";
    const params = paramsOf(fixed(text));
    assert.equal(params.message[0].type, 'forward');
    assertMilky(params);
  });
});
