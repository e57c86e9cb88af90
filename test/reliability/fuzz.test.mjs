// A bounded, seeded slice of the core fuzzer (test/fuzz/fuzz-core.mjs): every invariant must hold
// on every input. The long run is `node test/fuzz/fuzz-core.mjs --iterations 100000`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runFuzz, formatReport } from '../fuzz/fuzz-core.mjs';

// Two seeds, ≤ 20 s of iterations each on two cores (≈ 0.5–1 ms per iteration here), plus at most
// 6 × 1.5 s of shrinking when something fails: the file stays under 60 s either way.
const SLICES = [
  { seed: 20240601, iterations: 20000, timeLimitMs: 20_000 },
  { seed: 7, iterations: 20000, timeLimitMs: 20_000 },
];

for (const s of SLICES) {
  test(`fuzz slice: seed ${s.seed}, up to ${s.iterations} iterations`, { timeout: 60_000 }, () => {
    const res = runFuzz({ ...s, maxGroups: 6, shrinkBudget: { maxTests: 600, maxMs: 1_500 } });
    // A slice that ran too few iterations proves little: the machine is far slower than expected.
    assert.ok(res.iterations >= 1000, `only ${res.iterations} iterations ran in ${s.timeLimitMs} ms`);
    assert.ok(res.stats.parsed > res.iterations / 10, `too few inputs parsed strictly (${res.stats.parsed}): the generator no longer makes valid code`);
    assert.ok(res.stats.fixed > res.iterations / 20, `too few inputs exercised the fix path (${res.stats.fixed})`);
    assert.equal(res.failures, 0, `\n${formatReport(res)}`);
  });
}
