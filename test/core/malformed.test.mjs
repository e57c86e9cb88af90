// Malformed and unusual input: the core never throws, positions stay right in UTF-16, files it
// cannot parse come back as skipped with a reason.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { core, markup, shape } from './helpers.mjs';

const LANGS = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'json', 'jsonc'];

/** My own line/column: lines split at \r\n, \r and \n only; column = UTF-16 units from line start. */
function myPosition(text, offset) {
  let line = 0;
  let lineStart = 0;
  const re = /\r\n|\r|\n/g;
  for (let m = re.exec(text); m && m.index + m[0].length <= offset; m = re.exec(text)) {
    line++;
    lineStart = m.index + m[0].length;
  }
  return { line, character: offset - lineStart };
}

function myLineStarts(text) {
  const out = [0];
  const re = /\r\n|\r|\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m.index + m[0].length);
  return out;
}

function noThrow(text, lang, opts) {
  let r;
  assert.doesNotThrow(() => { r = core.analyzeDocument(text, lang, opts); });
  assert.ok(Array.isArray(r.findings));
  for (const f of r.findings) {
    assert.ok(f.start >= 0 && f.end <= text.length && f.start < f.end, `range ${f.start}-${f.end}`);
    if (f.napcat) {
      const written = text.slice(f.start, f.end);
      assert.ok(written === f.napcat || written === `.${f.napcat}` || f.site.callSite === 'camel', `${written} vs ${f.napcat}`);
    }
  }
  return r;
}

describe('never throws on broken input', () => {
  const BROKEN = [
    ['typescript', "bot.callApi('send_group_msg"],
    ['typescript', "bot.callApi('send_group_msg, {});\nfoo('get_msg');"],
    ['typescript', 'bot.callApi(`send_group_msg'],
    ['typescript', 'ws.send(`{"action":"get_msg", ${'],
    ['typescript', "const x = { send_like: , 'set_group_ban' "],
    ['typescript', "'send_like'\n'"],
    ['javascript', "fetch('/send_like"],
    ['typescriptreact', '<Btn action="send_like">send_like'],
    ['javascriptreact', "<a href='/get_msg"],
    ['json', '{"action": "send_group_msg",'],
    ['json', '{"action": "send_group_msg'],
    ['json', '{"action": "send_group_msg"}}}]]'],
    ['json', '{"action" "send_group_msg"}'],
    ['jsonc', '{"action": "send_group_msg" /* unterminated comment'],
    ['json', '"send_group_msg'],
    ['json', ''],
    ['typescript', ''],
    ['typescript', "bot.callApi('send_group_msg', {});\0\0\x01\x02\x7f"],
    ['typescript', "\0bot.callApi('send_group_msg', {})"],
    ['typescript', "bot.callApi('send_group_msg\0', {}); bot.callApi('get_msg', {});"],
    ['json', '{"action": "send_group_msg"}\0'],
    ['json', '{"action": "send_\0group_msg"}'],
    ['typescript', '\uD800 send_like \uDFFF'],
    ['typescript', "const a = '\uD83D'; callApi('send_like');"],
    ['json', '{"a": "\uDC00", "b": "get_msg"}'],
  ];
  for (const [lang, text] of BROKEN) {
    test(`[${lang}] ${JSON.stringify(text)}`, () => {
      noThrow(text, lang);
      noThrow(text, lang, { tolerant: true });
      assert.doesNotThrow(() => core.analyze(text, lang));
    });
  }

  test('random binary bytes with names mixed in, every language', () => {
    let seed = 12345;
    const rand = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed; };
    const names = ['send_group_msg', "'get_msg'", '"delete_msg"', '/send_like', '.handle_quick_operation', 'internal.sendGroupMsg(', '{"action":"get_status"}'];
    for (let round = 0; round < 60; round++) {
      let text = '';
      for (let i = 0; i < 300; i++) {
        const r = rand() % 40;
        text += r === 0 ? names[rand() % names.length] : String.fromCharCode(rand() % 256);
      }
      for (const lang of LANGS) {
        noThrow(text, lang);
        noThrow(text, lang, { tolerant: true });
      }
    }
  });

  test('unparseable TS is skipped with a reason', () => {
    const r = core.analyzeDocument("bot.callApi('send_group_msg", 'typescript');
    assert.deepEqual(r.findings, []);
    assert.equal(typeof r.skipped, 'string');
    assert.ok(r.skipped.length > 0);
  });

  test('broken JSON is skipped with a reason', () => {
    const r = core.analyzeDocument('{"action": "send_group_msg",', 'json');
    assert.deepEqual(r.findings, []);
    assert.equal(typeof r.skipped, 'string');
    assert.ok(r.skipped.length > 0);
  });

  test('a NUL outside strings makes TS unparseable: skipped, no findings', () => {
    const r = core.analyzeDocument("bot.callApi('send_group_msg', {});\0", 'typescript');
    assert.deepEqual(r.findings, []);
    assert.equal(typeof r.skipped, 'string');
  });

  test('a NUL inside a string: the string is not a name; the rest is analyzed', () => {
    const { text, expected } = markup("bot.callApi('send_group_msg\0', {}); bot.callApi('⟦get_msg:mapped⟧', {});");
    const r = core.analyzeDocument(text, 'typescript');
    assert.equal(r.skipped, undefined);
    assert.deepEqual(shape(text, r.findings), expected);
  });
});

