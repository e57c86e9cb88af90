// Entry point VS Code loads in the extension host (--extensionTestsPath): VS Code requires this
// file and awaits run(). The scenarios themselves are ESM (./scenarios.mjs) and get the `vscode`
// module handed in, since only CommonJS can require('vscode').
const vscode = require('vscode');

exports.run = async function run() {
  const { runScenarios } = await import('./scenarios.mjs');
  const results = await runScenarios(vscode, {
    workspace: process.env.E2E_WORKSPACE || vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
    resultFile: process.env.E2E_VSCODE_RESULT,
    grep: process.env.E2E_GREP,
  });
  const failed = results.filter((r) => r.status === 'FAIL');
  if (failed.length) throw new Error(`${failed.length} VS Code API scenario(s) failed: ${failed.map((f) => f.name).join('; ')}`);
};
