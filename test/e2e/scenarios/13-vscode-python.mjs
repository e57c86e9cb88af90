// Issue 12 in a real editor: a Python bot module in code-server (VS Code's built-in Python syntax, no
// Python extension), the packaged vsix: the squiggles on `bot.call_api("send_group_msg", …)` and its string message only (not
// on the comment or the log string), the hover, the injection grammar's scopes in Python strings, the
// quick fix with the file text after it, and the Python milky-client snippet. The vsix itself: ≤ 3 MB,
// with the parser's wasm files next to the bundles.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectVsix } from '../lib/project.mjs';
import { poll } from '../lib/util.mjs';
import { posOf } from '../shared/bot.mjs';
import { acceptSuggestion, tokenScopes } from './10-vscode-bot.mjs';

const FILE = 'bot.py';
const BEFORE = '    await bot.call_api("send_group_msg", group_id=group_id, message="hello")';
const AFTER = '    await bot.call_api("send_group_message", group_id=group_id, message=[{ "type": "text", "data": { "text": "hello" } }])';
const FIX = /^Migrate to Milky `send_group_message`/;
// In the module: 0 the comment, 1 the log string, 2 the call.
const CALL = { text: 'send_group_msg', nth: 2, offset: 2 };
const LOG = { text: 'send_group_msg failed', offset: 0 };

export default [
  {
    name: 'vscode: a Python bot — squiggle, hover, grammar scopes, quick fix, snippet; the vsix carries the wasm',
    timeout: 180000,
    async run(t) {
      const { assert, log } = t;
      const vsix = projectVsix();
      const listing = spawnSync('unzip', ['-l', vsix], { encoding: 'utf8' }).stdout;
      for (const f of ['extension/dist/web-tree-sitter.wasm', 'extension/dist/tree-sitter-python.wasm', 'extension/dist/cli.js', 'extension/snippets/milky-py.code-snippets']) assert.ok(listing.includes(f), `${f} in the vsix`);
      assert.ok(statSync(vsix).size <= 3_000_000, `vsix ${statSync(vsix).size} bytes ≤ 3 MB`);
      log(`vsix ${(statSync(vsix).size / 1e6).toFixed(2)} MB with both wasm files`);

      const workspace = t.workspace('py');
      const original = readFileSync(join(workspace, FILE), 'utf8');
      assert.ok(original.includes(BEFORE));
      const pos = (site) => posOf(original, site);
      const { wb } = await t.vscode({ workspace, vsix });
      await wb.openFile(FILE);
      // The action name, and the plain-string message (Milky takes segments): nothing on the comment or the log line.
      await wb.waitForSquiggles({ severity: 'warning', count: 2 });
      assert.deepEqual((await wb.squiggledTexts('warning')).sort(), ['hello', 'send_group_msg']);
      await wb.screenshot('python-squiggle');
      log('squiggles on the call_api name and its string message only');

      const hover = await wb.hover(pos(CALL), { until: (h) => /send_group_message/.test(h) });
      assert.match(hover, /Milky/);
      await wb.escape();
      log('hover names the Milky endpoint');

      await wb.goto(pos(CALL));
      await wb.runCommand('Developer: Inspect Editor Tokens and Scopes');
      assert.match(await tokenScopes(wb, 'send_group_msg'), /invalid\.deprecated\.napcat-action\.napcat-milky/);
      await wb.goto(pos(LOG));
      assert.doesNotMatch(await tokenScopes(wb, 'send_group_msg failed'), /napcat-milky/, 'a log string is not scoped as an action');
      await wb.escape();
      log('grammar scopes in Python strings');

      const menu = await wb.quickFixMenu(pos(CALL), { until: (l) => l.some((x) => FIX.test(x)) });
      assert.match(menu[0], FIX);
      await wb.pickMenuItem(FIX);
      await wb.waitForEditorText('send_group_message');
      await poll(async () => (await wb.squiggledTexts('warning')).length === 0, { what: 'the squiggle gone' });
      await wb.save();
      assert.equal(wb.fileText(FILE), original.replace(BEFORE, AFTER));
      log('quick fix: renamed, the message became a text segment, the file saved as expected');

      await wb.press('Control+End');
      await wb.press('Enter');
      const client = await acceptSuggestion(wb, 'milky-client', 'milky-client');
      const offered = client.rows.filter((r) => r.startsWith('milky-client,'));
      assert.deepEqual(offered, ['milky-client, Milky client helper (Python), Snippet'], `in a .py file only the Python helper: ${JSON.stringify(offered)}`);
      await wb.waitForEditorText((s) => s.includes('async def call_milky(endpoint: str, **params):') && s.includes("MILKY_BASE = 'http://127.0.0.1:3000'"));
      await wb.escape(2);
      await wb.screenshot('python-snippet');
      log('the Python milky-client snippet');
    },
  },
];
