// One message catalog per language: the same keys in every language, and every sentence a string.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core } from './helpers.mjs';

/** Every key path of a dictionary, with the kind of value there. */
function shape(o, prefix = '') {
  return Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? shape(v, `${prefix}${k}.`) : [`${prefix}${k}:${typeof v}`])).sort();
}

test('every language has exactly the keys of every other', () => {
  const [first, ...rest] = core.LOCALES;
  for (const l of rest) assert.deepEqual(shape(core.catalogs[l]), shape(core.catalogs[first]), `${l} vs ${first}`);
});

test('every entry renders to a non-empty string with sample arguments', () => {
  const walk = (o, pathName) => {
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === 'function') {
        const out = v(...Array.from({ length: Math.max(v.length, 1) }, (_, i) => (k === 'list' || k === 'clauses' || (k === 'unknown' && i === 3) ? ['`a`', '`b`'] : k === 'quickFix' && i === 1 ? 2 : k === 'summary' ? 3 : `x${i}`)));
        assert.equal(typeof out, 'string', `${pathName}${k}`);
        assert.ok(out.length > 0, `${pathName}${k}`);
      } else if (v && typeof v === 'object') walk(v, `${pathName}${k}.`);
      else assert.ok(typeof v === 'string' && v.length > 0, `${pathName}${k}`);
    }
  };
  for (const l of core.LOCALES) walk(core.catalogs[l], `${l}.`);
});

test('zh-cn sentences are Chinese, en sentences are not', () => {
  assert.match(core.catalogs['zh-cn'].report.title, /[\u4e00-\u9fff]/);
  assert.doesNotMatch(core.catalogs.en.report.title, /[\u4e00-\u9fff]/);
});
