// The desktop VS Code suite (../vscode-electron/suite: the bot scenarios through the extension API)
// run inside code-server's Node extension host, as extension tests (extensionDevelopmentPath = the
// unpacked vsix, extensionTestsPath = the suite). So the API scenario bodies run on every e2e run here, even
// where desktop VS Code cannot be downloaded.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { unpackVsix } from '../lib/project.mjs';
import { E2E_DIR, poll } from '../lib/util.mjs';
import { FIXTURE } from '../shared/bot.mjs';

export default [{
  name: 'vscode: the VS Code API suite (vscode-electron/suite) in code-server\'s extension host',
  timeout: 180000,
  async run(t) {
    const { assert, log } = t;
    const workspace = t.workspace(FIXTURE);
    const resultFile = join(dirname(workspace), 'api-results.json');
    // Extension tests run the extension under development: here the packaged vsix, unpacked (the
    // desktop runner uses the repo itself). The extension host inherits code-server's environment.
    await t.vscode({
      workspace,
      env: { E2E_WORKSPACE: workspace, E2E_VSCODE_RESULT: resultFile },
      dev: { extensionDevelopmentPath: unpackVsix(), extensionTestsPath: join(E2E_DIR, 'vscode-electron/suite/index.cjs') },
    });
    const { results } = await poll(() => existsSync(resultFile) && JSON.parse(readFileSync(resultFile, 'utf8')),
      { timeout: 150000, interval: 250, what: 'the API suite results' });
    for (const r of results) log(`${r.status} ${r.name} (${(r.ms / 1000).toFixed(1)}s)${r.error ? `: ${r.error}` : ''}`);
    const failed = results.filter((r) => r.status !== 'PASS');
    assert.ok(results.length >= 5, `all API scenarios ran: ${results.length}`);
    assert.equal(failed.length, 0, `API scenarios failed:\n${failed.map((f) => `${f.name}: ${f.error}`).join('\n')}`);
  },
}];
