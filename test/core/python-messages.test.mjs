// Python messages and events: CQ strings and f-strings at send sites (segment findings and their
// fixes, written as Python and checked against the official @saltify/milky-types schemas), NoneBot's
// v11 `Message("[CQ:…]")` and matcher/bot sends (flagged, never rewritten), aiocqhttp decorators
// (event findings, no fix), the never-flag cases, and the incremental engine against a fresh analysis.
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import * as milky from '@saltify/milky-types';
import { core, require } from './helpers.mjs';

const PY = 'python';
const node = require('../../dist/node.js');
let parser;
before(async () => {
  parser = await node.loadPythonParser();
  core.setPythonParser(parser);
});

// The NoneBot import's own finding (kind `framework`) is another rule's: these tests read messages and events.
const findings = (text) => core.analyze(text, PY).filter((f) => f.kind !== 'framework');
const facts = (text) => findings(text).map((f) => [f.kind, f.napcat, text.slice(f.start, f.end), [...(f.milky ?? [])].join('|'), f.form ?? null, f.problem ?? f.via ?? f.decorator ?? null]);
const fixText = (text) => core.applyEdits(text, core.planFixes(core.analyze(text, PY), text, { languageId: PY }).edits);

/** Every ERROR or MISSING node of a parse (a fix must never add one). */
function errorCount(text) {
  const tree = parser.parse(text);
  let n = 0;
  const walk = (x) => { if (x.type === 'ERROR' || x.isMissing) n++; for (const c of x.children) walk(c); };
  walk(tree.rootNode);
  tree.delete();
  return n;
}

/**
 * The Python literal at `text` (the fixed message) as JSON, read from its tree: dicts, lists, strings,
 * numbers, True/False/None. A run-time value (`int(x)`, an f-string with substitutions) becomes a
 * stand-in of the type it has at run time, so the schema still checks every field name and type.
 */
function pyLiteral(text) {
  const tree = parser.parse(`(${text})`);
  try {
    assert.equal(tree.rootNode.hasError, false, text);
    const src = (n) => `(${text})`.slice(n.startIndex, n.endIndex);
    const named = (n) => n.children.filter((c) => c.isNamed && c.type !== 'comment');
    const value = (n) => {
      switch (n.type) {
        case 'parenthesized_expression': return value(named(n)[0]);
        case 'list': return named(n).map(value);
        case 'dictionary': return Object.fromEntries(named(n).map((p) => [value(p.childForFieldName('key')), value(p.childForFieldName('value'))]));
        case 'integer': return Number(src(n));
        case 'true': return true;
        case 'false': return false;
        case 'none': return null;
        case 'call': return src(n.childForFieldName('function')) === 'int' ? 10001 : 'x';
        case 'string': {
          if (n.children.some((c) => c.type === 'interpolation')) return 'x';
          const s = src(n).replace(/^[a-z]*/i, '');
          const body = s.slice(1, -1);
          return JSON.parse(`"${s[0] === "'" ? body.replace(/\\'/g, "'").replace(/(^|[^\\])"/g, '$1\\"') : body}"`);
        }
        default: throw new Error(`not a literal: ${n.type} ${src(n)}`);
      }
    };
    return value(named(tree.rootNode)[0].children[0]);
  } finally {
    tree.delete();
  }
}

