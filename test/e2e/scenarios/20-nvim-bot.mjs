// Neovim 0.7 (headless, vim.lsp.start_client) against `node dist/server.js --stdio`, on the same
// `bot` fixture and the same expectations (../shared/bot.mjs) as the code-server scenarios.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { step } from '../lib/nvim.mjs';
import { serverCommand } from '../lib/project.mjs';
import {
  ACTIONS_AT, FIX, FIX_ALL_KIND, FIXTURE, HOVER, JSON_DIAGNOSTICS, JSON_FILE, LINE, SITE, TS, TS_DIAGNOSTICS, TS_QUIET_LINES,
  checkAll, checkDiagnostics, jsonAfterFixAll, tsAfterFixAll,
} from '../shared/bot.mjs';

const at = (site, offset = 1) => ({ at: { text: site.text, nth: site.nth ?? 0, offset } });
/** nvim-driver diagnostics → the flat shape checkDiagnostics() takes. */
const flat = (diags) => diags.map((d) => ({ line: d.range.start.line, character: d.range.start.character, code: d.code, severity: d.severity, message: d.message, source: d.source }));
const lines = (text) => text.split('\n');

async function nvim(t, file, steps, settings) {
  const workspace = t.workspace(FIXTURE);
  const r = await t.nvim({ server: serverCommand(), workspace, file, steps, settings });
  t.assert.ok(r.ok, `nvim run failed: ${r.error}`);
  return { r, original: readFileSync(join(workspace, file), 'utf8') };
}