describe('10,000-deep nesting', () => {
  const N = 10000;
  const DEEP = [
    ['typescript', `const a = ${'['.repeat(N)}'send_group_msg'${']'.repeat(N)};`],
    ['javascript', `const a = ${'['.repeat(N)}'send_group_msg'${']'.repeat(N)};`],
    ['typescript', `const a = ${'{a:'.repeat(N)}'send_group_msg'${'}'.repeat(N)};`],
    ['typescript', `const a = ${'('.repeat(N)}'send_group_msg'${')'.repeat(N)};`],
    ['typescriptreact', `const a = ${'['.repeat(N)}'send_group_msg'${']'.repeat(N)};`],
    ['json', `${'['.repeat(N)}"send_group_msg"${']'.repeat(N)}`],
    ['json', `${'{"a":'.repeat(N)}"send_group_msg"${'}'.repeat(N)}`],
    ['jsonc', `${'['.repeat(N)}"send_group_msg"${']'.repeat(N)}`],
  ];
  for (const [lang, text] of DEEP) {
    test(`[${lang}] ${text.slice(0, 12)}… returns skipped with a reason`, () => {
      let r;
      assert.doesNotThrow(() => { r = core.analyzeDocument(text, lang); });
      assert.deepEqual(r.findings, []);
      assert.equal(typeof r.skipped, 'string');
      assert.ok(r.skipped.length > 0, 'a reason');
      assert.doesNotThrow(() => core.analyzeDocument(text, lang, { tolerant: true }));
    });
  }

  test('moderate depths either analyze correctly or skip, never throw', () => {
    for (const depth of [100, 399, 1000, 2000, 3000, 4000, 6000, 8000, 20000]) {
      for (const lang of ['typescript', 'json']) {
        const q = lang === 'json' ? '"' : "'";
        const prefix = lang === 'json' ? '['.repeat(depth) : `x(${'['.repeat(depth)}`;
        const text = `${prefix}${q}send_group_msg${q}${']'.repeat(depth)}${lang === 'json' ? '' : ');'}`;
        let r;
        assert.doesNotThrow(() => { r = core.analyzeDocument(text, lang); }, `${lang} depth ${depth}`);
        if (r.skipped) assert.deepEqual(r.findings, []);
        else assert.deepEqual(shape(text, r.findings), [{ start: prefix.length + 1, end: prefix.length + 15, text: 'send_group_msg', napcat: 'send_group_msg', kind: 'mapped' }], `${lang} depth ${depth}`);
      }
      if (depth < core.MAX_NESTING) {
        const r = core.analyzeDocument(`x(${'['.repeat(depth)}'send_group_msg'${']'.repeat(depth)});`, 'typescript');
        assert.equal(r.skipped, undefined, `depth ${depth} must be analyzed`);
      }
    }
  });
});

