// The layering holds, read from the imports themselves (TypeScript's own pre-processor, no regex on code):
// the core and the message catalogs are pure; features/ and the CLI never import each other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { require, ROOT } from './helpers.mjs';

const ts = require('typescript');
const SRC = path.join(ROOT, 'server/src');

function filesUnder(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

const ALL = [...filesUnder(SRC), ...filesUnder(path.join(ROOT, 'client/src'))];
const rel = (p) => path.relative(ROOT, p).split(path.sep).join('/');

/** Every import of a file: the module specifier and, for a relative one, the file it names. */
function importsOf(file) {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map(({ fileName }) => ({
    spec: fileName,
    target: fileName.startsWith('.') ? rel(path.resolve(path.dirname(file), fileName)) : undefined,
  }));
}

const isExternalNode = (spec) => spec.startsWith('node:') || ['fs', 'path', 'os', 'url', 'child_process', 'worker_threads', 'http', 'net'].includes(spec);
const isEditor = (spec) => /^vscode/.test(spec);

for (const [layer, prefix, allowedUp] of [
  ['core', 'server/src/core/', ['server/src/shared/']],
  ['l10n', 'server/src/l10n/', ['server/src/core/', 'server/src/shared/']],
  ['shared', 'server/src/shared/', []],
]) {
  test(`${layer}: no vscode*, LSP or node: import; nothing from outside but ${allowedUp.join(', ') || 'itself'}`, () => {
    const bad = [];
    for (const f of ALL.filter((x) => rel(x).startsWith(prefix))) {
      for (const i of importsOf(f)) {
        if (isEditor(i.spec) || isExternalNode(i.spec)) bad.push(`${rel(f)} imports ${i.spec}`);
        if (i.target && !i.target.startsWith(prefix) && !allowedUp.some((a) => i.target.startsWith(a))) bad.push(`${rel(f)} imports ${i.target}`);
      }
    }
    assert.deepEqual(bad, []);
  });
}

test('features/ never imports the CLI, and the CLI never imports features/ or the server', () => {
  const bad = [];
  for (const f of ALL) {
    const r = rel(f);
    for (const i of importsOf(f)) {
      if (!i.target) continue;
      if (r.startsWith('server/src/features/') && (i.target.startsWith('server/src/cli'))) bad.push(`${r} imports ${i.target}`);
      if ((r.startsWith('server/src/cli') || r.startsWith('server/src/node/')) && (i.target.startsWith('server/src/features/') || i.target === 'server/src/server' || i.target.startsWith('server/src/documents'))) bad.push(`${r} imports ${i.target}`);
    }
  }
  assert.deepEqual(bad, []);
});

test('the client imports only vscode, the language client and shared facts', () => {
  const bad = [];
  for (const f of ALL.filter((x) => rel(x).startsWith('client/src/'))) {
    for (const i of importsOf(f)) if (i.target ? !i.target.startsWith('server/src/shared/') : !/^vscode(-languageclient(\/node)?)?$/.test(i.spec)) bad.push(`${rel(f)} imports ${i.spec}`);
  }
  assert.deepEqual(bad, []);
});

test('no language chosen by a ternary in code: sentences are looked up in the catalogs', () => {
  const bad = [];
  for (const f of ALL) {
    readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
      if (/\bzh\s*\?|===\s*['"]zh-cn['"]\s*\?|===\s*['"]en['"]\s*\?/.test(line)) bad.push(`${rel(f)}:${i + 1}: ${line.trim()}`);
    });
  }
  assert.deepEqual(bad, []);
});

test('the catalog is typed, never cast', () => {
  const bad = ALL.filter((f) => /as unknown as\s+Catalog|catalog\w*\s+as\s/.test(readFileSync(f, 'utf8'))).map(rel);
  assert.deepEqual(bad, []);
  assert.ok(readFileSync(path.join(SRC, 'core/catalog/catalog.generated.ts'), 'utf8').includes('export const catalogData: Catalog = {'));
});

test('no rendered text in any core …Finding type', () => {
  const file = path.join(SRC, 'core/findings.ts');
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const fields = [];
  sf.forEachChild((n) => {
    if (ts.isInterfaceDeclaration(n) && /Finding$|FindingRange$/.test(n.name.text)) for (const m of n.members) if (m.name) fields.push(`${n.name.text}.${m.name.getText(sf)}`);
  });
  assert.ok(fields.length > 8, fields.join(', '));
  assert.deepEqual(fields.filter((f) => /\.(message|title|text|hover|label|fixes|edits)$/.test(f)), []);
});
