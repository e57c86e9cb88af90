// The packaged extension (napcat-milky.vsix) in code-server 4.139.1 (VS Code 1.139.1) + Chromium,
// driven like a user: each scenario gets a fresh profile with the vsix installed through
// --install-extension and a copy of test/e2e/fixtures/bot. Expectations are shared with the
// Neovim and desktop VS Code suites (../shared/bot.mjs). Screenshots land in out/<scenario>/.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectVsix } from '../lib/project.mjs';
import { poll } from '../lib/util.mjs';
import {
  FIX, FIX_ALL_KIND, FIX_ZH, FIXTURE, HOVER, JSON_DIAGNOSTICS, JSON_FILE, LINE, SITE, TS, TS_DIAGNOSTICS, TS_HINT_WORDS,
  TS_QUIET_LINES, TS_WARNING_WORDS, checkAll, checkDiagnostics, jsonAfterFixAll, posOf, tsAfterFixAll,
} from '../shared/bot.mjs';

const SEVERITY = { error: 1, warning: 2, info: 3 };

/** Start code-server on the bot fixture with the packaged vsix; returns helpers bound to it. */
async function open(t, { settings = {}, prepare } = {}) {
  const workspace = t.workspace(FIXTURE);
  if (prepare) prepare(workspace);
  const { wb, cs } = await t.vscode({ workspace, vsix: projectVsix(), settings });
  const original = (rel) => readFileSync(join(workspace, rel), 'utf8');
  const texts = { [TS]: original(TS), [JSON_FILE]: original(JSON_FILE) };
  /** LSP position of a shared site in the fixture as it was copied (offset 1: inside the word). */
  const pos = (site, rel = TS) => posOf(texts[rel], { ...site, offset: site.offset ?? 1 });
  return { wb, cs, workspace, texts, pos };
}

/**
 * Problems panel markers of our source, per file base name, in the flat shape checkDiagnostics()
 * takes (0-based line/character, LSP severity numbers).
 */
function problemsByFile(rows) {
  const out = {};
  let file;
  for (const r of rows) {
    if (r.kind === 'file') { file = /in file (\S+)/.exec(r.label)?.[1] ?? r.text; out[file] ??= []; continue; }
    if (r.source !== 'napcat-milky') continue;
    (out[file] ??= []).push({ line: r.line - 1, character: r.column - 1, code: r.code, severity: SEVERITY[r.severity], message: r.message, source: r.source });
  }
  return out;
}
const warnings = (list) => list.filter((d) => d.severity === 2);

/** The text of the editor line under each squiggle of the active editor. */
function squiggledLines(wb) {
  return wb.activeEditor().evaluate((ed) => {
    const lines = [...ed.querySelectorAll('.view-lines .view-line')];
    return [...ed.querySelectorAll('[class*="squiggly-"]:not(.squiggly-inline-deprecated)')].map((sq) => {
      const r = sq.getBoundingClientRect();
      const mid = r.top + r.height / 2;
      const line = lines.find((l) => { const b = l.getBoundingClientRect(); return b.top <= mid && b.bottom >= mid; });
      return line ? line.textContent.replace(/\u00a0/g, ' ') : null;
    });
  });
}

/** Assert the squiggles of src/bot.ts: the NapCat words only, never the quiet lines. */
async function checkTsSquiggles(t, wb, texts, { warningWords = TS_WARNING_WORDS } = {}) {
  await wb.waitForSquiggles({ severity: 'warning', count: warningWords.length });
  await wb.waitForSquiggles({ severity: 'hint', count: TS_HINT_WORDS.length });
  t.assert.deepEqual((await wb.squiggledTexts('warning')).sort(), [...warningWords].sort(), 'warning squiggles sit on the NapCat names');
  const src = texts[TS].split('\n');
  const quiet = TS_QUIET_LINES.map((l) => src[l]);
  const lines = await squiggledLines(wb);
  for (const l of lines) t.assert.ok(!quiet.includes(l), `no squiggle on a comment, log string or Milky call: ${l}`);
}

/** Keep a screenshot of just `selector` too (for docs/images), next to the full-page one. */
async function shot(wb, name, selector) {
  await wb.screenshot(name);
  if (selector) await wb.screenshotOf(selector, `${name}-detail`).catch(() => {});
}