describe('positions in UTF-16 with line endings and non-ASCII', () => {
  const POS = [
    ['CRLF', 'typescript', "const a = 1;\r\nbot.callApi('⟦send_group_msg:mapped⟧', {});\r\nfetch('/⟦get_msg:mapped⟧');\r\n"],
    ['lone CR', 'typescript', "const a = 1;\rbot.callApi('⟦send_group_msg:mapped⟧', {});\rfetch('/⟦get_msg:mapped⟧');\r"],
    ['mixed CR, LF, CRLF', 'javascript', "a();\r\nb();\rc();\nd('⟦send_like:mapped⟧');\r\n\r\re('⟦delete_msg:ambiguous⟧');"],
    ['CRLF JSON', 'json', '{\r\n  "action": "⟦send_group_msg:mapped⟧",\r\n  "params": {}\r\n}\r\n'],
    ['lone CR JSON', 'json', '{\r  "a": "⟦get_msg:mapped⟧",\r  "⟦set_group_ban:mapped⟧": 1\r}'],
    ['Chinese before the name', 'typescript', "const s = '中文注释'; bot.callApi('⟦send_group_msg:mapped⟧', {});"],
    ['emoji (surrogate pairs) before the name', 'typescript', "const s = '😀👍🏽'; bot.callApi('⟦send_like:mapped⟧', {});"],
    ['emoji on earlier line and same line', 'typescript', "// 😀😀\nconst s = '😀'; fetch(`${b}/⟦set_group_kick:mapped⟧`); // 中文\n"],
    ['CJK and emoji with CRLF', 'typescript', "// 机器人 🤖\r\nconst 名字 = '群'; callApi('⟦get_group_info:same-name⟧');\r\n"],
    ['emoji before a Koishi call', 'typescript', "const e = '🎉'; if (session.platform === 'onebot') bot.internal.⟦setGroupCard:mapped:set_group_card⟧(1, 2, '卡');"],
    ['emoji before .handle_quick_operation', 'typescript', "const e = '🎉'; call('⟦.handle_quick_operation:no-counterpart:handle_quick_operation⟧', {});"],
    ['emoji in JSON', 'json', '{ "名": "😀", "action": "⟦delete_msg:ambiguous⟧" }'],
    ['U+2028/U+2029 are not line breaks', 'typescript', "const a = 'x\u2028y\u2029z'; callApi('⟦send_like:mapped⟧');"],
    ['U+2028 in JSON string', 'json', '{ "a": "x\u2028y", "b": "⟦get_msg:mapped⟧" }'],
    ['JSX text with emoji then attribute', 'typescriptreact', 'const b = <p>😀 send_like <Btn action="⟦send_like:mapped⟧" /></p>;'],
  ];
  for (const [label, lang, src] of POS) {
    test(label, () => {
      const { text, expected } = markup(src);
      const r = noThrow(text, lang);
      assert.equal(r.skipped, undefined);
      assert.deepEqual(shape(text, r.findings), expected);
      const starts = core.lineStarts(text);
      assert.deepEqual(starts, myLineStarts(text));
      for (const f of r.findings) {
        assert.deepEqual(core.positionAt(starts, f.start), myPosition(text, f.start));
        assert.deepEqual(core.positionAt(starts, f.end), myPosition(text, f.end));
      }
    });
  }

  test('hand-computed columns: emoji count as two UTF-16 units', () => {
    const text = "x('😀😀', 'send_like');";
    const [f] = core.analyze(text, 'typescript');
    // x ( ' 😀(2) 😀(2) ' , space ' → the name starts at UTF-16 offset 11
    assert.equal(f.start, 11);
    assert.deepEqual(core.positionAt(core.lineStarts(text), f.start), { line: 0, character: 11 });
  });

  test('hand-computed line/character with CRLF and CR', () => {
    const text = "a\r\nb\rc\nx('中文', 'get_msg');";
    const [f] = core.analyze(text, 'typescript');
    assert.equal(f.start, 7 + 9);
    assert.deepEqual(core.positionAt(core.lineStarts(text), f.start), { line: 3, character: 9 });
  });

  test('lineStarts: \\r\\n is one break, \\n\\r is two', () => {
    assert.deepEqual(core.lineStarts('a\r\nb'), [0, 3]);
    assert.deepEqual(core.lineStarts('a\n\rb'), [0, 2, 3]);
    assert.deepEqual(core.lineStarts('a\rb\r'), [0, 2, 4]);
    assert.deepEqual(core.lineStarts('a\u2028b\u2029c\u0085d'), [0]);
  });

  test('positionAt at line starts, ends and the text end', () => {
    const text = 'ab\r\ncd\ref';
    const starts = core.lineStarts(text);
    for (let i = 0; i <= text.length; i++) assert.deepEqual(core.positionAt(starts, i), myPosition(text, i), `offset ${i}`);
  });
});
