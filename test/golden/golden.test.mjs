import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CASES, expected, run } from './golden.mjs';

for (const c of CASES) {
  test(`golden: napcat-milky ${c.args.join(' ')}`, () => {
    assert.equal(run(c.args), expected(c));
  });
}
