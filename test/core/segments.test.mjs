// Message migration building blocks: the segment table, the CQ parser, OneBot → Milky conversion,
// rendering and the run-time helper. Every fixed output is evaluated and checked with the OFFICIAL
// @saltify/milky-types schemas (OutgoingSegment per segment, Send*MessageInput per message).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as milky from '@saltify/milky-types';
import { core, require, ROOT } from './helpers.mjs';

const seg = core.segments;
const ts = require('typescript');
const reference = JSON.parse(readFileSync(path.join(ROOT, 'data/reference/protocol/segments.json'), 'utf8'));

// ---------- checks against the official schemas ----------

/** Every key we wrote must survive parsing (zod objects strip unknown keys silently). */
function assertKept(input, parsed, where) {
  if (Array.isArray(input)) { input.forEach((x, i) => assertKept(x, parsed[i], `${where}[${i}]`)); return; }
  if (input && typeof input === 'object') {
    for (const k of Object.keys(input)) {
      assert.ok(parsed && Object.prototype.hasOwnProperty.call(parsed, k), `${where}.${k} was stripped by the schema`);
      assertKept(input[k], parsed[k], `${where}.${k}`);
    }
    return;
  }
  assert.deepEqual(parsed, input, where);
}

/** A Milky message: each segment with OutgoingSegment, the whole with both send inputs. */
function assertMilky(message) {
  assert.ok(Array.isArray(message), 'message is an array');
  message.forEach((s, i) => {
    const r = milky.OutgoingSegment.safeParse(s);
    assert.ok(r.success, `segment ${i} ${JSON.stringify(s)}: ${r.error?.message}`);
    assertKept(s, r.data, `segment ${i}`);
  });
  const g = milky.SendGroupMessageInput.safeParse({ group_id: 123456789, message });
  assert.ok(g.success, `SendGroupMessageInput: ${g.error?.message}`);
  const p = milky.SendPrivateMessageInput.safeParse({ user_id: 10001, message });
  assert.ok(p.success, `SendPrivateMessageInput: ${p.error?.message}`);
  return message;
}

/** Evaluates a rendered TS/JS literal with sample bindings for its expressions. */
function evaluate(text, bindings = {}) {
  assert.doesNotMatch(text, /\bas const\b|\bsatisfies\b/);
  return new Function(...Object.keys(bindings), `return (${text});`)(...Object.values(bindings));
}