/** Text of the token inspector ("Developer: Inspect Editor Tokens and Scopes") once it shows `word`. */
export async function tokenScopes(wb, word) {
  let txt;
  return poll(async () => {
    // The widget shows spaces in the token as middle dots.
    txt = (await wb.page.locator('.token-inspect-widget').first().innerText().catch(() => '')).replace(/\u00b7/g, ' ');
    return txt.startsWith(word) && /textmate scopes/.test(txt) && txt;
  }, { timeout: 10000, what: `token inspector on ${word}` }).catch((e) => { e.message += `\nwidget: ${txt}`; throw e; });
}

/**
 * Type `prefix`, wait for the suggest widget to focus a row whose aria-label starts with `label`,
 * accept it with Enter. Returns { focused, rows } (aria-labels).
 */
export async function acceptSuggestion(wb, prefix, label, { suffix = '' } = {}) {
  // Typing the suffix and stepping back over it gives the same text whether or not the editor
  // auto-closes brackets and quotes in time (it overtypes its own closers), so the test does not
  // depend on that timing.
  await wb.type(prefix + suffix);
  for (let i = 0; i < suffix.length; i++) await wb.press('ArrowLeft');
  const widget = wb.page.locator('.editor-widget.suggest-widget.visible');
  const focused = widget.locator('.monaco-list-row.focused');
  await poll(async () => {
    if (!(await focused.count())) { await wb.press('Control+Space'); return false; }
    const l = await focused.first().getAttribute('aria-label');
    return l && l.startsWith(label);
  }, { timeout: 15000, interval: 300, what: `suggestion ${label} focused` });
  const result = {
    focused: await focused.first().getAttribute('aria-label'),
    // aria-label: "label, description, kind" (+ ", docs: …" on the row whose details are open)
    rows: await widget.locator('.monaco-list-row').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label').split('\n')[0].replace(/, docs: .*$/, ''))),
  };
  wb.log(`suggestions for ${prefix}: ${JSON.stringify(result.rows)}`);
  await wb.press('Enter');
  await widget.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
  return result;
}

