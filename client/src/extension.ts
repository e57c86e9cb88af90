/** The VS Code client: starts the language server, registers commands and a status-bar count. Nothing else. */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CLIENT_COMMANDS, SERVER_COMMANDS, type MigrateWorkspaceResult } from '../../server/src/shared/commands';
import { LANGUAGE_IDS } from '../../server/src/shared/languages';

const LANGUAGES: readonly string[] = LANGUAGE_IDS;
let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const output = vscode.window.createOutputChannel('NapCat → Milky', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }, { scheme: 'vscode-vfs', language }, { scheme: 'vscode-remote', language }]),
    outputChannel: output,
    // Push diagnostics: the server debounces and drops stale versions itself.
    initializationOptions: { diagnosticMode: 'push', locale: vscode.env.language },
    synchronize: { configurationSection: 'napcatMilky' },
  };
  client = new LanguageClient('napcatMilky', 'NapCat → Milky', serverOptions, clientOptions);

  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  status.command = CLIENT_COMMANDS.showReport;
  const updateStatus = () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !LANGUAGES.includes(editor.document.languageId)) { status.hide(); return; }
    const count = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'napcat-milky' && d.code !== 'milky-params').length;
    status.text = `$(arrow-swap) NapCat ${count}`;
    status.tooltip = vscode.l10n.t('{0} NapCat action uses in this file. Click for the migration report.', count);
    status.show();
  };

  context.subscriptions.push(
    output, status,
    vscode.languages.onDidChangeDiagnostics(updateStatus),
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.commands.registerCommand(CLIENT_COMMANDS.migrateFile, async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !client) return;
      const applied = await client.sendRequest('workspace/executeCommand', { command: SERVER_COMMANDS.fixFile, arguments: [editor.document.uri.toString()] });
      if (!applied) void vscode.window.showInformationMessage(vscode.l10n.t('Nothing in this file can be migrated without a choice.'));
    }),
    vscode.commands.registerCommand(CLIENT_COMMANDS.migrateWorkspace, async () => {
      if (!client) return;
      const r = await client.sendRequest<MigrateWorkspaceResult>('workspace/executeCommand', { command: SERVER_COMMANDS.migrateWorkspace, arguments: [] });
      const pick = await vscode.window.showInformationMessage(
        vscode.l10n.t('NapCat → Milky: {0} sites in {1} files migrated; {2} left to do by hand.', r.applied ? r.fixed : 0, r.applied ? r.changed : 0, r.manual),
        vscode.l10n.t('Show report'),
      );
      if (pick) await vscode.commands.executeCommand(CLIENT_COMMANDS.showReport);
    }),
    vscode.commands.registerCommand(CLIENT_COMMANDS.showReport, async () => {
      if (!client) return;
      const markdown = await client.sendRequest<string>('workspace/executeCommand', { command: SERVER_COMMANDS.report, arguments: [] });
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    }),
    vscode.commands.registerCommand(CLIENT_COMMANDS.restartServer, async () => {
      await client?.restart();
    }),
  );
  await client.start();
  updateStatus();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
