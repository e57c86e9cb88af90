// A bounded, seeded slice of the core fuzzer (test/fuzz/fuzz-core.mjs): every invariant must hold
// on every input. The long run is `node test/fuzz/fuzz-core.mjs --iterations 100000`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runFuzz, formatReport } from '../fuzz/fuzz-core.mjs';

// Two seeds, a fixed number of iterations each (≈ 0.5–1 ms per iteration on an idle core), so the
// inputs tried never depend on the machine's speed; the long run is the place for more.
const SLICES = [
  { seed: 20240601, iterations: 4000, timeLimitMs: Number.POSITIVE_INFINITY },
  { seed: 7, iterations: 4000, timeLimitMs: Number.POSITIVE_INFINITY },
];

for (const s of SLICES) {
  test(`fuzz slice: seed ${s.seed}, ${s.iterations} iterations`, { timeout: 240_000 }, () => {
    const res = runFuzz({ ...s, maxGroups: 6, shrinkBudget: { maxTests: 600, maxMs: 1_500 } });
    assert.equal(res.iterations, s.iterations);
    assert.ok(res.stats.parsed > res.iterations / 10, `too few inputs parsed strictly (${res.stats.parsed}): the generator no longer makes valid code`);
    assert.ok(res.stats.fixed > res.iterations / 20, `too few inputs exercised the fix path (${res.stats.fixed})`);
    assert.equal(res.failures, 0, `\n${formatReport(res)}`);
  });
}
