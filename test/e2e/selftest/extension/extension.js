// Throwaway extension for the e2e harness self-test: diagnostics, hover, quick fixes, a command
// and a setting, all on the word TODO.
const vscode = require('vscode');

const RE = /\bTODO\b/g;
function severity() {
  const s = vscode.workspace.getConfiguration('e2eSelftest').get('severity', 'warning');
  if (s === 'off') return null;
  return { error: vscode.DiagnosticSeverity.Error, information: vscode.DiagnosticSeverity.Information }[s]
    ?? vscode.DiagnosticSeverity.Warning;
}

function activate(context) {
  const coll = vscode.languages.createDiagnosticCollection('e2e-selftest');
  const validate = (doc) => {
    if (doc.uri.scheme !== 'file') return;
    const sev = severity();
    const diags = [];
    if (sev !== null) {
      const text = doc.getText();
      for (const m of text.matchAll(RE)) {
        const range = new vscode.Range(doc.positionAt(m.index), doc.positionAt(m.index + m[0].length));
        const d = new vscode.Diagnostic(range, 'e2e-selftest: found TODO', sev);
        d.source = 'e2e-selftest'; d.code = 'todo';
        diags.push(d);
      }
    }
    coll.set(doc.uri, diags);
  };
  vscode.workspace.textDocuments.forEach(validate);
  context.subscriptions.push(coll,
    vscode.workspace.onDidOpenTextDocument(validate),
    vscode.workspace.onDidChangeTextDocument((e) => validate(e.document)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('e2eSelftest')) vscode.workspace.textDocuments.forEach(validate);
    }),
    vscode.languages.registerHoverProvider({ scheme: 'file' }, {
      provideHover(doc, pos) {
        const range = doc.getWordRangeAtPosition(pos, /\bTODO\b/);
        if (!range) return undefined;
        return new vscode.Hover(new vscode.MarkdownString('**TODO marker** — replace with `DONE`'), range);
      },
    }),
    vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, {
      provideCodeActions(doc, range, ctx) {
        return ctx.diagnostics.filter((d) => d.source === 'e2e-selftest').flatMap((d) => ['DONE', 'FIXED'].map((w, i) => {
          const a = new vscode.CodeAction(`Replace TODO with ${w}`, vscode.CodeActionKind.QuickFix);
          a.edit = new vscode.WorkspaceEdit(); a.edit.replace(doc.uri, d.range, w);
          a.diagnostics = [d]; a.isPreferred = i === 0;
          return a;
        }));
      },
    }, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.commands.registerCommand('e2eSelftest.countTodos', () => {
      const ed = vscode.window.activeTextEditor;
      const n = ed ? [...ed.document.getText().matchAll(RE)].length : 0;
      vscode.window.showInformationMessage(`E2E Selftest: ${n} TODO(s) in this file`);
    }));
}
module.exports = { activate, deactivate() {} };
