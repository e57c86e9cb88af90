// The framework rule: NoneBot2 plugins on nonebot-adapter-onebot v11 → nonebot-adapter-milky.
// Flag / never-flag per form, the all-or-nothing plan of an import (import + uses + factory calls),
// the Bot method rename in a NoneBot file, fix results that parse, and incremental == fresh.
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { core, require } from './helpers.mjs';

const PY = 'python';
const node = require('../../dist/node.js');
before(async () => { core.setPythonParser(await node.loadPythonParser()); });

const fw = (text) => core.analyze(text, PY).filter((f) => f.kind === 'framework');
const brief = (text) => fw(text).map((f) => `${f.form}${f.use ? '@use' : ''}:${text.slice(f.start, f.end)}→${f.milky.join('|')}${f.mechanical ? '' : `!${f.reason ?? 'blocked'}`}`);
/** fixFile over a fresh analysis: the new text, or the reason it was refused. */
function fixed(text) {
  const r = core.fixFile(text, PY, core.analyze(text, PY));
  if (r.outcome === 'refused') throw new Error(r.problem);
  return r.outcome === 'fixed' ? r.text : text;
}
const parses = (text) => assert.equal(core.parseProblem(text, PY), undefined, text);

describe('framework: flagged forms', () => {
  test('from-import with a renamed event class: the import, the name there and at each use', () => {
    const text = [
      'from nonebot import on_notice',
      'from nonebot.adapters.onebot.v11 import Bot, GroupIncreaseNoticeEvent',
      '',
      'welcome = on_notice()',
      '',
      '@welcome.handle()',
      'async def _(bot: Bot, event: GroupIncreaseNoticeEvent):',
      '    if isinstance(event, GroupIncreaseNoticeEvent):',
      '        await welcome.finish("hi")',
      '',
    ].join('\n');
    assert.deepEqual(brief(text), [
      'import:nonebot.adapters.onebot.v11→nonebot.adapters.milky|nonebot.adapters.milky.event',
      'name:GroupIncreaseNoticeEvent→GroupMemberIncreaseEvent',
      'name@use:GroupIncreaseNoticeEvent→GroupMemberIncreaseEvent',
      'name@use:GroupIncreaseNoticeEvent→GroupMemberIncreaseEvent',
    ]);
    const out = fixed(text);
    parses(out);
    assert.equal(out, text
      .replace('from nonebot.adapters.onebot.v11 import Bot, GroupIncreaseNoticeEvent', 'from nonebot.adapters.milky import Bot\nfrom nonebot.adapters.milky.event import GroupMemberIncreaseEvent')
      .replaceAll('GroupIncreaseNoticeEvent', 'GroupMemberIncreaseEvent'));
    // Fixed once, nothing is left to flag; what is left by hand is the events' fields (under `event.data`).
    assert.deepEqual(brief(out), []);
    const plan = core.planFixes(core.analyze(text, PY), text);
    assert.deepEqual(plan.manual.flatMap((m) => m.steps), [{ code: 'nonebot-event-data', field: ['GroupMemberIncreaseEvent'] }]);
    assert.match(core.manualStepText(plan.manual[0].steps[0], 'en'), /event\.data/);
  });

  test('a submodule import keeps one statement; the names that keep their spelling are not flagged', () => {
    const text = 'from nonebot.adapters.onebot.v11.event import GroupMessageEvent, GroupAdminNoticeEvent\n\nasync def h(e: GroupMessageEvent | GroupAdminNoticeEvent) -> None:\n    pass\n';
    assert.deepEqual(brief(text), [
      'import:nonebot.adapters.onebot.v11.event→nonebot.adapters.milky.event',
      'name:GroupAdminNoticeEvent→GroupAdminChangeEvent',
      'name@use:GroupAdminNoticeEvent→GroupAdminChangeEvent',
    ]);
    assert.equal(fixed(text), 'from nonebot.adapters.milky.event import GroupMessageEvent, GroupAdminChangeEvent\n\nasync def h(e: GroupMessageEvent | GroupAdminChangeEvent) -> None:\n    pass\n');
  });

  test('uses in an f-string, a raise, an except tuple and a keyword value are followed', () => {
    const text = 'from nonebot.adapters.onebot.v11.exception import OneBotV11AdapterException, ActionFailed\ntry:\n    raise OneBotV11AdapterException\nexcept (OneBotV11AdapterException, ActionFailed) as e:\n    log(f"{OneBotV11AdapterException.__name__}", kind=OneBotV11AdapterException)\n';
    assert.equal(fw(text).filter((f) => f.use).length, 4);
    assert.equal(fixed(text), text.replace('onebot.v11.exception', 'milky.exception').replaceAll('OneBotV11AdapterException', 'MilkyAdapterException'));
  });

  test('an alias is renamed at the import only; the uses keep the alias', () => {
    const text = 'from nonebot.adapters.onebot.v11 import GroupDecreaseNoticeEvent as Leave\n\nasync def h(e: Leave):\n    pass\n';
    assert.deepEqual(brief(text), ['import:nonebot.adapters.onebot.v11→nonebot.adapters.milky.event', 'name:GroupDecreaseNoticeEvent→GroupMemberDecreaseEvent']);
    assert.equal(fixed(text), 'from nonebot.adapters.milky.event import GroupMemberDecreaseEvent as Leave\n\nasync def h(e: Leave):\n    pass\n');
  });

  test('MessageSegment factories: the mechanical ones are rewritten with their arguments', () => {
    const text = [
      'from nonebot.adapters.onebot.v11.message import Message, MessageSegment',
      'a = MessageSegment.at(event.user_id)',
      'b = MessageSegment.at("all")',
      'c = MessageSegment.at(12345)',
      'd = MessageSegment.face(14)',
      'e = MessageSegment.json(payload)',
      'f = MessageSegment.text(text="hi")',
      'g = MessageSegment.image("https://example.com/a.png")',
      'h = MessageSegment.text("stays") + Message("plain")',
      '',
    ].join('\n');
    assert.deepEqual(brief(text).filter((b) => b.startsWith('factory')), [
      'factory:at→mention', 'factory:at→mention_all', 'factory:at→mention', 'factory:face→face', 'factory:json→light_app', 'factory:text→text', 'factory:image→image',
    ]);
    const out = fixed(text);
    parses(out);
    assert.equal(out, [
      'from nonebot.adapters.milky.message import Message, MessageSegment',
      'a = MessageSegment.mention(user_id=event.user_id)',
      'b = MessageSegment.mention_all()',
      'c = MessageSegment.mention(user_id=12345)',
      'd = MessageSegment.face(face_id="14")',
      'e = MessageSegment.light_app(payload)',
      'f = MessageSegment.text(content="hi")',
      'g = MessageSegment.image(url="https://example.com/a.png")',
      'h = MessageSegment.text("stays") + Message("plain")',
      '',
    ].join('\n'));
  });

  test('import … as ob: ob.MessageSegment factories follow it', () => {
    const text = 'import nonebot.adapters.onebot.v11 as ob\n\nasync def h(bot: ob.Bot, uid: int):\n    return ob.MessageSegment.at(uid)\n';
    assert.deepEqual(brief(text), ['import:nonebot.adapters.onebot.v11→nonebot.adapters.milky', 'factory:at→mention']);
    assert.equal(fixed(text), 'import nonebot.adapters.milky as ob\n\nasync def h(bot: ob.Bot, uid: int):\n    return ob.MessageSegment.mention(user_id=uid)\n');
  });

  test('the Bot method of an action in a NoneBot file becomes the nonebot-adapter-milky method, keywords by the param map', () => {
    const text = 'from nonebot.adapters.onebot.v11 import Bot\n\nasync def h(bot: Bot):\n    await bot.send_group_msg(group_id=1, message="hi")\n    await bot.set_group_ban(group_id=1, user_id=2, duration=60)\n    await bot.set_group_card(group_id=1, user_id=2, card="x")\n';
    const out = fixed(text);
    parses(out);
    assert.equal(out, 'from nonebot.adapters.milky import Bot\n\nasync def h(bot: Bot):\n    await bot.send_group_message(group_id=1, message="hi")\n    await bot.set_group_member_mute(group_id=1, user_id=2, duration=60)\n    await bot.set_group_member_card(group_id=1, user_id=2, card="x")\n');
    // Not a second finding: the method calls stay action findings.
    assert.deepEqual(core.analyze(text, PY).map((f) => f.kind), ['framework', 'mapped', 'mapped', 'mapped']);
  });

  test('a message that may hold CQ codes keeps the method fix out of fix-all, with the step', () => {
    const text = 'from nonebot.adapters.onebot.v11 import Bot\n\nasync def h(bot: Bot, text: str):\n    await bot.send_group_msg(group_id=1, message=text)\n    await bot.send_group_msg(group_id=1, message="[CQ:face,id=1]")\n';
    const findings = core.analyze(text, PY);
    const plan = core.planFixes(findings, text);
    assert.equal(core.applyEdits(text, plan.edits), text.replace('nonebot.adapters.onebot.v11', 'nonebot.adapters.milky'));
    const sends = findings.filter((f) => f.napcat === 'send_group_msg');
    for (const f of sends) {
      const options = core.fixesFor(f, text);
      assert.equal(options.length, 1);
      assert.equal(options[0].automatic, false);
      assert.ok(options[0].manual.some((m) => m.code === 'nonebot-message'));
    }
  });

  test('outside a NoneBot v11 file the method call is not rewritten (as before)', () => {
    const text = 'async def h(bot):\n    await bot.send_group_msg(group_id=1, message="hi")\n';
    assert.deepEqual(core.fixesFor(core.analyze(text, PY)[0], text), []);
  });
});

