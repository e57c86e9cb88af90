// Every NapCat name of the table: one finding with the catalog's kind and candidates, in TS and JSON;
// and the catalog's kinds against ARCHITECTURE.md's one rule, computed here from mapping.json.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { core, catalog, ROOT } from './helpers.mjs';

const mapping = JSON.parse(readFileSync(path.join(ROOT, 'data/reference/mapping.json'), 'utf8'));
const names = Object.keys(catalog.napcat);

/** ARCHITECTURE.md "Kinds — one rule", from the table alone. */
function kindByRule(name) {
  const union = new Set();
  let rows = 0;
  for (const row of mapping) {
    if (!row.napcat.includes(name)) continue;
    rows++;
    for (const m of row.milky) union.add(m);
  }
  if (rows === 0) return undefined;
  if (union.has(name)) return 'same-name';
  if (union.size === 0) return 'no-counterpart';
  if (union.size === 1) return 'mapped';
  return 'ambiguous';
}

function tableNames() {
  const s = new Set();
  for (const row of mapping) for (const n of row.napcat) s.add(n);
  return s;
}

describe('catalog vs mapping.json', () => {
  test('the catalog has 106 NapCat names', () => {
    assert.equal(names.length, 106);
  });

  test('catalog names are exactly the names the table lists', () => {
    assert.deepEqual([...names].sort(), [...tableNames()].sort());
  });

  test('every catalog kind follows the one rule', () => {
    const wrong = names.filter((n) => catalog.napcat[n].kind !== kindByRule(n)).map((n) => `${n}: ${catalog.napcat[n].kind} ≠ ${kindByRule(n)}`);
    assert.deepEqual(wrong, []);
  });

  test('the ambiguous set is exactly the five names', () => {
    const byRule = names.filter((n) => kindByRule(n) === 'ambiguous').sort();
    const inCatalog = names.filter((n) => catalog.napcat[n].kind === 'ambiguous').sort();
    const five = ['delete_msg', 'get_stranger_info', 'send_poke', 'set_friend_add_request', 'set_group_add_request'];
    assert.deepEqual(byRule, five);
    assert.deepEqual(inCatalog, five);
  });

  test('milky always contains the table union (candidates may add, never remove)', () => {
    for (const n of names) {
      const union = new Set(mapping.filter((r) => r.napcat.includes(n)).flatMap((r) => r.milky));
      for (const m of union) assert.ok(catalog.napcat[n].milky.includes(m), `${n} lacks ${m}`);
    }
  });

  test('spot checks from ARCHITECTURE.md', () => {
    assert.equal(catalog.napcat.set_qq_avatar.kind, 'no-counterpart');
    assert.deepEqual(catalog.napcat.set_qq_avatar.milky, ['set_avatar']);
    assert.equal(catalog.napcat.send_msg.kind, 'no-counterpart');
    assert.deepEqual([...catalog.napcat.send_msg.milky].sort(), ['send_group_message', 'send_private_message']);
    assert.equal(catalog.napcat.get_group_info.kind, 'same-name');
    assert.equal(catalog.napcat.send_group_msg.kind, 'mapped');
    assert.deepEqual(catalog.napcat.send_group_msg.milky, ['send_group_message']);
  });
});

function one(text, languageId, name) {
  const fs = core.analyze(text, languageId).filter((f) => f.kind !== 'milky-params');
  assert.equal(fs.length, 1, `${JSON.stringify(text)} → ${fs.length} findings`);
  const [f] = fs;
  const e = catalog.napcat[name];
  assert.equal(f.napcat, name);
  assert.equal(f.kind, e.kind);
  assert.deepEqual(f.milky, e.milky);
  assert.equal(text.slice(f.start, f.end), e.spelling && text.includes(e.spelling) ? e.spelling : name);
  if (e.kind === 'mapped') assert.equal(f.preferred, e.milky[0]);
  if (e.kind === 'same-name') assert.equal(f.preferred, undefined);
  return f;
}

describe('every NapCat name in a TS callApi', () => {
  for (const name of names) {
    test(name, () => {
      const text = `bot.callApi('${name}', {})`;
      const f = one(text, 'typescript', name);
      assert.equal(f.start, 13);
      assert.equal(f.end, 13 + name.length);
    });
  }
});

describe('every NapCat name in a JSON frame', () => {
  for (const name of names) {
    test(name, () => {
      const text = `{"action": "${name}", "params": {}}`;
      const f = one(text, 'json', name);
      assert.equal(f.start, 12);
      assert.equal(f.end, 12 + name.length);
    });
  }
});

describe('every NapCat name, ambiguous ones undecided with empty params', () => {
  // send_poke is left out: a closed `{}` has no group_id, which decides send_friend_nudge (ambiguous.test.mjs).
  test('no preferred for ambiguous names without context', () => {
    for (const name of names.filter((n) => catalog.napcat[n].kind === 'ambiguous' && n !== 'send_poke')) {
      for (const [text, lang] of [[`bot.callApi('${name}', {})`, 'typescript'], [`{"action": "${name}", "params": {}}`, 'json']]) {
        const [f] = core.analyze(text, lang);
        assert.equal(f.preferred, undefined, text);
        assert.ok(f.milky.length >= 2, text);
      }
    }
  });
});
