// Harness self-test in code-server, against the throwaway extension in ../selftest/extension
// (flags TODO). Proves: vsix install, squiggles, Problems panel, hover, quick-fix menu + apply,
// command palette + notification, a live settings change, save, screenshots.
import { join } from 'node:path';
import { posIn } from '../lib/util.mjs';
import { buildSelftestVsix } from '../selftest/build.mjs';

export default [{
  name: 'selftest: code-server squiggles, problems, hover, quick fix, command, setting',
  timeout: 150000,
  async run(t) {
    const { assert, log } = t;
    const workspace = t.workspace('selftest');
    const { wb } = await t.vscode({ workspace, vsix: buildSelftestVsix() });
    const file = join(workspace, 'a.txt');

    await wb.openFile('a.txt');
    assert.equal(await wb.waitForSquiggles({ severity: 'warning', count: 2 }), 2);
    assert.deepEqual(await wb.squiggledTexts(), ['TODO', 'TODO']);
    log('squiggles ok');

    const rows = await wb.problems({ until: (r) => r.filter((x) => x.kind === 'marker').length === 2 });
    const markers = rows.filter((r) => r.kind === 'marker');
    assert.deepEqual(markers.map((m) => [m.severity, m.message, m.source, m.code, m.line, m.column]), [
      ['warning', 'e2e-selftest: found TODO', 'e2e-selftest', 'todo', 2, 6],
      ['warning', 'e2e-selftest: found TODO', 'e2e-selftest', 'todo', 3, 9],
    ]);
    assert.equal((await wb.statusProblems()).warnings, 2);
    await wb.screenshot('squiggles-problems');
    log('problems ok');

    const hover = await wb.hover(posIn(file, 'TODO', { offset: 1 }), { until: (h) => h.includes('TODO marker') });
    assert.match(hover, /e2e-selftest: found TODO/);
    assert.match(hover, /TODO marker — replace with DONE/);
    await wb.screenshot('hover');
    await wb.escape();
    const mouseHover = await wb.hoverText('TODO', { nth: 1, until: (h) => h.includes('TODO marker') });
    assert.match(mouseHover, /TODO marker/);
    await wb.page.mouse.move(0, 0);
    log('hover ok');

    const labels = await wb.quickFixMenu(posIn(file, 'TODO'), { until: (l) => l.length === 2 });
    assert.deepEqual(labels, ['Replace TODO with DONE', 'Replace TODO with FIXED']);
    const focused = (await wb.readMenu()).find((r) => r.focused);
    assert.equal(focused?.label, 'Replace TODO with DONE', 'the preferred fix is focused first');
    await wb.screenshot('quickfix-menu');
    await wb.pickMenuItem('Replace TODO with DONE');
    await wb.waitForEditorText('some DONE here');
    await wb.waitForSquiggles({ count: 1 });
    await wb.screenshot('after-fix');
    log('quick fix ok');

    assert.equal(await wb.runCommand('E2E Selftest: Count TODOs'), 'E2E Selftest: Count TODOs');
    await wb.waitForNotification('E2E Selftest: 1 TODO(s) in this file');
    log('command ok');

    await wb.setUserSettings({ 'e2eSelftest.severity': 'error' }, { until: async () => (await wb.squiggleCount('error')) === 1 });
    await wb.setUserSettings({ 'e2eSelftest.severity': 'off' }, { until: async () => (await wb.squiggleCount()) === 0 });
    log('settings ok');

    await wb.save();
    assert.equal(wb.fileText('a.txt'), 'first line\nsome DONE here\nanother TODO there\n');
  },
}];