describe('framework: all or nothing', () => {
  const blockedImport = (text) => fw(text).find((f) => f.form === 'import');

  test('a 1→many class blocks its import: nothing of it is rewritten; the options are listed', () => {
    const text = 'from nonebot.adapters.onebot.v11 import GroupIncreaseNoticeEvent, PrivateMessageEvent\n\nasync def h(e: GroupIncreaseNoticeEvent, p: PrivateMessageEvent):\n    pass\n';
    const imp = blockedImport(text);
    assert.equal(imp.mechanical, false);
    assert.deepEqual(imp.blockers, [{ name: 'PrivateMessageEvent', reason: 'split' }]);
    const p = fw(text).find((f) => f.napcat === 'PrivateMessageEvent' && !f.use);
    assert.deepEqual(p.milky, ['FriendMessageEvent', 'TempMessageEvent']);
    assert.equal(fixed(text), text);
    assert.match(core.findingMessage(imp, text, 'en'), /PrivateMessageEvent.*several classes/);
    assert.match(core.findingMessage(p, text, 'zh-cn'), /FriendMessageEvent/);
  });

  test('a factory call that is not mechanical blocks the import of its MessageSegment', () => {
    const text = 'from nonebot.adapters.onebot.v11 import MessageSegment\nr = MessageSegment.reply(event.message_id)\nx = MessageSegment.at(uid)\n';
    assert.deepEqual(blockedImport(text).blockers, [{ name: 'reply', reason: 'needs-lookup' }]);
    assert.equal(fixed(text), text);
    for (const [call, reason] of [['face(x)', 'int-to-str'], ['image(path)', 'file-source'], ['share("u", "t")', 'no-milky-factory'], ['node_custom(1, "n", m)', 'forward'], ['at(ids[0])', 'all-or-user']]) {
      const t = `from nonebot.adapters.onebot.v11 import MessageSegment\ns = MessageSegment.${call}\n`;
      assert.deepEqual(blockedImport(t).blockers.map((b) => b.reason), [reason], call);
      assert.equal(fixed(t), t, call);
    }
  });

  test('a name bound again, named in a string or already taken: no use is followed, nothing is rewritten', () => {
    for (const body of [
      'GroupIncreaseNoticeEvent = object',
      'def f(GroupIncreaseNoticeEvent): pass',
      'x: "GroupIncreaseNoticeEvent" = None',
      'from nonebot.adapters.milky.event import GroupIncreaseNoticeEvent',
      'GroupMemberIncreaseEvent = 1',
    ]) {
      const text = `from nonebot.adapters.onebot.v11 import GroupIncreaseNoticeEvent\n${body}\nasync def h(e: GroupIncreaseNoticeEvent): pass\n`;
      assert.equal(blockedImport(text).mechanical, false, body);
      assert.equal(fw(text).some((f) => f.use), false, body);
      assert.equal(fixed(text), text, body);
    }
  });

  test('an alias of the same name from another adapter and a docstring that names the class block nothing', () => {
    const text = '"""Handles GroupIncreaseNoticeEvent."""\nfrom nonebot.adapters.onebot.v11 import GroupIncreaseNoticeEvent, MessageSegment\nfrom nonebot.adapters.qq import MessageSegment as QQSegment\nasync def h(e: GroupIncreaseNoticeEvent):\n    return MessageSegment.at(1), QQSegment.text("x")\n';
    assert.equal(blockedImport(text).mechanical, true);
    const out = fixed(text);
    assert.match(out, /\nfrom nonebot\.adapters\.milky\.event import GroupMemberIncreaseEvent\nfrom nonebot\.adapters\.milky import MessageSegment\n/);
    assert.match(out, /async def h\(e: GroupMemberIncreaseEvent\):\n    return MessageSegment\.mention\(user_id=1\), QQSegment\.text\("x"\)/);
    assert.match(out, /^"""Handles GroupIncreaseNoticeEvent\."""/);
  });

  test('Message(text) of text that may hold CQ codes blocks the import (v11 parses CQ codes, Milky does not)', () => {
    const text = 'from nonebot.adapters.onebot.v11 import Message\nm = Message(raw)\n';
    assert.deepEqual(blockedImport(text).blockers, [{ name: 'Message', reason: 'message-text' }]);
    assert.equal(fixed(text), text);
  });

  test('a split import with a comment inside, or sharing its line, is not rewritten', () => {
    for (const text of [
      'from nonebot.adapters.onebot.v11 import (\n    Bot,  # the bot\n    GroupMessageEvent,\n)\n',
      'import os; from nonebot.adapters.onebot.v11 import Bot, GroupMessageEvent\n',
    ]) {
      assert.equal(blockedImport(text).mechanical, false, text);
      assert.equal(fixed(text), text);
    }
  });

  test('the quick fix of any finding of an import is the whole plan, shared', () => {
    const text = 'from nonebot.adapters.onebot.v11 import GroupUploadNoticeEvent\n\nasync def h(e: GroupUploadNoticeEvent): pass\n';
    const options = fw(text).map((f) => core.fixesFor(f, text));
    assert.equal(options.length, 3);
    for (const o of options) assert.deepEqual(o, options[0]);
    assert.equal(options[0][0].edits.length, 3);
    assert.equal(core.applyEdits(text, options[0][0].edits), 'from nonebot.adapters.milky.event import GroupFileUploadEvent\n\nasync def h(e: GroupFileUploadEvent): pass\n');
  });
});