export default [
  {
    name: 'neovim: TS bot — diagnostics (none on comments, log strings, Milky names) and hover',
    timeout: 60000,
    async run(t) {
      const { r } = await nvim(t, TS, [
        { op: 'wait_diagnostics', count: TS_DIAGNOSTICS.length },
        { op: 'hover', pos: at(SITE.sendGroupMsg), name: 'hover napcat' },
        { op: 'hover', pos: at(SITE.commentName), name: 'hover comment' },
        { op: 'hover', pos: at(SITE.logName), name: 'hover log' },
        { op: 'hover', pos: at(SITE.milkyName), name: 'hover milky' },
      ]);
      checkDiagnostics(flat(step(r, 'wait_diagnostics').diagnostics), TS_DIAGNOSTICS, { quietLines: TS_QUIET_LINES });
      const h = step(r, 'hover napcat');
      checkAll(h.text, HOVER.en, 'hover on send_group_msg');
      t.assert.deepEqual(h.raw.range, { start: { line: 4, character: 17 }, end: { line: 4, character: 31 } });
      t.assert.equal(step(r, 'hover comment').text, '', 'no hover in a comment');
      t.assert.equal(step(r, 'hover log').text, '', 'no hover in a log string');
      t.assert.match(step(r, 'hover milky').text, /group_id/, 'a Milky name hovers with its fields');
      t.log(`nvim ${r.nvim}: ${TS_DIAGNOSTICS.length} diagnostics, hover ok`);
    },
  },
  {
    name: 'neovim: code actions — mapped fix applied, ambiguous candidates, context-preferred',
    timeout: 60000,
    async run(t) {
      const { r } = await nvim(t, TS, [
        { op: 'wait_diagnostics', count: TS_DIAGNOSTICS.length },
        { op: 'code_actions', pos: at(SITE.strangerInfo), name: 'stranger' },
        { op: 'code_actions', pos: at(SITE.deleteMsg), name: 'delete' },
        { op: 'code_actions', pos: at(SITE.deleteMsgGroup), name: 'delete group' },
        { op: 'code_actions', pos: at(SITE.getStatus), name: 'status' },
        { op: 'apply_code_action', pos: at(SITE.sendGroupMsg), preferred: true, name: 'apply mapped' },
        { op: 'wait_diagnostics', count: TS_DIAGNOSTICS.length - 1, fresh: true, name: 'after mapped' },
        { op: 'apply_code_action', pos: at(SITE.strangerInfo), match: FIX.strangerProfile, name: 'apply ambiguous' },
        { op: 'wait_diagnostics', count: TS_DIAGNOSTICS.length - 2, fresh: true, name: 'after ambiguous' },
        { op: 'text' },
      ]);
      const titles = (name) => step(r, name).actions.map((a) => a.title);
      const preferred = (name) => step(r, name).actions.find((a) => a.isPreferred)?.title;
      for (const [name, key] of [['stranger', 'strangerInfo'], ['delete', 'deleteMsg'], ['delete group', 'deleteMsgGroup'], ['status', 'getStatus']]) {
        t.assert.deepEqual(titles(name), ACTIONS_AT[key].titles, `actions at ${key}`);
        t.assert.equal(preferred(name), ACTIONS_AT[key].preferred, `preferred action at ${key}`);
      }
      const applied = step(r, 'apply mapped');
      t.assert.deepEqual(applied.actions.map((a) => a.title), ACTIONS_AT.sendGroupMsg.titles);
      t.assert.equal(applied.title, FIX.mapped);
      const text = lines(step(r, 'text').text);
      t.assert.equal(text[4], LINE.sendAfter, 'send_group_msg became the Milky call');
      t.assert.equal(text[5], LINE.strangerProfile, 'the chosen candidate was applied');
      t.assert.ok(!step(r, 'after mapped').diagnostics.some((d) => d.range.start.line === 4), 'the squiggle on the fixed line is gone');
    },
  },
  {
    name: 'neovim: fix-all (source.fixAll.napcatMilky) on the TS bot and the JSON fixture',
    timeout: 60000,
    async run(t) {
      const ts = await nvim(t, TS, [
        { op: 'wait_diagnostics', count: TS_DIAGNOSTICS.length },
        { op: 'fix_all', kind: FIX_ALL_KIND },
        { op: 'save' },
        { op: 'wait_diagnostics', min: 1, fresh: true, name: 'after' },
      ]);
      t.assert.deepEqual(step(ts.r, 'fix_all').titles, [FIX.fixAll]);
      t.assert.equal(ts.r.final_text, tsAfterFixAll(ts.original).replace(/\n$/, ''));
      const left = step(ts.r, 'after').diagnostics.filter((d) => d.code !== 'milky-params').map((d) => d.code);
      t.assert.deepEqual(left, ['ambiguous', 'ambiguous', 'no-counterpart', 'same-name'], 'only what needs a choice is left');

      const json = await nvim(t, JSON_FILE, [
        { op: 'wait_diagnostics', count: 1 },
        { op: 'hover', pos: at(JSON_DIAGNOSTICS[0].site) },
        { op: 'code_actions', pos: at(JSON_DIAGNOSTICS[0].site) },
        { op: 'fix_all', kind: FIX_ALL_KIND },
        { op: 'wait_diagnostics', count: 0, fresh: true, name: 'after' },
      ]);
      checkDiagnostics(flat(step(json.r, 'wait_diagnostics').diagnostics), JSON_DIAGNOSTICS);
      checkAll(step(json.r, 'hover').text, HOVER.en, 'JSON hover');
      t.assert.deepEqual(step(json.r, 'code_actions').actions.map((a) => a.title), [FIX.mapped], 'JSON: the fix, no comment-based actions');
      t.assert.equal(json.r.final_text, jsonAfterFixAll(json.original).replace(/\n$/, ''));
    },
  },
  {
    name: 'neovim: settings — severity.noCounterpart off, language zh-cn',
    timeout: 60000,
    async run(t) {
      const { r } = await nvim(t, TS, [
        { op: 'wait_diagnostics', count: TS_DIAGNOSTICS.length },
        { op: 'hover', pos: at(SITE.sendGroupMsg) },
        { op: 'code_actions', pos: at(SITE.sendGroupMsg) },
        { op: 'did_change_configuration', settings: { napcatMilky: { language: 'zh-cn', severity: { noCounterpart: 'off' } } } },
        { op: 'wait_diagnostics', count: TS_DIAGNOSTICS.length - 1, fresh: true, name: 'off' },
      ], { napcatMilky: { language: 'zh-cn' } });
      checkDiagnostics(flat(step(r, 'wait_diagnostics').diagnostics), TS_DIAGNOSTICS, { lang: 'zh' });
      checkAll(step(r, 'hover').text, [...HOVER.zh, /类型/], 'zh-cn hover');
      t.assert.equal(step(r, 'code_actions').actions[0].title, '迁移到 Milky `send_group_message`（推荐）');
      checkDiagnostics(flat(step(r, 'off').diagnostics), TS_DIAGNOSTICS.filter((d) => d.code !== 'no-counterpart'), { lang: 'zh' });
    },
  },
];