/** The message value the fix wrote: the text between `message=` (or `"message": `) and the call's end. */
function fixedMessage(out) {
  const m = /message["']?\s*[=:]\s*(\[.*\])\s*[)}]/.exec(out);
  assert.ok(m, out);
  return m[1];
}

describe('python messages: segment findings at send sites', () => {
  test('a CQ string in call_api, call_action, a method, a dict frame', () => {
    assert.deepEqual(facts('await bot.call_api("send_group_msg", group_id=1, message="[CQ:at,qq=10001] hi")').slice(1), [['segment', 'at', 'at', 'mention', 'cq', null]]);
    assert.deepEqual(facts("await bot.call_action('send_private_msg', user_id=1, message='[CQ:face,id=14]')").slice(1), [['segment', 'face', 'face', 'face', 'cq', null]]);
    assert.deepEqual(facts('await bot.send_group_msg(group_id=1, message="[CQ:image,file=https://x/a.png]")').slice(1), [['segment', 'image', 'image', 'image', 'cq', null]]);
    assert.deepEqual(facts('ws.send(json.dumps({"action": "send_msg", "params": {"message_type": "group", "group_id": 1, "message": "[CQ:reply,id=5]x"}}))').slice(1),
      [['segment', 'reply', 'reply', 'reply', 'cq', 'needs-lookup']]);
  });

  test('an f-string: substitutions are values; a substitution in a code type is dynamic', () => {
    assert.deepEqual(facts('await bot.call_api("send_group_msg", group_id=1, message=f"[CQ:at,qq={uid}] hi {name}")').slice(1), [['segment', 'at', 'at', 'mention', 'template', null]]);
    assert.deepEqual(facts('await bot.call_api("send_group_msg", group_id=1, message=f"[CQ:{kind},qq=1]")').slice(1).map((f) => f[5]), ['dynamic-cq']);
  });

  test('escapes, raw strings and non-ASCII text keep the code on its name as written', () => {
    const text = 'await bot.call_api("send_group_msg", group_id=1, message="你好\\n😀[CQ:at,qq=10001]\\x21")';
    const [, seg] = core.analyze(text, PY);
    assert.equal(text.slice(seg.start, seg.end), 'at');
    const raw = "await bot.call_api('send_group_msg', group_id=1, message=r'C:\\d [CQ:face,id=1]')";
    assert.deepEqual(facts(raw).slice(1), [['segment', 'face', 'face', 'face', 'cq', null]]);
  });

  test('plain strings and auto_escape=True are one text segment; bytes, names, calls are not read', () => {
    assert.deepEqual(facts('await bot.call_api("send_group_msg", group_id=1, message="hi")').slice(1), [['segment', 'text', 'hi', 'text', 'plain', null]]);
    assert.deepEqual(facts('await bot.call_api("send_group_msg", group_id=1, message="[CQ:at,qq=1]", auto_escape=True)').slice(1), [['segment', 'text', '[CQ:at,qq=1]', 'text', 'plain', null]]);
    for (const v of ['b"[CQ:at,qq=1]"', 'msg', 'build()', '"a" "[CQ:at,qq=1]"']) {
      assert.deepEqual(facts(`await bot.call_api("send_group_msg", group_id=1, message=${v})`).filter((f) => f[0] === 'segment'), [], v);
    }
  });
});

describe('python messages: fixes', () => {
  const CASES = [
    ['call_api CQ string', 'await bot.call_api("send_group_msg", group_id=1, message="[CQ:at,qq=10001] hi")',
      'await bot.call_api("send_group_message", group_id=1, message=[{ "type": "mention", "data": { "user_id": 10001 } }, { "type": "text", "data": { "text": " hi" } }])'],
    ['single quotes, a face, at all', "await bot.call_action('send_group_msg', group_id=1, message='[CQ:at,qq=all][CQ:face,id=14]')",
      "await bot.call_action('send_group_message', group_id=1, message=[{ 'type': 'mention_all', 'data': {} }, { 'type': 'face', 'data': { 'face_id': '14' } }])"],
    ['an f-string', "await bot.call_api('send_group_msg', group_id=g, message=f'[CQ:at,qq={uid}] hi {name}')",
      "await bot.call_api('send_group_message', group_id=g, message=[{ 'type': 'mention', 'data': { 'user_id': int(uid) } }, { 'type': 'text', 'data': { 'text': f' hi {name}' } }])"],
    ['an f-string with braces and quotes in its text', 'await bot.call_api("send_group_msg", group_id=1, message=f"{{x}} \'q\' [CQ:at,qq={d[\'id\']}]")',
      'await bot.call_api("send_group_message", group_id=1, message=[{ "type": "text", "data": { "text": "{x} \'q\' " } }, { "type": "mention", "data": { "user_id": int(d[\'id\']) } }])'],
    ['braces in a text part with a substitution stay doubled', "await bot.call_api('send_group_msg', group_id=1, message=f'[CQ:at,qq=10001] {{n}}={n}')",
      "await bot.call_api('send_group_message', group_id=1, message=[{ 'type': 'mention', 'data': { 'user_id': 10001 } }, { 'type': 'text', 'data': { 'text': f' {{n}}={n}' } }])"],
    ['a dict frame', 'frame = {"action": "send_private_msg", "params": {"user_id": 1, "message": "[CQ:image,file=https://x/a.png]"}}',
      'frame = {"action": "send_private_message", "params": {"user_id": 1, "message": [{ "type": "image", "data": { "uri": "https://x/a.png" } }]}}'],
    ['escapes decoded, text re-escaped', 'await bot.call_api("send_group_msg", group_id=1, message="a\\tb\\u4e2d\\\\ [CQ:at,qq=10001]")',
      'await bot.call_api("send_group_message", group_id=1, message=[{ "type": "text", "data": { "text": "a\\tb中\\\\ " } }, { "type": "mention", "data": { "user_id": 10001 } }])'],
  ];
  for (const [name, text, want] of CASES) {
    test(name, () => {
      const out = fixText(text);
      assert.equal(out, want);
      assert.equal(errorCount(out), 0, 'no ERROR node');
      assert.equal(fixText(out), out, 'idempotent');
      for (const s of pyLiteral(fixedMessage(out))) {
        const r = milky.OutgoingSegment.safeParse(s);
        assert.ok(r.success, `OutgoingSegment ${JSON.stringify(s)}: ${r.error?.message}`);
      }
    });
  }

  test('left to a person: a method call, a format spec, a code with no Milky segment', () => {
    for (const text of [
      'await bot.send_group_msg(group_id=1, message="[CQ:at,qq=10001]")',
      "await bot.call_api('send_group_msg', group_id=1, message=f'[CQ:at,qq={uid!r}]')",
      "await bot.call_api('send_group_msg', group_id=1, message=f'[CQ:at,qq={uid:>5}]')",
      "await bot.call_api('send_group_msg', group_id=1, message='[CQ:poke,qq=1]')",
      "await bot.call_api('send_group_msg', group_id=1, message='[CQ:reply,id=3]')",
    ]) {
      const out = fixText(text);
      assert.doesNotMatch(out, /'type'|"type"/, text);
      assert.equal(errorCount(out), 0);
    }
  });
});

describe('python messages: NoneBot v11 strings', () => {
  const HEAD = 'from nonebot import on_command\nfrom nonebot.adapters.onebot.v11 import Bot, Message\nm = on_command("m")\n';
  test('Message("[CQ:…]"), bot.send(event, …), matcher.send/finish/reject: flagged, no fix, a step naming the factory', () => {
    const text = `${HEAD}async def h(bot: Bot, event, matcher):\n    x = Message("[CQ:at,qq=10001] hi")\n    await bot.send(event, "[CQ:face,id=1]")\n    await m.finish(f"[CQ:at,qq={event.user_id}]")\n    await matcher.reject(message="[CQ:image,file=https://x/a.png]")\n`;
    const got = facts(text);
    assert.deepEqual(got.map((f) => [f[1], f[2], f[4], f[5]]), [['at', 'at', 'cq', 'nonebot-message'], ['face', 'face', 'cq', 'nonebot-message'], ['at', 'at', 'template', 'nonebot-message'], ['image', 'image', 'cq', 'nonebot-message']]);
    assert.equal(fixText(text), text);
    const [first] = findings(text);
    assert.equal(core.fixesFor(first, text).length, 0);
    assert.match(core.findingMessage(first, text, 'en'), /MessageSegment\.mention\(…\)/);
    assert.match(core.findingMessage(first, text, 'zh-cn'), /MessageSegment/);
  });

  test('never: plain text, another adapter, print/logger, other receivers, a docstring, a comment', () => {
    const quiet = [
      `${HEAD}async def h(bot, event):\n    await bot.send(event, "plain")\n    await m.finish("no code here")\n`,
      'from nonebot.adapters.milky import Message\nx = Message("[CQ:at,qq=1]")\n',
      'from nonebot.adapters.onebot.v12 import Message\nx = Message("[CQ:at,qq=1]")\n',
      `${HEAD}print("[CQ:at,qq=1]")\nlogger.info("[CQ:at,qq=%s]", 1)\nclient.send(e, "[CQ:at,qq=1]")\nother.finish("[CQ:at,qq=1]")\n`,
      `${HEAD}def f():\n    """[CQ:at,qq=1] in a docstring"""\n    # Message("[CQ:at,qq=1]")\n    return 1\n`,
    ];
    for (const text of quiet) assert.deepEqual(facts(text), [], text);
  });
});

describe('python events: aiocqhttp decorators', () => {
  test('each name its Milky event, or none; several names; no name', () => {
    const text = 'from aiocqhttp import CQHttp\nbot = CQHttp()\n@bot.on_notice("group_increase")\nasync def a(e): pass\n@bot.on_message("group", "private")\nasync def b(e): pass\n@bot.on_meta_event("lifecycle.connect")\nasync def c(e): pass\n@bot.on_request\nasync def d(e): pass\n';
    assert.deepEqual(facts(text).map((f) => [f[1], f[3], f[5]]), [
      ['group_increase', 'group_member_increase', 'aiocqhttp'], ['group', 'message_receive', 'aiocqhttp'], ['private', 'message_receive', 'aiocqhttp'],
      ['lifecycle.connect', '', 'aiocqhttp'], ['on_request', 'friend_request|group_join_request|group_invited_join_request|group_invitation', 'aiocqhttp'],
    ]);
    const [inc, , , life] = core.analyze(text, PY);
    assert.deepEqual(core.fixesFor(inc, text), []);
    assert.match(core.findingMessage(inc, text, 'en'), /group_member_increase.*aiocqhttp has no Milky adapter/s);
    assert.match(core.findingMessage(life, text, 'en'), /Milky has no event/);
    assert.match(core.findingMessage(life, text, 'zh-cn'), /aiocqhttp/);
    assert.equal(fixText(text), text);
  });

  test('receivers: `bot`, `self.bot`, a CQHttp instance; never Flask, FastAPI, pyrogram, other receivers', () => {
    assert.equal(facts('app = aiocqhttp.CQHttp()\n@app.on_notice("group_recall")\nasync def a(e): pass\n').length, 1);
    assert.equal(facts('class P:\n    @self.bot.on_notice("group_recall")\n    async def a(e): pass\n').length, 1);
    for (const text of [
      '@app.route("/on_notice")\ndef a(): pass\n@app.get("/on_message")\nasync def b(): pass\n',
      '@bot.on_message(filters.private)\nasync def a(c, m): pass\n@bot.on_message()\nasync def b(c, m): pass\n',
      '@client.on_notice("group_increase")\nasync def a(e): pass\n@sv.on_notice("group_increase")\nasync def b(e): pass\n',
      '@bot.on_notice("not_an_event")\nasync def a(e): pass\n@bot.on_notice(kind="group_increase")\nasync def b(e): pass\n',
      '# @bot.on_notice("group_increase")\nx = "@bot.on_notice(\'group_increase\')"\n',
    ]) assert.deepEqual(facts(text), [], text);
  });
});

describe('python: the incremental engine returns what a fresh analysis does (CQ strings, decorators)', () => {
  const START = [
    'from aiocqhttp import CQHttp',
    'from nonebot.adapters.onebot.v11 import Message',
    'bot = CQHttp()',
    '@bot.on_notice("group_increase")',
    'async def a(e):',
    '    await bot.call_api("send_group_msg", group_id=1, message=f"[CQ:at,qq={e.user_id}] hi")',
    '    x = Message("[CQ:face,id=1]")',
    '@bot.on_message("group")',
    'async def b(e):',
    '    await bot.send(e, "[CQ:at,qq=10001]")',
    '',
  ].join('\n');
  const strip = (a) => JSON.stringify({ findings: a.findings.map(({ site, ...f }) => ({ ...f, site: site ? { start: site.start, end: site.end, written: site.written } : null })), skipped: a.skipped ?? null });

  test('random edits that touch codes, names and decorators', () => {
    let s = 99;
    const rand = () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
    const inserts = ['', '[CQ:at,qq=1]', '"', '{', '}', '@bot.on_request("friend")\n', 'group_', '\n', ')', 'f', 'Message(', '中'];
    const engine = core.createDocumentAnalyzer(PY);
    let text = START;
    engine.update(text, undefined);
    for (let i = 0; i < 200; i++) {
      const at = Math.floor(rand() * text.length);
      const end = Math.min(text.length, at + Math.floor(rand() * 5));
      const ins = inserts[Math.floor(rand() * inserts.length)];
      text = text.slice(0, at) + ins + text.slice(end);
      const inc = engine.update(text, [{ start: at, end, newLength: ins.length }]);
      const fresh = core.analyzeDocument(text, PY, { tolerant: true });
      assert.equal(strip(inc), strip(fresh), `edit ${i}`);
    }
    engine.release();
  });
});

describe('python messages: malformed input', () => {
  const MALFORMED = [
    // A string left open before the send: the send after it still converts; nothing new breaks.
    'x = "abc\n@bot.on_notice("group_increase")\nasync def h(e):\n    await bot.call_api("send_group_msg", group_id=1, message="[CQ:at,qq=10001] hi")\n',
    // An open CQ code is text, as NapCat reads it.
    'await bot.call_api("send_group_msg", group_id=1, message="[CQ:at,qq=10001 hi")',
    // The message string itself is not closed, or its substitution is not: the message is not read.
    'await bot.call_api("send_group_msg", group_id=1, message="[CQ:at,qq=10001] hi)\nx = 1',
    'await bot.call_api("send_group_msg", group_id=1, message=f"[CQ:at,qq={uid] hi")',
    'def f():\n\tif x:\n        await bot.call_api("send_group_msg", group_id=1, message=f"[CQ:at,qq={u}]")\n\x00',
  ];
  test('fixes never add an ERROR node; an unreadable message gets no segment finding', () => {
    for (const text of MALFORMED) {
      const a = core.analyzeDocument(text, PY, { tolerant: true });
      const out = core.applyEdits(text, core.planFixes(a.findings, text, { languageId: PY }).edits);
      assert.ok(errorCount(out) <= errorCount(text), text);
      for (const f of a.findings) assert.ok(f.end <= text.length && f.start < f.end, text);
    }
    assert.deepEqual(core.analyzeDocument(MALFORMED[2], PY, { tolerant: true }).findings.map((f) => f.kind), ['mapped']);
    assert.deepEqual(core.analyzeDocument(MALFORMED[3], PY, { tolerant: true }).findings.map((f) => f.kind), ['mapped']);
    assert.deepEqual(core.analyzeDocument(MALFORMED[1], PY, { tolerant: true }).findings.map((f) => [f.kind, f.napcat]), [['mapped', 'send_group_msg'], ['segment', 'text']]);
  });
});
