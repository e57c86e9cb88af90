// Harness self-test in headless Neovim, against the throwaway stdio server in ../selftest.
import { step } from '../lib/nvim.mjs';
import { SELFTEST_LSP_SERVER } from '../selftest/build.mjs';

export default [{
  name: 'selftest: neovim diagnostics, hover, code action, fix-all',
  timeout: 60000,
  async run(t) {
    const { assert } = t;
    const workspace = t.workspace('selftest');
    const TODO = { at: { text: 'TODO' } };
    const r = await t.nvim({
      server: [process.execPath, SELFTEST_LSP_SERVER, '--stdio'], workspace, file: 'a.txt',
      steps: [
        { op: 'wait_diagnostics', count: 2 },
        { op: 'hover', pos: { at: { text: 'TODO', offset: 1 } } },
        { op: 'code_actions', pos: TODO },
        { op: 'apply_code_action', pos: TODO, preferred: true },
        { op: 'wait_diagnostics', count: 1, fresh: true, name: 'after fix' },
        { op: 'fix_all', kind: 'source.fixAll.e2eSelftest' },
        { op: 'wait_diagnostics', count: 0, fresh: true, name: 'after fix-all' },
        { op: 'save' },
      ],
    });
    assert.ok(r.ok, r.error);
    assert.match(r.nvim, /^0\.\d+/);
    const diags = step(r, 'wait_diagnostics').diagnostics;
    assert.deepEqual(diags.map((d) => [d.range.start.line, d.range.start.character, d.severity, d.message]),
      [[1, 5, 2, 'e2e-selftest: found TODO'], [2, 8, 2, 'e2e-selftest: found TODO']]);
    assert.equal(step(r, 'hover').text, '**TODO marker** — replace with `DONE`');
    assert.deepEqual(step(r, 'code_actions').actions.map((a) => [a.title, a.isPreferred]),
      [['Replace TODO with DONE', true], ['Replace TODO with FIXED', false]]);
    assert.equal(step(r, 'apply_code_action').title, 'Replace TODO with DONE');
    assert.deepEqual(step(r, 'fix_all').titles, ['Fix all TODOs']);
    assert.equal(r.final_text, 'first line\nsome DONE here\nanother DONE there');
  },
}];