/** A converted message rendered in both quote styles and as JSON, each evaluated and validated; returns the value. */
function fixed(result, bindings = {}) {
  assert.equal(result.ok, true, `not mechanical: ${JSON.stringify(result.parts.filter((p) => !p.ok).map((p) => [p.napcat, p.reason, p.field]))}`);
  const single = evaluate(seg.renderSegmentsTs(result.segments, "'"), bindings);
  const double = evaluate(seg.renderSegmentsTs(result.segments, '"'), bindings);
  assert.deepEqual(double, single);
  assertMilky(single);
  const json = seg.renderSegmentsJson(result.segments);
  if (json.ok) assert.deepEqual(assertMilky(JSON.parse(json.text)), single);
  else assert.equal(Object.keys(bindings).length > 0 || /\(|`/.test(seg.renderSegmentsTs(result.segments, "'")), true);
  return single;
}

const cq = (text) => seg.convertCqString(text);
const fixCq = (text) => fixed(cq(text));
function notMechanical(result, reason, napcat) {
  assert.equal(result.ok, false);
  const bad = result.parts.filter((p) => !p.ok);
  assert.ok(bad.some((p) => p.reason === reason && (napcat === undefined || p.napcat === napcat)), `${reason} expected, got ${JSON.stringify(bad.map((p) => [p.napcat, p.reason, p.field]))}`);
  return bad.find((p) => p.reason === reason);
}

// ---------- the table ----------

describe('segment table', () => {
  test('its Milky types are exactly the official OutgoingSegment types', () => {
    const official = milky.OutgoingSegment.options.map((o) => o.shape.type.value);
    assert.deepEqual([...seg.segmentTable.milkyOutgoing].sort(), [...official].sort());
    assert.deepEqual([...seg.MILKY_TYPES].sort(), [...official].sort());
    for (const [type, rule] of Object.entries(seg.segmentTable.types)) for (const m of rule.milky) assert.ok(official.includes(m), `${type} → ${m}`);
  });
  test('every OneBot/NapCat type of the reference is in it, with the send verdict', () => {
    const verdicts = Object.fromEntries(reference.type_summary.filter((v) => v.direction === 'send').map((v) => [v.onebot_type, v.verdict]));
    for (const s of reference.onebot_segments) assert.ok(seg.typeRuleOf(s.type.replace(/ \(.*\)$/, '')), s.type);
    for (const [name, status] of [['text', 'mechanical'], ['at', 'mechanical'], ['face', 'mechanical'], ['image', 'mechanical'], ['reply', 'needs-lookup'], ['json', 'mechanical'], ['rps', 'none'], ['file', 'none'], ['forward', 'none']]) {
      assert.equal(seg.typeRuleOf(name).status, status, name);
    }
    assert.equal(verdicts['node (custom)'], seg.typeRuleOf('node').status);
  });
  test('escapes are the reference\'s', () => {
    const f = reference.cq_code.onebot_string_format;
    assert.deepEqual(Object.fromEntries(seg.segmentTable.escapes.text), f.escape_text);
    assert.deepEqual(Object.fromEntries(seg.segmentTable.escapes.param), f.escape_param_values);
  });
  test('the loader refuses a table of the wrong shape', () => {
    const good = JSON.parse(readFileSync(path.join(ROOT, 'server/src/core/catalog/segments.generated.json'), 'utf8'));
    assert.doesNotThrow(() => seg.parseSegmentTable(good));
    const bad = (edit) => { const t = structuredClone(good); edit(t); assert.throws(() => seg.parseSegmentTable(t), /segments.generated.json: bad/); };
    bad((t) => { t.types.at.fields.qq.transform = 'magic'; });
    bad((t) => { t.types.at.milky = ['at']; });
    bad((t) => { t.types.face.status = 'maybe'; });
    bad((t) => { t.escapes.text = 'x'; });
    bad((t) => { t.types.image.fields.sub_type.values = null; });
    bad((t) => { delete t.types; });
  });
  test('unknown and prototype names are not types', () => {
    assert.equal(seg.typeRuleOf('toString'), undefined);
    assert.equal(seg.typeRuleOf('nope'), undefined);
  });
});

// ---------- the CQ parser ----------

describe('parseCq', () => {
  test('text runs and codes with their ranges', () => {
    const text = 'hi [CQ:at,qq=10001] x[CQ:face,id=76]';
    const parts = seg.parseCq(text);
    assert.deepEqual(parts.map((p) => p.kind), ['text', 'code', 'text', 'code']);
    const [t0, at, t1, face] = parts;
    assert.equal(text.slice(t0.range.start, t0.range.end), 'hi ');
    assert.equal(text.slice(at.range.start, at.range.end), '[CQ:at,qq=10001]');
    assert.equal(text.slice(at.typeRange.start, at.typeRange.end), 'at');
    assert.equal(at.params[0].key, 'qq');
    assert.equal(text.slice(at.params[0].keyRange.start, at.params[0].keyRange.end), 'qq');
    assert.equal(text.slice(at.params[0].valueRange.start, at.params[0].valueRange.end), '10001');
    assert.equal(t1.text, ' x');
    assert.equal(face.type, 'face');
    assert.equal(text.slice(face.params[0].valueRange.start, face.params[0].valueRange.end), '76');
  });
  test('several params, an empty value, a repeated key', () => {
    const text = '[CQ:image,file=a.png,summary=,sub_type=1,summary=x]';
    const [c] = seg.parseCq(text);
    assert.deepEqual(c.params.map((p) => [p.key, p.value, text.slice(p.valueRange.start, p.valueRange.end)]), [['file', 'a.png', 'a.png'], ['summary', '', ''], ['sub_type', '1', '1'], ['summary', 'x', 'x']]);
  });
  test('text escapes: &amp; &#91; &#93; decoded; &#44; stays in text', () => {
    const [t] = seg.parseCq('a&amp;b&#91;c&#93;d&#44;e');
    assert.equal(t.text, 'a&b[c]d&#44;e');
  });
  test('param escapes: also &#44;', () => {
    const [c] = seg.parseCq('[CQ:image,file=https://x/y?a=1&amp;b=&#91;2&#93;&#44;3]');
    assert.equal(c.params[0].value, 'https://x/y?a=1&b=[2],3');
  });
  test('decoding is one pass: &amp;#91; is the text &#91;', () => {
    assert.equal(seg.parseCq('&amp;#91;')[0].text, '&#91;');
    assert.equal(seg.decodeCqParam('&amp;#44;'), '&#44;');
  });
  test('malformed codes are text', () => {
    for (const s of ['[CQ:at,qq=1', '[CQ:at,qq]', '[CQ:]', '[CQ:at qq=1]', '[CQ:at,qq=1,]', '[CQ:at,q-q=1]', '[cq:at,qq=1]', '[CQ:at,qq=1', 'x]', '[']) {
      const parts = seg.parseCq(s);
      assert.equal(parts.length, 1, s);
      assert.equal(parts[0].kind, 'text', s);
      assert.equal(seg.hasCqCode(s), false, s);
    }
    // NapCat's grammar lets `[` into a value: an unclosed code swallows the next one's head.
    const parts = seg.parseCq('[CQ:at,qq=1 [CQ:face,id=2]');
    assert.deepEqual(parts.map((p) => [p.kind, p.type, p.params.map((x) => [x.key, x.value])]), [['code', 'at', [['qq', '1 [CQ:face'], ['id', '2']]]]);
  });
  test('a code with no params; `[` inside a value', () => {
    assert.equal(seg.parseCq('[CQ:shake]')[0].type, 'shake');
    assert.equal(seg.parseCq('[CQ:text,text=a[b]')[0].params[0].value, 'a[b');
  });
  test('escape and decode round-trip', () => {
    const samples = ['', '&', '[]', ',', '&amp;', 'a[b]c,d&e', '&#91;&#93;&#44;', '你好 [CQ:at,qq=1]'];
    for (const s of samples) {
      assert.equal(seg.decodeCqText(seg.escapeCqText(s)), s);
      assert.equal(seg.decodeCqParam(seg.escapeCqParam(s)), s);
      assert.doesNotMatch(seg.escapeCqParam(s), /[[\],]/);
      // Encoded text never forms a code, so it parses back to one text run.
      const parts = seg.parseCq(seg.escapeCqText(s));
      assert.equal(parts.map((p) => p.text).join(''), s);
    }
    const segs = [{ type: 'text', data: { text: 'a [x], & y' } }, { type: 'image', data: { file: 'https://h/p?a=1&b=[2],3' } }];
    const parts = seg.parseCq(seg.encodeCq(segs));
    assert.equal(parts[0].text, 'a [x], & y');
    assert.equal(parts[1].params[0].value, 'https://h/p?a=1&b=[2],3');
  });
});

// ---------- conversion per type and field ----------

describe('CQ string → Milky segments', () => {
  test('the issue\'s example, exactly', () => {
    const r = cq('[CQ:at,qq=10001] 你好[CQ:face,id=76]');
    assert.equal(seg.renderSegmentsTs(r.segments, "'"), "[{ type: 'mention', data: { user_id: 10001 } }, { type: 'text', data: { text: ' 你好' } }, { type: 'face', data: { face_id: '76' } }]");
    fixed(r);
    assert.deepEqual(r.parts.map((p) => [p.napcat, p.milky, p.typeRange]), [
      ['at', ['mention'], { start: 4, end: 6 }],
      ['text', ['text'], { start: 16, end: 19 }],
      ['face', ['face'], { start: 23, end: 27 }],
    ]);
  });
  test('at: qq → user_id (number), qq=all → mention_all, name dropped', () => {
    assert.deepEqual(fixCq('[CQ:at,qq=10001]'), [{ type: 'mention', data: { user_id: 10001 } }]);
    assert.deepEqual(fixCq('[CQ:at,qq=4294967295,name=Bob]'), [{ type: 'mention', data: { user_id: 4294967295 } }]);
    assert.deepEqual(fixCq('[CQ:at,qq=all]'), [{ type: 'mention_all', data: {} }]);
    assert.deepEqual(cq('[CQ:at,qq=all]').parts[0].milky, ['mention_all']);
    assert.deepEqual(cq('[CQ:at,qq=10001,name=Bob]').parts[0].dropped, ['name']);
    assert.deepEqual(notMechanical(cq('[CQ:at,qq=1]'), 'bad-user-id').milky, ['mention', 'mention_all']);
    for (const bad of ['abc', '123', '4294967296', '1e5', '-10001', '', ' 10001', '0x2711']) notMechanical(cq(`[CQ:at,qq=${bad}]`), 'bad-user-id', 'at');
    notMechanical(cq('[CQ:at]'), 'missing-field', 'at');
  });
  test('face: id → face_id (string); NapCat resultId/chainCount dropped', () => {
    assert.deepEqual(fixCq('[CQ:face,id=76]'), [{ type: 'face', data: { face_id: '76' } }]);
    const r = cq('[CQ:face,id=358,resultId=3,chainCount=2]');
    assert.deepEqual(fixed(r), [{ type: 'face', data: { face_id: '358' } }]);
    assert.deepEqual(r.parts[0].dropped, ['resultId', 'chainCount']);
    notMechanical(cq('[CQ:face]'), 'missing-field', 'face');
  });
  test('image/record/video: file → uri for URLs, file://, base64:// and absolute paths', () => {
    for (const type of ['image', 'record', 'video']) {
      for (const [file, uri] of [
        ['https://example.com/a.png', 'https://example.com/a.png'],
        ['http://example.com/a.png', 'http://example.com/a.png'],
        ['file:///tmp/a.png', 'file:///tmp/a.png'],
        ['base64://iVBORw0KGgo=', 'base64://iVBORw0KGgo='],
        ['/srv/bot/my pic#1?.png', 'file:///srv/bot/my%20pic%231%3F.png'],
        ['C:\\bot\\a b.png', 'file:///C:/bot/a%20b.png'],
      ]) {
        assert.deepEqual(fixCq(`[CQ:${type},file=${seg.escapeCqParam(file)}]`), [{ type, data: { uri } }], `${type} ${file}`);
      }
      for (const file of ['a.png', './a.png', 'abc123.image', '']) notMechanical(cq(`[CQ:${type},file=${file}]`), 'not-a-uri', type);
      notMechanical(cq(`[CQ:${type},name=x]`), 'missing-field', type);
    }
  });
  test('image: sub_type 0/1 → normal/sticker, summary kept, flash/name/download options dropped', () => {
    const r = cq('[CQ:image,file=https://h/a.png,sub_type=1,summary=[图片],type=flash,name=a.png,cache=0,proxy=1,timeout=5]'.replace('[图片]', '&#91;图片&#93;'));
    assert.deepEqual(fixed(r), [{ type: 'image', data: { uri: 'https://h/a.png', sub_type: 'sticker', summary: '[图片]' } }]);
    assert.deepEqual(r.parts[0].dropped.sort(), ['cache', 'name', 'proxy', 'timeout', 'type']);
    assert.deepEqual(fixCq('[CQ:image,file=https://h/a.png,sub_type=0]'), [{ type: 'image', data: { uri: 'https://h/a.png', sub_type: 'normal' } }]);
    notMechanical(cq('[CQ:image,file=https://h/a.png,sub_type=7]'), 'bad-value', 'image');
  });
  test('record: magic dropped; video: thumb → thumb_uri', () => {
    assert.deepEqual(fixCq('[CQ:record,file=https://h/a.amr,magic=1]'), [{ type: 'record', data: { uri: 'https://h/a.amr' } }]);
    assert.deepEqual(fixCq('[CQ:video,file=https://h/a.mp4,thumb=https://h/a.jpg]'), [{ type: 'video', data: { uri: 'https://h/a.mp4', thumb_uri: 'https://h/a.jpg' } }]);
    notMechanical(cq('[CQ:video,file=https://h/a.mp4,thumb=a.jpg]'), 'not-a-uri', 'video');
  });
  test('reply: a NapCat id needs a lookup; NapCat seq → message_seq', () => {
    const r = notMechanical(cq('[CQ:reply,id=123456]hi'), 'needs-lookup', 'reply');
    assert.equal(r.field, 'id');
    assert.deepEqual(r.milky, ['reply']);
    assert.ok(r.alternative);
    notMechanical(cq('[CQ:reply,id=1,seq=2]'), 'needs-lookup', 'reply');
    assert.deepEqual(fixCq('[CQ:reply,seq=42]hi'), [{ type: 'reply', data: { message_seq: 42 } }, { type: 'text', data: { text: 'hi' } }]);
    notMechanical(cq('[CQ:reply,seq=x]'), 'bad-value', 'reply');
    notMechanical(cq('[CQ:reply]'), 'missing-field', 'reply');
  });
  test('json: data → light_app.json_payload; NapCat lightapp/miniapp alike', () => {
    const payload = '{"app":"com.tencent.x","view":[1,2]}';
    assert.deepEqual(fixCq(`[CQ:json,data=${seg.escapeCqParam(payload)}]`), [{ type: 'light_app', data: { json_payload: payload } }]);
    assert.deepEqual(fixCq('[CQ:lightapp,data={}]'), [{ type: 'light_app', data: { json_payload: '{}' } }]);
    assert.deepEqual(fixCq('[CQ:miniapp,data={}]'), [{ type: 'light_app', data: { json_payload: '{}' } }]);
  });
  test('text: runs decoded; a CQ text code too', () => {
    assert.deepEqual(fixCq('a&#91;1&#93;&amp;b[CQ:text,text=c&#44;d]'), [{ type: 'text', data: { text: 'a[1]&b' } }, { type: 'text', data: { text: 'c,d' } }]);
  });
  test('types Milky lacks: not mechanical, no Milky type, the reference\'s alternative', () => {
    const lacking = ['rps', 'dice', 'shake', 'poke', 'anonymous', 'share', 'contact', 'location', 'music', 'markdown', 'xml', 'file', 'mface', 'forward', 'onlinefile', 'flashtransfer'];
    for (const type of lacking) {
      const r = notMechanical(cq(`hi [CQ:${type},id=1]`), 'no-milky-segment', type);
      assert.deepEqual(r.milky, [], type);
      assert.equal(r.alternative, seg.typeRuleOf(type).alternative, type);
    }
    for (const type of ['rps', 'dice', 'shake', 'poke', 'share', 'music', 'file', 'forward']) assert.ok(seg.typeRuleOf(type).alternative, `${type} has an alternative`);
    for (const type of ['anonymous', 'contact', 'xml', 'mface']) assert.ok(seg.typeRuleOf(type).note, `${type} has a note`);
  });
  test('an unknown type is not mechanical; odd keys are only keys', () => {
    notMechanical(cq('[CQ:sparkle,x=1]'), 'unknown-type', 'sparkle');
    notMechanical(cq('[CQ:toString,x=1]'), 'unknown-type', 'toString');
    const r = cq('[CQ:at,__proto__=1,qq=10001,constructor=2]');
    assert.deepEqual(fixed(r), [{ type: 'mention', data: { user_id: 10001 } }]);
    assert.deepEqual(r.parts[0].dropped.sort(), ['__proto__', 'constructor']);
    assert.deepEqual(fixed(seg.convertJsonMessage(JSON.parse('[{"type":"face","data":{"__proto__":{"x":1},"id":"5"}}]'))), [{ type: 'face', data: { face_id: '5' } }]);
  });
  test('a plain string is one text segment, escapes decoded; auto_escape keeps it as is', () => {
    const r = cq('see &#91;docs&#93; &amp; more, ok');
    assert.deepEqual(fixed(r), [{ type: 'text', data: { text: 'see [docs] & more, ok' } }]);
    assert.deepEqual(r.parts.map((p) => [p.napcat, p.milky, p.typeRange]), [['text', ['text'], { start: 0, end: 33 }]]);
    const plain = seg.convertPlainString('[CQ:at,qq=10001] &#91;');
    assert.deepEqual(fixed(plain), [{ type: 'text', data: { text: '[CQ:at,qq=10001] &#91;' } }]);
    assert.deepEqual(fixed(cq('')), [{ type: 'text', data: { text: '' } }]);
  });
  test('ranges map through the caller\'s offset map (a literal with escapes)', () => {
    // Source `'it\'s [CQ:at,qq=10001]'`: cooked offset i ≥ 2 sits at i + 2 in the file (quote + backslash).
    const source = "'it\\'s [CQ:at,qq=10001]'";
    const r = seg.convertCqString("it's [CQ:at,qq=10001]", (o) => (o <= 2 ? o + 1 : o + 2));
    const at = r.parts.find((p) => p.napcat === 'at');
    assert.equal(source.slice(at.typeRange.start, at.typeRange.end), 'at');
    assert.equal(source.slice(at.range.start, at.range.end), '[CQ:at,qq=10001]');
  });
});

// ---------- template literals ----------

/** Splits a template literal's source into quasis with offset maps and expression ranges (no escapes in the tests). */
function template(source) {
  const quasis = [];
  const exprs = [];
  let i = source.indexOf('`') + 1;
  let start = i;
  for (;;) {
    const sub = source.indexOf('${', i);
    const end = source.indexOf('`', i);
    if (sub < 0 || end < sub) { const s = start; quasis.push({ text: source.slice(start, end), at: (o) => s + o }); break; }
    const s = start;
    quasis.push({ text: source.slice(start, sub), at: (o) => s + o });
    const close = source.indexOf('}', sub);
    exprs.push({ text: source.slice(sub + 2, close), range: { start: sub, end: close + 1 } });
    i = start = close + 1;
  }
  return { quasis, exprs };
}
const tpl = (source, autoEscape) => { const t = template(source); return seg.convertTemplateString(t.quasis, t.exprs, autoEscape); };

describe('template literal → Milky segments', () => {
  test('a user id substitution → Number(expr), with ranges in the file', () => {
    const source = 'bot.send_group_msg({ group_id: 1, message: `[CQ:at,qq=${uid}] 你好[CQ:face,id=${face}]` })';
    const r = tpl(source);
    assert.equal(seg.renderSegmentsTs(r.segments, "'"), "[{ type: 'mention', data: { user_id: Number(uid) } }, { type: 'text', data: { text: ' 你好' } }, { type: 'face', data: { face_id: String(face) } }]");
    assert.deepEqual(fixed(r, { uid: '10001', face: 76 }), [{ type: 'mention', data: { user_id: 10001 } }, { type: 'text', data: { text: ' 你好' } }, { type: 'face', data: { face_id: '76' } }]);
    assert.deepEqual(r.parts.map((p) => source.slice(p.typeRange.start, p.typeRange.end)), ['at', ' 你好', 'face']);
    assert.equal(source.slice(r.parts[0].range.start, r.parts[0].range.end), '[CQ:at,qq=${uid}]');
    assert.equal(seg.renderSegmentsJson(r.segments).ok, false);
  });
  test('a numeric literal substitution stays a number', () => {
    const r = tpl('`[CQ:at,qq=${10001}]`');
    assert.equal(seg.renderSegmentsTs(r.segments, "'"), "[{ type: 'mention', data: { user_id: 10001 } }]");
    fixed(r);
  });
  test('a substitution in text keeps a template literal (plain text)', () => {
    const r = tpl('`hello ${name}, [CQ:at,qq=10001] &#91;${n}&#93; `x`');
    assert.equal(r.ok, true);
    assert.deepEqual(fixed(r, { name: 'Bob', n: 3 }), [{ type: 'text', data: { text: 'hello Bob, ' } }, { type: 'mention', data: { user_id: 10001 } }, { type: 'text', data: { text: ' [3] ' } }]);
    assert.deepEqual(r.parts.map((p) => p.substitutedText), [true, false, true]);
    assert.equal(tpl('`[CQ:at,qq=10001] hi`').parts[1].substitutedText, false);
    const only = tpl('`${name}`');
    assert.equal(seg.renderSegmentsTs(only.segments, "'"), "[{ type: 'text', data: { text: String(name) } }]");
    fixed(only, { name: 'Bob' });
  });
  test('an image file substitution is mechanical only behind a literal scheme', () => {
    notMechanical(tpl('`[CQ:image,file=${path}]`'), 'variable-uri', 'image');
    notMechanical(tpl('`[CQ:image,file=./${path}]`'), 'variable-uri', 'image');
    const r = tpl('`[CQ:image,file=https://img.example/${id}.png]`');
    assert.deepEqual(fixed(r, { id: 7 }), [{ type: 'image', data: { uri: 'https://img.example/7.png' } }]);
  });
  test('a substitution in a CQ type or key is not mechanical, with the code\'s range', () => {
    const source = '`a [CQ:${kind},qq=1] b`';
    const r = tpl(source);
    const d = notMechanical(r, 'dynamic-cq');
    assert.equal(source.slice(d.range.start, d.range.end), '[CQ:${kind},qq=1]');
    const k = notMechanical(tpl('`[CQ:at,${key}=10001]`'), 'dynamic-cq', 'at');
    assert.equal(k.napcat, 'at');
  });
  test('reply id substitution needs a lookup; auto_escape makes the template plain text', () => {
    notMechanical(tpl('`[CQ:reply,id=${msgId}]ok`'), 'needs-lookup', 'reply');
    const plain = tpl('`[CQ:at,qq=${uid}] &#91;`', true);
    assert.deepEqual(fixed(plain, { uid: 10001 }), [{ type: 'text', data: { text: '[CQ:at,qq=10001] &#91;' } }]);
    assert.equal(plain.parts[0].substitutedText, false);
  });
  test('expressions with a top-level comma keep their meaning', () => {
    const r = seg.convertMessage([{ type: 'text', data: { text: { kind: 'expr', text: 'a, b' } } }]);
    assert.equal(seg.renderSegmentsTs(r.segments, "'"), "[{ type: 'text', data: { text: (a, b) } }]");
    fixed(r, { a: 'x', b: 'y' });
  });
});

// ---------- OneBot segment objects ----------

const lit = (value) => ({ kind: 'literal', value });
const expr = (text) => ({ kind: 'expr', text });
const one = (type, data) => seg.convertMessage([{ type, data }]);

describe('OneBot segment objects → Milky segments', () => {
  test('at: qq string literal → number, qq expr → Number(expr), qq all → mention_all', () => {
    assert.deepEqual(fixed(one('at', { qq: lit('10003') })), [{ type: 'mention', data: { user_id: 10003 } }]);
    assert.deepEqual(fixed(one('at', { qq: lit(10003) })), [{ type: 'mention', data: { user_id: 10003 } }]);
    const r = one('at', { qq: expr('ctx.userId') });
    assert.equal(seg.renderSegmentsTs(r.segments, '"'), '[{ type: "mention", data: { user_id: Number(ctx.userId) } }]');
    assert.deepEqual(fixed(r, { ctx: { userId: '10005' } }), [{ type: 'mention', data: { user_id: 10005 } }]);
    assert.deepEqual(fixed(one('at', { qq: expr('10004') })), [{ type: 'mention', data: { user_id: 10004 } }]);
    assert.deepEqual(fixed(one('at', { qq: lit('all') })), [{ type: 'mention_all', data: {} }]);
  });
  test('face: id number or expr → string', () => {
    assert.deepEqual(fixed(one('face', { id: lit(76) })), [{ type: 'face', data: { face_id: '76' } }]);
    assert.deepEqual(fixed(one('face', { id: expr('faceId') }), { faceId: 14 }), [{ type: 'face', data: { face_id: '14' } }]);
  });
  test('image: literal URI → uri; an expression is not mechanical', () => {
    assert.deepEqual(fixed(one('image', { file: lit('base64://AAAA'), sub_type: lit(0), summary: expr('alt') }), { alt: 'pic' }), [{ type: 'image', data: { uri: 'base64://AAAA', sub_type: 'normal', summary: 'pic' } }]);
    notMechanical(one('image', { file: expr('url') }), 'variable-uri', 'image');
    notMechanical(one('image', { file: lit(42) }), 'not-a-uri', 'image');
    notMechanical(one('image', { file: lit('https://a/b'), sub_type: expr('t') }), 'variable-value', 'image');
  });
  test('text: literal as is (no CQ decoding), expression inserted', () => {
    assert.deepEqual(fixed(one('text', { text: lit('&#91;x&#93;') })), [{ type: 'text', data: { text: '&#91;x&#93;' } }]);
    assert.deepEqual(fixed(one('text', { text: expr('msg') }), { msg: 'hi' }), [{ type: 'text', data: { text: 'hi' } }]);
    assert.deepEqual(fixed(one('text', { text: lit(5) })), [{ type: 'text', data: { text: '5' } }]);
  });
  test('json: an object literal becomes its JSON text; an expression is not mechanical', () => {
    assert.deepEqual(fixed(one('json', { data: lit({ app: 'x', n: [1] }) })), [{ type: 'light_app', data: { json_payload: '{"app":"x","n":[1]}' } }]);
    notMechanical(one('json', { data: expr('card') }), 'variable-value', 'json');
  });
  test('reply: id (literal or expr) needs a lookup; seq is mechanical', () => {
    notMechanical(one('reply', { id: lit('99') }), 'needs-lookup', 'reply');
    notMechanical(one('reply', { id: expr('e.message_id') }), 'needs-lookup', 'reply');
    assert.deepEqual(fixed(one('reply', { seq: expr('e.message_seq') }), { e: { message_seq: 7 } }), [{ type: 'reply', data: { message_seq: 7 } }]);
  });
  test('JSON-file messages: one segment object or an array', () => {
    const r = seg.convertJsonMessage({ type: 'at', data: { qq: '10001' } });
    assert.deepEqual(fixed(r), [{ type: 'mention', data: { user_id: 10001 } }]);
    const arr = seg.convertJsonMessage([{ type: 'text', data: { text: 'a' } }, { type: 'face', data: { id: '1' } }, { type: 'at', data: { qq: 'all' } }]);
    assert.deepEqual(fixed(arr), [{ type: 'text', data: { text: 'a' } }, { type: 'face', data: { face_id: '1' } }, { type: 'mention_all', data: {} }]);
    assert.equal(seg.convertJsonMessage(42), null);
    assert.equal(seg.convertJsonMessage([{ data: {} }]), null);
    assert.deepEqual(fixed(seg.convertJsonMessage('[CQ:at,qq=10001]')), [{ type: 'mention', data: { user_id: 10001 } }]);
  });
});

// ---------- forward nodes ----------

describe('node list → one forward segment', () => {
  const node = (data) => ({ type: 'node', data });
  test('custom nodes with CQ, array and pre-split content', () => {
    const r = seg.convertMessage([
      node({ user_id: lit('10001'), nickname: lit('Alice'), content: lit('[CQ:face,id=1] hi'), time: lit(1) }),
      node({ uin: expr('botId'), name: expr('botName'), content: lit([{ type: 'at', data: { qq: 'all' } }]) }),
      node({ user_id: lit(10002), nickname: lit('Bob'), content: { kind: 'message', segments: seg.onebotSegmentsFromCqText('[CQ:image,file=https://h/a.png]') }, source: lit('Chat log'), news: lit([{ text: 'Alice: hi' }]), summary: lit('2 messages'), prompt: lit('[log]') }),
    ]);
    const out = fixed(r, { botId: '10003', botName: 'Bot' });
    assert.deepEqual(out, [{
      type: 'forward',
      data: {
        messages: [
          { user_id: 10001, sender_name: 'Alice', segments: [{ type: 'face', data: { face_id: '1' } }, { type: 'text', data: { text: ' hi' } }] },
          { user_id: 10003, sender_name: 'Bot', segments: [{ type: 'mention_all', data: {} }] },
          { user_id: 10002, sender_name: 'Bob', segments: [{ type: 'image', data: { uri: 'https://h/a.png' } }] },
        ],
        title: 'Chat log', preview: ['Alice: hi'], summary: '2 messages', prompt: '[log]',
      },
    }]);
    assert.deepEqual(r.parts.map((p) => [p.napcat, p.milky, p.kind]), [['node', ['forward'], 'node'], ['node', ['forward'], 'node'], ['node', ['forward'], 'node']]);
    assert.deepEqual(r.parts[0].inner.map((p) => p.napcat), ['face', 'text']);
  });
  test('send_*_forward_msg params (source, news, summary, prompt) win over the nodes\' own', () => {
    const nodes = [node({ user_id: lit(10001), nickname: lit('A'), content: lit('x'), source: lit('node title') })];
    const r = seg.convertMessage(nodes, { forward: { source: lit('Log'), news: lit([{ text: 'a' }, { text: 'b' }]), summary: expr('sum'), prompt: lit('p'), messages: expr('ignored'), group_id: lit(1) } });
    assert.deepEqual(fixed(r, { sum: 's' })[0].data, { messages: [{ user_id: 10001, sender_name: 'A', segments: [{ type: 'text', data: { text: 'x' } }] }], title: 'Log', preview: ['a', 'b'], summary: 's', prompt: 'p' });
    const bad = seg.convertMessage(nodes, { forward: { news: expr('lines') } });
    assert.deepEqual([bad.ok, bad.reason, bad.field, bad.fieldReason], [false, 'forward-param', 'news', 'variable-value']);
    assert.equal(seg.convertMessage(nodes, { forward: { news: lit([1, 2, 3, 4, 5].map((n) => ({ text: String(n) }))) } }).fieldReason, 'bad-value');
  });
  test('a nested forward inside a node', () => {
    const inner = [node({ user_id: lit(10001), nickname: lit('A'), content: lit('x') })];
    const r = seg.convertMessage([node({ user_id: lit(10002), nickname: lit('B'), content: { kind: 'message', segments: inner } })]);
    const out = fixed(r);
    assert.equal(out[0].data.messages[0].segments[0].type, 'forward');
  });
  test('not mechanical: content with a segment Milky lacks, variable content, reference nodes, mixed lists, missing fields', () => {
    const bad = notMechanical(seg.convertMessage([node({ user_id: lit(10001), nickname: lit('A'), content: lit('[CQ:rps]') })]), 'node-content', 'node');
    assert.equal(bad.inner[0].reason, 'no-milky-segment');
    notMechanical(seg.convertMessage([node({ user_id: lit(10001), nickname: lit('A'), content: expr('msg') })]), 'variable-value', 'node');
    notMechanical(seg.convertMessage([node({ id: lit('123') })]), 'needs-lookup', 'node');
    assert.equal(notMechanical(seg.convertMessage([node({ nickname: lit('A'), content: lit('x') })]), 'missing-field', 'node').field, 'user_id');
    assert.equal(notMechanical(seg.convertMessage([node({ user_id: lit(10001), content: lit('x') })]), 'missing-field', 'node').field, 'nickname');
    assert.equal(notMechanical(seg.convertMessage([node({ user_id: lit(10001), name: lit('A') })]), 'missing-field', 'node').field, 'content');
    notMechanical(seg.convertMessage([node({ user_id: lit(1), nickname: lit('A'), content: lit('x') })]), 'bad-user-id', 'node');
    notMechanical(seg.convertMessage([node({ user_id: lit(10001), nickname: lit('A'), content: lit('x'), news: lit([]) })]), 'bad-value', 'node');
    const mixed = seg.convertMessage([node({ user_id: lit(10001), nickname: lit('A'), content: lit('x') }), { type: 'text', data: { text: lit('y') } }]);
    assert.equal(mixed.ok, false);
    assert.equal(mixed.reason, 'mixed-forward');
  });
});

// ---------- rendering ----------

describe('render', () => {
  test('strings are escaped for the quote style and survive evaluation', () => {
    const text = 'it\'s "q" \\ back\nline\ttab\u2028sep ${x} `tick` 你好 \u{1F600} lone\ud800 \udc00 \u0000';
    const r = one('text', { text: lit(text) });
    for (const q of ["'", '"']) {
      const src = seg.renderSegmentsTs(r.segments, q);
      assert.doesNotMatch(src, /[\ud800-\udfff\u0000\n\u2028]/u, 'no raw line breaks or lone surrogates in the literal');
      assert.deepEqual(evaluate(src), [{ type: 'text', data: { text } }]);
    }
    const t = seg.convertMessage([{ type: 'text', data: { text: { kind: 'template', quasis: ['a\ud800', '\u{1F600}\u2028'], exprs: ['v'] } } }]);
    const tsrc = seg.renderSegmentsTs(t.segments, "'");
    assert.doesNotMatch(tsrc, /[\ud800-\udbff](?![\udc00-\udfff])|\u2028/);
    assert.deepEqual(evaluate(tsrc, { v: 1 }), [{ type: 'text', data: { text: 'a\ud8001\u{1F600}\u2028' } }]);
    assert.equal(seg.renderSegmentsTs(one('at', { qq: lit('all') }).segments, "'"), "[{ type: 'mention_all', data: {} }]");
  });
  test('template parts with backticks, ${ and backslashes survive', () => {
    const r = seg.convertMessage([{ type: 'text', data: { text: { kind: 'template', quasis: ['a`b${c}\\d', ''], exprs: ['v'] } } }]);
    assert.deepEqual(evaluate(seg.renderSegmentsTs(r.segments, "'"), { v: 1 }), [{ type: 'text', data: { text: 'a`b${c}\\d1' } }]);
  });
  test('JSON output for JSON files, with indentation on request', () => {
    const r = cq('[CQ:at,qq=10001]x');
    const j = seg.renderSegmentsJson(r.segments, 2);
    assert.equal(j.ok, true);
    assert.equal(j.text, JSON.stringify([{ type: 'mention', data: { user_id: 10001 } }, { type: 'text', data: { text: 'x' } }], null, 2));
    assert.deepEqual(seg.renderSegmentsJson(seg.plainTextSegmentsOf('s')), { ok: false, reason: 'expression' });
  });
  test('run-time auto_escape strings: [{ type: text, data: { text: expr } }]', () => {
    const text = seg.renderSegmentsTs(seg.plainTextSegmentsOf('reply'), "'");
    assert.equal(text, "[{ type: 'text', data: { text: reply } }]");
    assertMilky(evaluate(text, { reply: '[CQ:at,qq=1]' }));
  });
});

// ---------- the run-time helper ----------

/** The JS helper as a function. */
function loadJs(quote = "'") {
  return new Function(`${seg.cqHelperSource('js', quote)}\nreturn ${seg.CQ_HELPER_NAME};`)();
}

/** The TS helper: strict type check in memory, then its transpiled JS as a function. */
function loadTs() {
  const source = seg.cqHelperSource('ts');
  const file = 'helper.ts';
  const options = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts'], noUnusedLocals: true, types: [] };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang) => (name === file ? ts.createSourceFile(file, `${source}\nexport const use = ${seg.CQ_HELPER_NAME};\n`, lang) : getSourceFile(name, lang));
  const program = ts.createProgram([file], options, host);
  const diags = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
  assert.deepEqual(diags, [], 'the TS helper type-checks under strict');
  const js = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022 } }).outputText;
  return new Function(`${js}\nreturn ${seg.CQ_HELPER_NAME};`)();
}

describe('cqToMilkySegments (the helper a fix inserts)', () => {
  const helpers = { js: loadJs(), 'js, double quotes': loadJs('"'), ts: loadTs() };
  const mechanical = [
    '[CQ:at,qq=10001] 你好[CQ:face,id=76]',
    '[CQ:at,qq=all]',
    '[CQ:at,qq=10001,name=Bob]',
    '[CQ:face,id=358,resultId=3,chainCount=2]',
    '[CQ:image,file=https://h/a.png,sub_type=1,summary=&#91;图&#93;,type=flash,cache=0]',
    '[CQ:image,file=base64://AAAA,sub_type=0]',
    '[CQ:image,file=file:///tmp/a.png]',
    '[CQ:image,file=/srv/my pic.png]',
    '[CQ:image,file=C:\\bot\\a.png]',
    '[CQ:record,file=https://h/a.amr,magic=1]',
    '[CQ:video,file=https://h/a.mp4,thumb=https://h/a.jpg]',
    '[CQ:reply,seq=42]ok',
    '[CQ:json,data={"a"&#44;"b":&#91;1&#93;}]',
    '[CQ:lightapp,data={}]',
    '[CQ:miniapp,data={}]',
    '[CQ:text,text=c&#44;d]',
    'a&#91;1&#93;&amp;b &#44; [CQ:at,qq=1',
    '&amp;#91;',
    '',
    'plain text',
    '[CQ:at,qq=10001][CQ:at,qq=10002]',
  ];
  for (const [name, helper] of Object.entries(helpers)) {
    test(`${name}: every mechanical CQ type and escape, same as the static fix, valid Milky`, () => {
      for (const text of mechanical) {
        const out = helper(text);
        assertMilky(out);
        const r = cq(text);
        assert.equal(r.ok, true, text);
        assert.deepEqual(out, evaluate(seg.renderSegmentsTs(r.segments, "'")), text);
      }
    });
    test(`${name}: throws, naming the segment, for everything not mechanical`, () => {
      const lacking = ['rps', 'dice', 'shake', 'poke', 'anonymous', 'share', 'contact', 'location', 'music', 'markdown', 'xml', 'file', 'mface', 'forward', 'node', 'sparkle'];
      for (const type of lacking) assert.throws(() => helper(`hi [CQ:${type},id=1]`), new RegExp(`\\[CQ:${type}\\]`), type);
      for (const [text, why] of [
        ['[CQ:reply,id=123]', /NapCat message id/],
        ['[CQ:reply,id=1,seq=2]', /NapCat message id/],
        ['[CQ:at,qq=123]', /not a valid number/],
        ['[CQ:at,qq=abc]', /not a valid number/],
        ['[CQ:at]', /needs user_id/],
        ['[CQ:image,file=a.png]', /URI/],
        ['[CQ:image,file=https://h/a,sub_type=9]', /not known/],
        ['[CQ:face]', /needs face_id/],
        ['[CQ:reply,seq=x]', /not a valid number/],
      ]) {
        assert.throws(() => helper(text), why, text);
        assert.equal(cq(text).ok, false, `the static fix refuses ${text} too`);
      }
    });
  }
  test('detection: a file with the helper (TS or JS, ours or a user\'s) is recognised', () => {
    assert.equal(seg.hasCqHelper(seg.cqHelperSource('ts')), true);
    assert.equal(seg.hasCqHelper(seg.cqHelperSource('js', '"', '\r\n')), true);
    assert.equal(seg.hasCqHelper('const cqToMilkySegments = (t) => [];'), true);
    assert.equal(seg.hasCqHelper('send(cqToMilkySegments(text));'), false);
    assert.equal(seg.hasCqHelper('function cqToMilkySegmentsOld() {}'), false);
    assert.ok(seg.cqHelperSource('js').startsWith(seg.CQ_HELPER_MARKER));
    assert.equal(seg.cqHelperCall('msg'), 'cqToMilkySegments(msg)');
    assert.ok(seg.cqHelperSource('js', "'", '\r\n').split('\r\n').length > 10);
  });
  test('the helper is one function: no import, no other top-level name', () => {
    for (const lang of ['ts', 'js']) {
      const sf = ts.createSourceFile(`h.${lang}`, seg.cqHelperSource(lang), ts.ScriptTarget.Latest, true, lang === 'ts' ? ts.ScriptKind.TS : ts.ScriptKind.JS);
      assert.deepEqual(sf.statements.map((s) => [ts.SyntaxKind[s.kind], s.name?.text]), [['FunctionDeclaration', 'cqToMilkySegments']]);
      assert.equal(sf.parseDiagnostics.length, 0);
    }
  });
  test('a run-time message wrapped in the helper validates for a group and a private send', () => {
    const helper = loadJs();
    const call = seg.cqHelperCall('text');
    const message = new Function('cqToMilkySegments', 'text', `return ${call};`)(helper, '[CQ:at,qq=10001] hi &amp; bye');
    assertMilky(message);
    assert.deepEqual(message, [{ type: 'mention', data: { user_id: 10001 } }, { type: 'text', data: { text: ' hi & bye' } }]);
  });
});

// ---------- generated inputs: parser partition, static fix vs helper ----------

describe('generated CQ strings', () => {
  // A small deterministic generator (no dependency): pieces that hit every grammar branch and escape.
  function rng(seed) {
    let x = seed >>> 0;
    return () => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x / 4294967296; };
  }
  const pieces = ['hi', ' ', '你好', '&amp;', '&#91;', '&#93;', '&#44;', '&', '[', ']', ',', '=', '[CQ:', '[CQ:at,qq=10001]', '[CQ:at,qq=all]', '[CQ:at,qq=12]',
    '[CQ:face,id=76]', '[CQ:image,file=https://h/a&#44;b.png]', '[CQ:image,file=a.png]', '[CQ:reply,id=5]', '[CQ:reply,seq=5]', '[CQ:rps]', '[CQ:record,file=base64://QQ==]',
    '[CQ:video,file=file:///v.mp4,thumb=https://h/t.jpg]', '[CQ:json,data={&#91;&#93;}]', '[CQ:at,qq=10001', '[CQ:x]', '[CQ:text,text=&amp;]'];
  const helper = loadJs();
  test('parts cover the text exactly, in order; static fix and helper agree on 400 strings', () => {
    const next = rng(20261201);
    let agreed = 0;
    for (let n = 0; n < 400; n++) {
      let text = '';
      const count = 1 + Math.floor(next() * 6);
      for (let i = 0; i < count; i++) text += pieces[Math.floor(next() * pieces.length)];
      const parts = seg.parseCq(text);
      let at = 0;
      for (const p of parts) { assert.equal(p.range.start, at, text); at = p.range.end; }
      assert.equal(at, text.length, text);
      const r = cq(text);
      let out;
      try { out = helper(text); } catch { out = null; }
      if (r.ok) {
        assert.deepEqual(out, evaluate(seg.renderSegmentsTs(r.segments, "'")), text);
        assertMilky(out);
        agreed++;
      } else {
        assert.equal(out, null, `the helper must refuse what the fix refuses: ${text}`);
      }
    }
    assert.ok(agreed > 50, `enough mechanical samples (${agreed})`);
  });
});