describe('framework: never flagged', () => {
  for (const [name, text] of [
    ['the same names from nonebot.adapters.milky', 'from nonebot.adapters.milky import Bot, MessageSegment\nfrom nonebot.adapters.milky.event import GroupMessageEvent\nx = MessageSegment.at(1)\nasync def h(e: GroupMessageEvent): pass\n'],
    ['from nonebot.adapters.qq', 'from nonebot.adapters.qq import MessageSegment, GroupAtMessageCreateEvent\nx = MessageSegment.at(1)\n'],
    ['a comment and a string that name the module', '# from nonebot.adapters.onebot.v11 import Bot\ns = "nonebot.adapters.onebot.v11"\nclass PrivateMessageEvent: pass\n'],
    ['onebot v12', 'from nonebot.adapters.onebot.v12 import Bot, MessageSegment\nx = MessageSegment.mention(user_id="1")\n'],
  ]) {
    test(name, () => assert.deepEqual(fw(text), []));
  }
});

describe('framework: the editor', () => {
  test('incremental analysis gives what a fresh analysis gives, edit by edit', () => {
    const target = 'from nonebot.adapters.onebot.v11 import Bot, GroupIncreaseNoticeEvent, MessageSegment\n\nasync def h(bot: Bot, e: GroupIncreaseNoticeEvent):\n    await bot.send_group_msg(group_id=1, message=MessageSegment.at(e.user_id))\n';
    const a = core.createDocumentAnalyzer(PY);
    let text = '';
    const key = (r) => JSON.stringify(r.findings);
    // Typing the file in chunks, then deleting and restoring the import line.
    for (let i = 7; i <= target.length + 6; i += 7) {
      const next = target.slice(0, Math.min(i, target.length));
      const got = a.update(next, [{ start: text.length, end: text.length, text: next.slice(text.length) }]);
      assert.equal(key(got), key(core.analyzeDocument(next, PY, { tolerant: true })), `at ${i}`);
      text = next;
    }
    const cut = target.replace('from nonebot.adapters.onebot.v11 import', 'from nonebot.adapters.onebot.v12 import');
    for (const next of [cut, target]) {
      assert.equal(key(a.update(next, [{ start: 0, end: text.length, text: next }])), key(core.analyzeDocument(next, PY, { tolerant: true })));
      text = next;
    }
    assert.ok(core.analyzeDocument(text, PY).findings.some((f) => f.kind === 'framework'));
    a.release();
  });

  test('messages and hovers in both languages, with the reason', () => {
    const text = 'from nonebot.adapters.onebot.v11 import MessageSegment\ns = MessageSegment.face(x)\n';
    const f = fw(text).find((x) => x.form === 'factory');
    assert.match(core.findingMessage(f, text, 'en'), /MessageSegment\.face.*string/);
    assert.match(core.findingMessage(f, text, 'zh-cn'), /字符串/);
  });
});

