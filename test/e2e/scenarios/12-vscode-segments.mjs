// Issue 10 in a real editor: a CQ-code send in code-server (the packaged vsix), its `segment`
// diagnostics on the CQ types, the hover with OneBot and Milky fields side by side, and the quick
// fix that renames the action and writes the Milky segment array in the same edit.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectVsix } from '../lib/project.mjs';
import { poll } from '../lib/util.mjs';
import { posOf } from '../shared/bot.mjs';

const FILE = 'src/cq.ts';
const BEFORE = "  await callApi('send_group_msg', { group_id: groupId, message: '[CQ:at,qq=10001] 你好[CQ:face,id=76]' });";
const AFTER = "  await callApi('send_group_message', { group_id: groupId, message: [{ type: 'mention', data: { user_id: 10001 } }, { type: 'text', data: { text: ' 你好' } }, { type: 'face', data: { face_id: '76' } }] });";
const FIX = 'Migrate to Milky `send_group_message` (preferred)';

export default [
  {
    name: 'vscode: a CQ-code send — segment squiggles, hover, quick fix to a segment array',
    timeout: 150000,
    async run(t) {
      const { assert, log } = t;
      const workspace = t.workspace('cq');
      const original = readFileSync(join(workspace, FILE), 'utf8');
      assert.ok(original.includes(BEFORE));
      const { wb } = await t.vscode({ workspace, vsix: projectVsix() });
      await wb.openFile(FILE);
      // The action and the two CQ types (`at`, `face`) are warnings; the text between them is not flagged.
      await wb.waitForSquiggles({ severity: 'warning', count: 3 });
      assert.deepEqual((await wb.squiggledTexts('warning')).sort(), ['at', 'face', 'send_group_msg'].sort());
      log('squiggles on send_group_msg, at, face');

      const at = posOf(original, { text: 'CQ:at', offset: 4 });
      const hover = await wb.hover(at, { until: (h) => /OneBot field/.test(h) && /user_id/.test(h) });
      for (const p of [/OneBot segment `at`/, /`mention`/, /`qq`/, /`user_id`/, /OneBot field/, /Milky field/]) assert.match(hover, p);
      await wb.escape();
      log('hover: OneBot and Milky fields side by side');

      // The fix offered on the segment is the action's own: rename + message in one edit.
      const menu = await wb.quickFixMenu(at, { until: (l) => l.includes(FIX) });
      assert.equal(menu[0], FIX);
      await wb.pickMenuItem(FIX);
      await wb.waitForEditorText("send_group_message");
      await poll(async () => (await wb.squiggledTexts('warning')).length === 0, { what: 'every squiggle gone' });
      await wb.save();
      assert.equal(wb.fileText(FILE), original.replace(BEFORE, AFTER));
      log('quick fix: the CQ string became a Milky segment array');
    },
  },
];
