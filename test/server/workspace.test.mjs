// The workspace scan (Migrate Workspace, Show Report) follows the editor's and the CLI's rules:
// napcatMilky.maxFileSize, the editor's tolerance of syntax errors, and no fix whose result does not parse.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from './lsp-client.mjs';

let dir;
let c;
const SMALL = "callApi('send_group_msg', { group_id: 1, message: 'hi' });\n";
const BIG = `callApi('send_private_msg', { user_id: 1, message: 'hi' });\n${'// padding\n'.repeat(300)}`;
// A syntax error on the last line: the editor still reports the call above it.
const BROKEN = "callApi('get_group_msg_history', { group_id: 1 });\nconst x = ;\n";

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'napcat-milky-ws-'));
  writeFileSync(path.join(dir, 'small.ts'), SMALL);
  writeFileSync(path.join(dir, 'big.ts'), BIG);
  writeFileSync(path.join(dir, 'broken.ts'), BROKEN);
  c = await startServer({ settings: { maxFileSize: 2000 }, workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'ws' }] });
});
after(async () => { await c.stop(); rmSync(dir, { recursive: true, force: true }); });

test('migrate workspace: a file over maxFileSize is not touched; a fix that would not parse is not offered', async () => {
  c.applied.length = 0;
  const r = await c.request('workspace/executeCommand', { command: 'napcatMilky.server.migrateWorkspace', arguments: [] });
  assert.equal(r.applied, true);
  const uris = c.applied.flatMap((a) => a.edit.documentChanges.map((d) => d.textDocument.uri));
  assert.deepEqual(uris.map((u) => path.basename(new URL(u).pathname)), ['small.ts']);
  assert.equal(r.changed, 1);
  assert.ok(r.manual >= 1, 'the refused file counts as left by hand');
});

test('report: the editor\'s tolerance (a file with a syntax error elsewhere is reported, not skipped); big files left out', async () => {
  const md = await c.request('workspace/executeCommand', { command: 'napcatMilky.server.report', arguments: [] });
  assert.match(md, /\| broken\.ts \| 1 \|/);
  assert.doesNotMatch(md, /broken\.ts \(skipped/);
  assert.doesNotMatch(md, /big\.ts/);
  assert.match(md, /small\.ts/);
});

test('fix file: an open document whose fixed text would not parse is left alone', async () => {
  const uri = pathToFileURL(path.join(dir, 'open-broken.ts')).toString();
  await c.open(uri, 'typescript', BROKEN);
  await c.waitForDiagnostics(uri, (p) => p.diagnostics.length === 1);
  c.applied.length = 0;
  const applied = await c.request('workspace/executeCommand', { command: 'napcatMilky.server.fixFile', arguments: [uri] });
  assert.equal(applied, false);
  assert.equal(c.applied.length, 0);
});