describe('framework: reading the tree', () => {
  test('reading the path up from each name gives what the walk down from the root gives', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { ROOT } = await import('./helpers.mjs');
    const { generateBot } = await import('../../bench/python.mjs');
    const dir = path.join(ROOT, 'test', 'corpus-py', 'src');
    const texts = [...fs.readdirSync(dir).sort().map((f) => fs.readFileSync(path.join(dir, f), 'utf8')), generateBot(600)];
    const real = core.pythonParser();
    // The same parser, its trees' root without `descendantForIndex`: the scan walks down from the root instead.
    const walkDown = {
      ...real,
      indexUnit: real.indexUnit,
      parse(text, old) {
        const tree = real.parse(text, old);
        if (!tree) return tree;
        const root = new Proxy(tree.rootNode, { get: (t, k) => (k === 'descendantForIndex' ? undefined : Reflect.get(t, k)) });
        return new Proxy(tree, { get: (t, k) => (k === 'rootNode' ? root : typeof t[k] === 'function' ? t[k].bind(t) : Reflect.get(t, k)) });
      },
    };
    let compared = 0;
    for (const text of texts) {
      if (!text.includes('nonebot.adapters.onebot.v11')) continue;
      const up = JSON.stringify(fw(text).map((f) => [f.start, f.end, f.form, f.milky, f.mechanical, f.reason, f.blockers]));
      core.setPythonParser(walkDown);
      let down;
      try { down = JSON.stringify(fw(text).map((f) => [f.start, f.end, f.form, f.milky, f.mechanical, f.reason, f.blockers])); } finally { core.setPythonParser(real); }
      assert.equal(up, down);
      compared++;
    }
    assert.ok(compared >= 4, `${compared} NoneBot files compared`);
  });
});
