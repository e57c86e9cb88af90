// Facts the manifest repeats for VS Code's sake (it cannot import code) match the one place they live.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { core, ROOT } from './helpers.mjs';

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const props = pkg.contributes.configuration.properties;

test('one severity setting per kind, with the kind\'s default', () => {
  const declared = Object.keys(props).filter((k) => k.startsWith('napcatMilky.severity.')).sort();
  assert.deepEqual(declared, core.KINDS.map((k) => `napcatMilky.severity.${core.KIND_INFO[k].setting}`).sort());
  for (const k of core.KINDS) assert.equal(props[`napcatMilky.severity.${core.KIND_INFO[k].setting}`].default, core.KIND_INFO[k].severity, k);
});

test('activation and grammar injection cover every language the server reads', () => {
  assert.deepEqual(pkg.activationEvents.filter((e) => e.startsWith('onLanguage:')).map((e) => e.slice(11)).sort(), [...core.LANGUAGE_IDS].sort());
});

test('the commands the client registers are the manifest\'s', () => {
  assert.deepEqual(pkg.contributes.commands.map((c) => c.command).sort(), Object.values(core.CLIENT_COMMANDS).sort());
});

test('the version the tools report is package.json\'s', () => {
  assert.equal(core.VERSION, pkg.version);
});
