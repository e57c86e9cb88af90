// The bot-fixture scenarios through the VS Code extension API, for desktop VS Code
// (@vscode/test-electron, see ../run.mjs). Same fixture and the same expectations
// (../../shared/bot.mjs) as the code-server and Neovim scenarios; only the way of asking differs:
// vscode.languages.getDiagnostics, vscode.executeHoverProvider, vscode.executeCodeActionProvider,
// workspace.applyEdit, the configuration API, the extension's commands.
//
// Not here: the Refactor Preview of "Migrate Workspace" (it waits for a click) and the grammar
// scopes (no API; test/grammar covers them) — the code-server suite drives those through the UI.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ACTIONS_AT, FIX, FIX_ALL_KIND, FIXTURE, HOVER, JSON_DIAGNOSTICS, JSON_FILE, LINE, SITE, SOURCE, TS, TS_DIAGNOSTICS,
  TS_QUIET_LINES, checkAll, checkDiagnostics, jsonAfterFixAll, posOf, tsAfterFixAll,
} from '../../shared/bot.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const FIXTURE_DIR = join(HERE, '../../fixtures', FIXTURE);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function poll(fn, { timeout = 20000, interval = 100, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last, err;
  for (;;) {
    try { last = await fn(); if (last) return last; } catch (e) { err = e; }
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}${err ? ` (${err.message})` : ''}`);
    await sleep(interval);
  }
}
function assert(cond, msg) { if (!cond) throw new Error(msg); }
function equal(a, b, msg) { if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`${msg}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`); }

export async function runScenarios(vscode, { workspace, resultFile, grep } = {}) {
  if (!workspace) throw new Error('no workspace folder open');
  const results = [];

  /** A fresh copy of the fixture under <workspace>/runs/<n>/, so scenarios do not share files. */
  let n = 0;
  function copy() {
    const dir = join(workspace, 'runs', String(++n));
    mkdirSync(dir, { recursive: true });
    cpSync(FIXTURE_DIR, dir, { recursive: true });
    const text = (rel) => readFileSync(join(dir, rel), 'utf8');
    return { dir, uri: (rel) => vscode.Uri.file(join(dir, rel)), original: { [TS]: text(TS), [JSON_FILE]: text(JSON_FILE) } };
  }
  const position = (text, site, offset = 1) => { const p = posOf(text, { ...site, offset }); return new vscode.Position(p.line, p.character); };
  const ours = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
  const flat = (diags) => diags.map((d) => ({
    line: d.range.start.line, character: d.range.start.character, source: d.source, message: d.message,
    code: typeof d.code === 'object' ? String(d.code.value) : d.code, severity: d.severity + 1, // vscode 0..3 → LSP 1..4
  }));
  async function open(uri) {
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    return { doc, editor };
  }
  const waitDiagnostics = (uri, pred, what) => poll(() => { const d = ours(uri); return pred(d) && d; }, { what });
  async function hoverText(uri, pos) {
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, pos);
    return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n\n');
  }
  async function actionsAt(uri, pos, kind) {
    const range = pos instanceof vscode.Range ? pos : new vscode.Range(pos, pos);
    return (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
  }
  async function apply(action) {
    if (action.edit) assert(await vscode.workspace.applyEdit(action.edit), `applyEdit failed for ${action.title}`);
    if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  }
  const config = () => vscode.workspace.getConfiguration();
  const label = (i) => (typeof i.label === 'string' ? i.label : i.label.label);
  async function setting(key, value) { await config().update(key, value, vscode.ConfigurationTarget.Global); }

  const scenarios = [
    {
      name: 'vscode-api: diagnostics (none on comments, log strings, Milky names) and hover',
      async run() {
        const f = copy();
        const ts = f.uri(TS);
        await open(ts);
        const diags = await waitDiagnostics(ts, (d) => d.length === TS_DIAGNOSTICS.length, 'bot.ts diagnostics');
        checkDiagnostics(flat(diags), TS_DIAGNOSTICS, { quietLines: TS_QUIET_LINES });
        checkAll(await hoverText(ts, position(f.original[TS], SITE.sendGroupMsg)), HOVER.en, 'hover on send_group_msg');
        const json = f.uri(JSON_FILE);
        await open(json);
        checkDiagnostics(flat(await waitDiagnostics(json, (d) => d.length === 1, 'replay.json diagnostics')), JSON_DIAGNOSTICS);
      },
    },
    {
      name: 'vscode-api: quick fixes — mapped applied, ambiguous candidates, context-preferred first',
      async run() {
        const f = copy();
        const ts = f.uri(TS);
        const { doc } = await open(ts);
        await waitDiagnostics(ts, (d) => d.length === TS_DIAGNOSTICS.length, 'bot.ts diagnostics');
        for (const key of ['strangerInfo', 'deleteMsg', 'deleteMsgGroup', 'getStatus']) {
          const actions = (await actionsAt(ts, position(f.original[TS], SITE[key]))).filter((a) => a.kind?.value === 'quickfix');
          const titles = actions.map((a) => a.title);
          equal([...titles].sort(), [...ACTIONS_AT[key].titles].sort(), `quick fixes at ${key}`);
          const preferred = actions.find((a) => a.isPreferred)?.title;
          equal(preferred, ACTIONS_AT[key].preferred, `preferred fix at ${key}`);
          if (preferred) equal(titles[0], preferred, `the preferred fix comes first at ${key}`);
        }
        const mapped = (await actionsAt(ts, position(f.original[TS], SITE.sendGroupMsg))).find((a) => a.title === FIX.mapped);
        assert(mapped?.isPreferred, 'mapped fix offered and preferred');
        await apply(mapped);
        equal(doc.lineAt(4).text, LINE.sendAfter, 'line 5 after the fix');
        await waitDiagnostics(ts, (d) => !d.some((x) => x.range.start.line === 4 && x.code !== 'milky-params'), 'diagnostic on the fixed line gone');
      },
    },
    {
      name: 'vscode-api: fix-all (code action and editor.codeActionsOnSave) in TS and JSON',
      async run() {
        const f = copy();
        const ts = f.uri(TS);
        const { doc } = await open(ts);
        await waitDiagnostics(ts, (d) => d.length === TS_DIAGNOSTICS.length, 'bot.ts diagnostics');
        const all = new vscode.Range(0, 0, doc.lineCount, 0);
        const fixAll = (await actionsAt(ts, all, FIX_ALL_KIND)).filter((a) => a.kind?.value === FIX_ALL_KIND);
        equal(fixAll.map((a) => a.title), [FIX.fixAll], 'fix-all action');
        await apply(fixAll[0]);
        equal(doc.getText(), tsAfterFixAll(f.original[TS]), 'bot.ts after fix-all');

        await setting('editor.codeActionsOnSave', { [FIX_ALL_KIND]: 'explicit' });
        try {
          const json = f.uri(JSON_FILE);
          const j = await open(json);
          await waitDiagnostics(json, (d) => d.length === 1, 'replay.json diagnostics');
          await j.editor.edit((e) => e.insert(new vscode.Position(0, 1), ' '));
          await vscode.commands.executeCommand('workbench.action.files.save');
          await poll(() => readFileSync(json.fsPath, 'utf8') === jsonAfterFixAll(f.original[JSON_FILE]).replace(/^\{\n/, '{ \n'), { what: 'replay.json migrated on save' });
          await waitDiagnostics(json, (d) => d.length === 0, 'replay.json clean');
        } finally {
          await setting('editor.codeActionsOnSave', undefined);
        }
      },
    },
    {
      name: 'vscode-api: settings — severity.noCounterpart off, language zh-cn',
      async run() {
        const f = copy();
        const ts = f.uri(TS);
        await open(ts);
        await waitDiagnostics(ts, (d) => d.length === TS_DIAGNOSTICS.length, 'bot.ts diagnostics');
        const without = TS_DIAGNOSTICS.filter((d) => d.code !== 'no-counterpart');
        try {
          await setting('napcatMilky.severity.noCounterpart', 'off');
          checkDiagnostics(flat(await waitDiagnostics(ts, (d) => d.length === without.length, 'no-counterpart gone')), without);
          await setting('napcatMilky.language', 'zh-cn');
          const zh = await waitDiagnostics(ts, (d) => d.some((x) => /对应多个 Milky 端点/.test(x.message)), 'Chinese diagnostics');
          checkDiagnostics(flat(zh), without, { lang: 'zh' });
          checkAll(await hoverText(ts, position(f.original[TS], SITE.sendGroupMsg)), HOVER.zh, 'zh-cn hover');
        } finally {
          await setting('napcatMilky.severity.noCounterpart', undefined);
          await setting('napcatMilky.language', undefined);
        }
      },
    },
    {
      name: 'vscode-api: the report opens beside; Milky completion; snippets',
      async run() {
        const f = copy();
        const ts = f.uri(TS);
        await open(ts);
        await waitDiagnostics(ts, (d) => d.length === TS_DIAGNOSTICS.length, 'bot.ts diagnostics');
        await vscode.commands.executeCommand('napcatMilky.showReport');
        await poll(() => vscode.window.activeTextEditor?.document.languageId === 'markdown', { what: 'report editor' });
        const report = vscode.window.activeTextEditor;
        assert(/^# napcat-milky: NapCat → Milky migration report/.test(report.document.getText()), 'report title');
        equal(report.viewColumn, vscode.ViewColumn.Two, 'report opened beside');
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
        const { doc, editor } = await open(ts);

        await editor.edit((e) => e.insert(new vscode.Position(doc.lineCount, 0), "\ncallApi('get_friend_l"));
        const comp = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', ts, new vscode.Position(doc.lineCount - 1, "callApi('get_friend_l".length));
        assert(comp.items.some((i) => label(i) === 'get_friend_list'), 'Milky endpoint completion inside an action string');
        await editor.edit((e) => e.insert(new vscode.Position(doc.lineCount, 0), '\nmilky-send_group'));
        const send = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', ts, new vscode.Position(doc.lineCount - 1, 'milky-send_group'.length));
        const sendItem = send.items.find((i) => label(i) === 'milky-send_group_message');
        assert(sendItem?.kind === vscode.CompletionItemKind.Snippet, 'milky-send_group_message snippet offered');
        assert(String(sendItem.insertText?.value ?? sendItem.insertText).startsWith("await callMilky('send_group_message'"), 'snippet body');
        await editor.edit((e) => e.insert(new vscode.Position(doc.lineCount, 0), '\nmilky-client'));
        const at = new vscode.Position(doc.lineCount - 1, 'milky-client'.length);
        const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', ts, at);
        const client = list.items.filter((i) => label(i) === 'milky-client');
        equal(client.length, 1, 'one milky-client snippet in a TypeScript file');
        const body = client[0].insertText?.value ?? String(client[0].insertText);
        assert(body.includes('async function callMilky<T = unknown>(endpoint: string'), `the TypeScript helper: ${body}`);
      },
    },
  ];

  for (const s of scenarios) {
    if (grep && !new RegExp(grep, 'i').test(s.name)) continue;
    const t0 = Date.now();
    let status = 'PASS', error;
    try { await s.run(); } catch (e) { status = 'FAIL'; error = e; }
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    console.log(`${status} ${s.name} (${secs}s)`);
    if (error) console.log(`  ${String(error.stack || error).split('\n').slice(0, 12).join('\n  ')}`);
    results.push({ name: s.name, status, ms: Date.now() - t0, error: error ? String(error.message || error) : undefined });
    // Leave nothing dirty (closing a dirty editor would ask), then close everything.
    for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(doc).then(() => vscode.commands.executeCommand('workbench.action.files.revert'), () => {});
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors').then(undefined, () => {});
  }
  const passed = results.filter((r) => r.status === 'PASS').length;
  console.log(`${passed} passed, ${results.length - passed} failed`);
  if (resultFile) writeFileSync(resultFile, JSON.stringify({ results }, null, 2));
  return results;
}