export default [
  {
    name: 'vscode: squiggles + Problems panel (TS and JSON), hover, status bar',
    timeout: 150000,
    async run(t) {
      const { assert, log } = t;
      const { wb, texts, pos } = await open(t);

      await wb.openFile(TS);
      await checkTsSquiggles(t, wb, texts);
      log('squiggles on the NapCat names only');
      const rows = await wb.problems({ until: (r) => (problemsByFile(r)['bot.ts'] ?? []).length === warnings(TS_DIAGNOSTICS).length });
      // The Problems panel leaves hints out: the same-name finding shows as dots in the editor only.
      checkDiagnostics(problemsByFile(rows)['bot.ts'], warnings(TS_DIAGNOSTICS), { quietLines: TS_QUIET_LINES, what: 'Problems rows of bot.ts' });
      assert.equal((await wb.statusProblems()).warnings, warnings(TS_DIAGNOSTICS).length);
      const status = await poll(async () => (await wb.page.locator('.statusbar-item').allInnerTexts()).map((s) => s.trim()).find((s) => /NapCat \d+/.test(s)),
        { what: 'NapCat status bar item' });
      assert.equal(status, `NapCat ${TS_DIAGNOSTICS.length}`);
      await shot(wb, 'squiggles-problems');
      log('Problems panel rows + status bar ok');

      const hover = await wb.hover(pos(SITE.sendGroupMsg), { until: (h) => HOVER.en.every((p) => p.test(h)) });
      checkAll(hover, HOVER.en, 'hover on send_group_msg');
      assert.match(hover, TS_DIAGNOSTICS[0].en, 'the hover also shows the diagnostic');
      await shot(wb, 'hover', '.monaco-hover:not(.hidden):not(.workbench-hover)');
      await wb.escape();
      const none = await wb.hover(pos(SITE.getStatus), { until: (h) => /no Milky counterpart|no Milky 1\.2 counterpart/.test(h) });
      assert.match(none, /get_status/);
      await wb.escape();
      log('hovers ok');

      await wb.openFile(JSON_FILE);
      await wb.waitForSquiggles({ severity: 'warning', count: 1 });
      assert.deepEqual(await wb.squiggledTexts('warning'), ['send_group_msg']);
      const all = await wb.problems({ until: (r) => (problemsByFile(r)['replay.json'] ?? []).length === 1 });
      checkDiagnostics(problemsByFile(all)['replay.json'], JSON_DIAGNOSTICS, { what: 'Problems rows of replay.json' });
      const jsonHover = await wb.hover(pos(JSON_DIAGNOSTICS[0].site, JSON_FILE), { until: (h) => HOVER.en.every((p) => p.test(h)) });
      checkAll(jsonHover, HOVER.en, 'hover in replay.json');
      await wb.escape();
      log('JSON squiggle, Problems row, hover ok');
    },
  },
  {
    name: 'vscode: Ctrl+. quick fixes — mapped applied, ambiguous candidates, context-preferred first, ignore line, JSON',
    timeout: 150000,
    async run(t) {
      const { assert, log } = t;
      const { wb, texts, pos } = await open(t);
      await wb.openFile(TS);
      await checkTsSquiggles(t, wb, texts);
      const nonTs = (labels) => labels.filter((l) => /napcat-milky|Milky/.test(l));

      // Ambiguous without context: both candidates, neither preferred.
      const stranger = nonTs(await wb.quickFixMenu(pos(SITE.strangerInfo), { until: (l) => l.includes(FIX.strangerFriend) }));
      assert.deepEqual(stranger.slice(0, 2).sort(), [FIX.strangerFriend, FIX.strangerProfile].sort());
      assert.ok(!stranger.some((l) => /preferred/.test(l)), `no preferred fix when the code does not decide: ${stranger}`);
      await wb.escape();
      const recall = nonTs(await wb.quickFixMenu(pos(SITE.deleteMsg), { until: (l) => l.includes(FIX.recallGroup) }));
      assert.deepEqual(recall.slice(0, 2).sort(), [FIX.recallGroup, FIX.recallPrivate].sort());
      await wb.escape();
      log('ambiguous: both candidates offered');

      // Context decides (group_id): the preferred candidate comes first and is focused.
      const group = await wb.quickFixMenu(pos(SITE.deleteMsgGroup), { until: (l) => l.includes(FIX.recallGroupPreferred) });
      assert.deepEqual(group.slice(0, 2), [FIX.recallGroupPreferred, FIX.recallPrivate]);
      assert.equal((await wb.readMenu()).find((r) => r.focused)?.label, FIX.recallGroupPreferred);
      await shot(wb, 'quickfix-menu-ambiguous', '.action-widget');
      await wb.pickMenuItem(FIX.recallGroupPreferred);
      await wb.waitForEditorText(LINE.recallGroupAfter);
      log('context-preferred fix first, applied');

      // Mapped: one fix, preferred, focused; applying it rewrites the call and the squiggle goes.
      const mapped = await wb.quickFixMenu(pos(SITE.sendGroupMsg), { until: (l) => l.includes(FIX.mapped) });
      assert.equal(mapped[0], FIX.mapped);
      assert.deepEqual(nonTs(mapped), [FIX.mapped, FIX.ignoreLine, FIX.disableFile]);
      await shot(wb, 'quickfix-menu', '.action-widget');
      await wb.pickMenuItem(FIX.mapped);
      await wb.waitForEditorText(LINE.sendAfter);
      await poll(async () => !(await wb.squiggledTexts('warning')).includes('send_group_msg'), { what: 'send_group_msg squiggle gone' });
      log('mapped fix applied');

      // Ignore this line: a comment above get_status, its squiggle goes.
      await wb.applyQuickFix(pos(SITE.getStatus), FIX.ignoreLine);
      await wb.waitForEditorText(`${LINE.statusIgnored}\n  await callApi('get_status', {});`);
      await poll(async () => !(await wb.squiggledTexts('warning')).includes('get_status'), { what: 'get_status squiggle gone' });
      await wb.escape();
      await shot(wb, 'after-fix');
      const left = await wb.squiggledTexts('warning');
      for (const w of ['get_stranger_info', 'delete_msg']) assert.ok(left.includes(w), `${w} still flagged: ${left}`);
      log('ignore line ok');

      // JSON: the same quick fix.
      await wb.openFile(JSON_FILE);
      await wb.waitForSquiggles({ severity: 'warning', count: 1 });
      const json = await wb.quickFixMenu(pos(JSON_DIAGNOSTICS[0].site, JSON_FILE), { until: (l) => l.includes(FIX.mapped) });
      assert.equal(json[0], FIX.mapped);
      await wb.pickMenuItem(FIX.mapped);
      await wb.waitForEditorText('"action": "send_group_message"');
      await wb.waitForSquiggles({ count: 0 });
      await wb.save();
      assert.equal(wb.fileText(JSON_FILE), jsonAfterFixAll(texts[JSON_FILE]));
      log('JSON quick fix ok');
    },
  },
  {
    name: 'vscode: fix-all on save (editor.codeActionsOnSave source.fixAll.napcatMilky) in TS and JSON',
    timeout: 150000,
    async run(t) {
      const { assert, log } = t;
      const { wb, texts } = await open(t, { settings: { 'editor.codeActionsOnSave': { [FIX_ALL_KIND]: 'explicit' } } });
      await wb.openFile(TS);
      await checkTsSquiggles(t, wb, texts);
      // A user edit (line 3 is empty), then Ctrl+S: the save runs the fix-all action first.
      await wb.goto({ line: 2, character: 0 });
      await wb.type('// edited');
      await wb.save();
      const want = tsAfterFixAll(texts[TS]).replace('\n\nexport', '\n// edited\nexport');
      await poll(() => wb.fileText(TS) === want, { what: 'bot.ts migrated on save' })
        .catch((e) => { e.message += `\non disk:\n${wb.fileText(TS)}`; throw e; });
      await wb.waitForEditorText(LINE.sendAfter);
      await poll(async () => {
        const w = await wb.squiggledTexts('warning');
        return !w.includes('send_group_msg') && w.filter((x) => x === 'delete_msg').length === 1 && w;
      }, { what: 'squiggles left after fix-all: only what needs a choice' });
      await shot(wb, 'fix-all-on-save');
      log('TS migrated on save');

      await wb.openFile(JSON_FILE);
      await wb.waitForSquiggles({ severity: 'warning', count: 1 });
      await wb.goto({ line: 0, character: 1 });
      await wb.type(' ');
      await wb.save();
      const wantJson = jsonAfterFixAll(texts[JSON_FILE]).replace(/^\{\n/, '{ \n');
      await poll(() => wb.fileText(JSON_FILE) === wantJson, { what: 'replay.json migrated on save' })
        .catch((e) => { e.message += `\non disk:\n${wb.fileText(JSON_FILE)}`; throw e; });
      await wb.waitForSquiggles({ count: 0 });
      assert.equal(await wb.squiggleCount(), 0);
      log('JSON migrated on save');
    },
  },
  {
    name: 'vscode: migrate workspace — progress, Refactor Preview, apply, report opens beside',
    timeout: 180000,
    async run(t) {
      const { assert, log } = t;
      // 1200 extra handler files that mention a NapCat name only in a comment: each is parsed (and
      // stays quiet), so the scan takes long enough for VS Code to show its window progress (it
      // shows progress only for work that lasts more than 150 ms).
      const HANDLERS = 1200;
      const { wb, texts } = await open(t, {
        prepare(ws) {
          const dir = join(ws, 'src/handlers');
          mkdirSync(dir, { recursive: true });
          const body = Array.from({ length: 40 }, (_, i) => `export function handler${i}(x: number): string { return String(x * ${i}); }`).join('\n');
          for (let i = 0; i < HANDLERS; i++) writeFileSync(join(dir, `h${String(i).padStart(4, '0')}.ts`), `// was wired to send_group_msg before the Milky move\n${body}\n`);
        },
      });
      await wb.openFile('src/api.ts');
      // Record what the status bar's progress entry shows, from now on.
      await wb.page.evaluate(() => {
        window.__progress = [];
        const seen = new Set();
        const grab = () => {
          for (const el of document.querySelectorAll('#status\\.progress, .statusbar-item')) {
            const txt = el.innerText.replace(/\s+/g, ' ').trim();
            if (txt && /Milky|Scanning/.test(txt) && !/^NapCat \d+$/.test(txt) && !seen.has(txt)) { seen.add(txt); window.__progress.push(txt); }
          }
        };
        new MutationObserver(grab).observe(document.querySelector('.part.statusbar'), { subtree: true, childList: true, characterData: true, attributes: true });
      });
      await wb.runCommand(/Migrate Workspace to Milky/);
      const panel = wb.page.locator('.bulk-edit-panel');
      const rows = panel.locator('.monaco-list-row');
      await rows.first().waitFor({ timeout: 60000 });
      const progress = await wb.page.evaluate(() => window.__progress);
      log('progress seen', progress);
      assert.ok(progress.some((p) => /Migrate NapCat calls to Milky/.test(p)), `window progress shown while scanning: ${JSON.stringify(progress)}`);

      // The edit asks for confirmation (change annotation needsConfirmation): VS Code lists it in
      // the Refactor Preview with every change unticked. Tick both files, then Apply.
      const fileRows = () => rows.evaluateAll((els) => els.filter((e) => e.getAttribute('aria-level') === '1').map((e) => e.getAttribute('aria-label')));
      await poll(async () => (await fileRows()).length === 2, { what: 'two files in the Refactor Preview' });
      assert.deepEqual((await fileRows()).sort(), ['replay.json, making text edits', 'src/bot.ts, making text edits']);
      for (let i = 0; i < 2; i++) {
        const unticked = panel.locator('.monaco-list-row[aria-level="1"] .edit-checkbox[aria-checked="false"]').first();
        await unticked.click();
      }
      await poll(async () => {
        const states = await rows.evaluateAll((els) => els.map((e) => e.querySelector('.edit-checkbox')?.getAttribute('aria-checked')));
        return states.length >= 5 && states.every((s) => s === 'true');
      }, { what: 'every change ticked' });
      await shot(wb, 'refactor-preview');
      await panel.locator('.monaco-button', { hasText: /^Apply$/ }).click();
      const toast = await wb.waitForNotification(/3 sites in 2 files migrated; 5 left to do by hand/);
      log('notification:', toast);

      // The changed files are open (dirty) with the migration applied; save them and check the disk.
      for (const name of ['bot.ts', 'replay.json']) {
        await wb.page.locator(`.tab[data-resource-name="${name}"]`).click();
        await wb.waitForActiveTab(name);
        await wb.save();
      }
      await poll(() => wb.fileText(TS) === tsAfterFixAll(texts[TS]) && wb.fileText(JSON_FILE) === jsonAfterFixAll(texts[JSON_FILE]),
        { what: 'both files migrated on disk' }).catch((e) => { e.message += `\nbot.ts:\n${wb.fileText(TS)}\nreplay.json:\n${wb.fileText(JSON_FILE)}`; throw e; });
      log('files migrated');

      // "Show report" (napcatMilky.showReport) opens a Markdown document beside the editor.
      await wb.page.evaluate(() => { window.__progress.length = 0; });
      await wb.page.locator('.notifications-toasts .notification-toast', { hasText: /sites in/ }).first()
        .locator('.monaco-button', { hasText: /^Show report$/ }).click();
      await poll(async () => (await wb.page.locator('.editor-group-container').count()) === 2, { what: 'report beside (2 editor groups)' });
      await wb.waitForActiveTab('Untitled-1');
      const report = await wb.waitForEditorText((s) => s.includes('migration report') && s.includes('Left to do by hand'));
      assert.match(report, /^# napcat-milky: NapCat → Milky migration report/);
      assert.match(report, /\| src\/bot\.ts \|/);
      assert.equal((await wb.page.locator('#status\\.editor\\.mode').innerText()).trim(), 'Markdown');
      await shot(wb, 'report');
      log('report opened beside');

      // The same command from the palette opens another one.
      await wb.runCommand(/NapCat → Milky: Show Migration Report/);
      await wb.waitForActiveTab('Untitled-2');
    },
  },
  {
    name: 'vscode: live settings — severity.noCounterpart off, language zh-cn (diagnostics, hover, quick fix)',
    timeout: 150000,
    async run(t) {
      const { assert, log } = t;
      const { wb, texts, pos } = await open(t);
      await wb.openFile(TS);
      await checkTsSquiggles(t, wb, texts);
      await wb.problems({ until: (r) => (problemsByFile(r)['bot.ts'] ?? []).length === 5 });
      const withoutNc = TS_DIAGNOSTICS.filter((d) => d.code !== 'no-counterpart');

      await wb.setUserSettings({ 'napcatMilky.severity.noCounterpart': 'off' }, {
        until: async () => (await wb.squiggleCount('warning')) === TS_WARNING_WORDS.length - 1,
      });
      assert.ok(!(await wb.squiggledTexts('warning')).includes('get_status'), 'get_status no longer squiggled');
      const rows = await wb.problems({ until: (r) => (problemsByFile(r)['bot.ts'] ?? []).length === 4 });
      checkDiagnostics(problemsByFile(rows)['bot.ts'], warnings(withoutNc), { what: 'Problems rows with noCounterpart off' });
      log('noCounterpart off: diagnostics gone without reload');

      await wb.setUserSettings({ 'napcatMilky.language': 'zh-cn' }, {
        until: async () => (problemsByFile(await wb.readProblems())['bot.ts'] ?? []).some((d) => /对应多个 Milky 端点/.test(d.message)),
      });
      const isZh = (r) => { try { checkDiagnostics(problemsByFile(r)['bot.ts'] ?? [], warnings(withoutNc), { lang: 'zh' }); return true; } catch { return false; } };
      const zh = await wb.problems({ until: isZh });
      checkDiagnostics(problemsByFile(zh)['bot.ts'], warnings(withoutNc), { lang: 'zh', what: 'Problems rows in zh-cn' });
      const hover = await wb.hover(pos(SITE.sendGroupMsg), { until: (h) => HOVER.zh.every((p) => p.test(h)) });
      checkAll(hover, HOVER.zh, 'zh-cn hover');
      await shot(wb, 'zh-cn-hover', '.monaco-hover:not(.hidden):not(.workbench-hover)');
      await wb.escape();
      const menu = await wb.quickFixMenu(pos(SITE.sendGroupMsg), { until: (l) => l.includes(FIX_ZH.mapped) });
      assert.equal(menu[0], FIX_ZH.mapped);
      await wb.escape();
      log('zh-cn diagnostics, hover, quick fix ok');
    },
  },
  {
    name: 'vscode: snippets (milky-send_group_message, milky-client), Milky completion, grammar scopes',
    timeout: 150000,
    async run(t) {
      const { assert, log } = t;
      const { wb, texts, pos } = await open(t);
      await wb.openFile(TS);
      await wb.waitForSquiggles({ severity: 'warning', min: 1 });

      // Injection grammar: "Developer: Inspect Editor Tokens and Scopes" follows the cursor.
      await wb.goto(pos(SITE.sendGroupMsg));
      await wb.runCommand('Developer: Inspect Editor Tokens and Scopes');
      const napcat = await tokenScopes(wb, 'send_group_msg');
      assert.match(napcat, /invalid\.deprecated\.napcat-action\.napcat-milky/);
      await shot(wb, 'token-scopes', '.token-inspect-widget');
      await wb.goto(pos(SITE.milkyName));
      assert.match(await tokenScopes(wb, 'send_group_message'), /support\.function\.milky-endpoint\.napcat-milky/);
      await wb.goto(pos(SITE.logName));
      const log1 = await tokenScopes(wb, 'send_group_msg returned');
      assert.doesNotMatch(log1, /napcat-milky/, 'a log string is not scoped as an action');
      await wb.escape();
      // The scope shows in the rendered tokens too: the NapCat name is its own token span.
      const spans = await wb.activeEditor().evaluate((ed) => [...ed.querySelectorAll('.view-line span span')].map((s) => s.textContent));
      assert.ok(spans.includes('send_group_msg') && spans.includes('send_group_message'), 'names are separate tokens');
      log('grammar scopes ok');

      // Snippets: a new line at the end of the function body.
      const lastLine = texts[TS].split('\n').findIndex((l) => l === '}');
      await wb.goto({ line: lastLine - 1, character: texts[TS].split('\n')[lastLine - 1].length });
      await wb.press('Enter');
      const send = await acceptSuggestion(wb, 'milky-send_group_message', 'milky-send_group_message');
      assert.match(send.focused, /^milky-send_group_message, Milky send_group_message, Snippet/);
      await wb.waitForEditorText("await callMilky('send_group_message', { group_id: 0, message: [{ type: 'text', data: { text: '' } }] });");
      await wb.escape(2);
      await wb.press('End');
      await wb.press('Enter');
      // Completion of Milky names inside an action string (from the language server).
      const comp = await acceptSuggestion(wb, "await callApi('get_friend_l", 'get_friend_list', { suffix: "')" });
      assert.match(comp.focused, /^get_friend_list, List friends, Function/);
      await wb.waitForEditorText("await callApi('get_friend_list')");
      await wb.escape(2);
      log('Milky completion ok');
      // milky-client at the top level, after the closing brace: in a .ts file, the typed helper.
      await wb.press('Control+End');
      await wb.press('Enter');
      const client = await acceptSuggestion(wb, 'milky-client', 'milky-client');
      await wb.waitForEditorText((s) => s.includes("const MILKY_BASE = 'http://127.0.0.1:3000';") && s.includes('const MILKY_TOKEN'));
      await wb.escape(2);
      await shot(wb, 'snippets');
      const offered = client.rows.filter((r) => r.startsWith('milky-client,'));
      assert.deepEqual(offered, ['milky-client, Milky client helper (TypeScript), Snippet'],
        `in a TypeScript file only the TypeScript milky-client snippet should be offered; offered: ${JSON.stringify(offered)}, accepted: ${client.focused.split('\n')[0].replace(/, docs: .*$/, '')}`);
      await wb.waitForEditorText('async function callMilky<T = unknown>(endpoint: string');
      log('snippets ok');
    },
  },
];
