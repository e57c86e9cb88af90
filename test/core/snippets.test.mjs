// The contributed snippets and the grammar injection: every language the server reads gets both, and the
// Python snippets (generated from the catalog) are Python that parses, call Milky with the required keyword
// arguments of each endpoint, and are never flagged as NapCat code (a same-name hint, as in TypeScript).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { core, catalog, require, ROOT } from './helpers.mjs';

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const read = (rel) => JSON.parse(readFileSync(path.join(ROOT, rel), 'utf8'));
const py = read('snippets/milky-py.code-snippets');

/** A snippet body as the text VS Code inserts when every placeholder keeps its default (first choice). */
const expand = (body) => body.join('\n')
  .replace(/\$\{\d+:([^}]*)\}/g, '$1')
  .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
  .replace(/\$\{\d+\}|\$\d+/g, '')
  .replace(/\\\$/g, '$');

before(async () => {
  core.setPythonParser(await require('../../dist/node.js').loadPythonParser());
});

test('every language the server reads has contributed snippets', () => {
  const langs = new Set(pkg.contributes.snippets.map((s) => s.language));
  for (const id of core.LANGUAGE_IDS) assert.ok(langs.has(id), id);
  assert.equal(pkg.contributes.snippets.find((s) => s.language === 'python').path, './snippets/milky-py.code-snippets');
});

test('the grammar is injected into Python', () => {
  assert.ok(pkg.contributes.grammars[0].injectTo.includes('source.python'));
  assert.match(pkg.scripts['test:grammar'], /grammars\/python\.json/);
});

test('one Python snippet per Milky endpoint, with its required fields as keyword arguments', () => {
  for (const [name, e] of Object.entries(catalog.milky)) {
    const s = py[`Milky ${name}`];
    assert.ok(s, name);
    assert.equal(s.prefix, `milky-${name}`);
    const text = expand(s.body);
    assert.match(text, new RegExp(`^await call_milky\\('${name}'`), name);
    for (const f of e.input.filter((x) => !x.optional)) assert.match(text, new RegExp(`[(, ]${f.name}=`), `${name}: ${f.name}`);
    assert.doesNotMatch(text, /\btrue\b|\bfalse\b|\bnull\b/, `${name}: JS literals`);
  }
});

test('every Python snippet parses and holds nothing NapCat', () => {
  const helper = expand(py['Milky client helper (Python)'].body);
  for (const [label, s] of Object.entries(py)) {
    // The calls sit in an async function after the helper, as they would in a file.
    const text = label.includes('helper') ? helper : `${helper}\n\nasync def main():\n    ${expand(s.body)}\n`;
    assert.equal(core.parseProblem(text, 'python'), undefined, `${label}:\n${text}`);
    // A name both protocols have is a same-name hint, as for the TypeScript snippets; nothing else.
    const ts = label.includes('helper') ? [] : core.analyze(expand(read('snippets/milky-ts.code-snippets')[label].body), 'typescript');
    const found = core.analyze(text, 'python');
    assert.deepEqual(found.filter((f) => f.kind !== 'same-name').map((f) => `${f.napcat}:${f.kind}`), [], label);
    assert.deepEqual(found.map((f) => f.napcat), ts.map((f) => f.napcat), `${label}: as in TypeScript`);
  }
});
