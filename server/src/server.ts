/** The language server: connection and capability wiring only; features live in features/. */
import { createConnection, ProposedFeatures, TextDocumentSyncKind, DidChangeConfigurationNotification, CodeActionKind, type InitializeResult } from 'vscode-languageserver/node';
import { ServerContext } from './context';
import { SUPPORTED_LANGUAGES } from './documents';
import { codeActions, FIX_ALL_KIND } from './features/codeActions';
import { COMMANDS, fixFile, migrateWorkspace, report } from './features/commands';
import { completion } from './features/completion';
import { diagnosticsFor, DiagnosticsPusher } from './features/diagnostics';
import { hover } from './features/hover';
import { TOOL, VERSION } from './shared/version';

const connection = createConnection(ProposedFeatures.all);
const ctx = new ServerContext(connection);
const pusher = new DiagnosticsPusher(ctx);

connection.onInitialize((params): InitializeResult => {
  const caps = params.capabilities;
  ctx.supportsConfiguration = !!caps.workspace?.configuration;
  ctx.supportsPullDiagnostics = !!caps.textDocument?.diagnostic;
  ctx.supportsChangeAnnotations = !!caps.workspace?.workspaceEdit?.changeAnnotationSupport;
  ctx.supportsWorkDoneProgress = !!caps.window?.workDoneProgress;
  ctx.supportsWorkspaceFolders = !!caps.workspace?.workspaceFolders;
  ctx.setClientLocale(params.locale);
  const init = (params.initializationOptions ?? {}) as { diagnosticMode?: string; locale?: string };
  if (init.diagnosticMode === 'push' || init.diagnosticMode === 'pull') ctx.diagnosticMode = init.diagnosticMode;
  if (init.locale) ctx.setClientLocale(init.locale);
  ctx.workspaceFolders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  const literalActions = !!caps.textDocument?.codeAction?.codeActionLiteralSupport;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      hoverProvider: true,
      completionProvider: { triggerCharacters: ["'", '"', '`', '/', '_'], resolveProvider: false },
      codeActionProvider: literalActions ? { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false } : true,
      executeCommandProvider: { commands: Object.values(COMMANDS) },
      diagnosticProvider: ctx.usePush() ? undefined : { identifier: 'napcat-milky', interFileDependencies: false, workspaceDiagnostics: false },
      workspace: ctx.supportsWorkspaceFolders ? { workspaceFolders: { supported: true, changeNotifications: true } } : undefined,
    },
    serverInfo: { name: TOOL, version: VERSION },
  };
});

connection.onInitialized(() => {
  if (ctx.supportsConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'napcatMilky' });
  if (ctx.supportsWorkspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      ctx.workspaceFolders = ctx.workspaceFolders.filter((u) => !e.removed.some((r) => r.uri === u)).concat(e.added.map((a) => a.uri));
    });
  }
});

connection.onDidOpenTextDocument(({ textDocument: t }) => {
  if (!SUPPORTED_LANGUAGES.has(t.languageId)) return;
  ctx.documents.open(t.uri, t.languageId, t.version, t.text);
  void pusher.schedule(t.uri, 'open');
});

connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
  if (!ctx.documents.change(textDocument.uri, textDocument.version, contentChanges)) return;
  void pusher.schedule(textDocument.uri, 'change');
});

connection.onDidSaveTextDocument(({ textDocument }) => void pusher.schedule(textDocument.uri, 'save'));

connection.onDidCloseTextDocument(({ textDocument }) => {
  if (!ctx.documents.get(textDocument.uri)) return;
  ctx.documents.close(textDocument.uri);
  ctx.settings.forget(textDocument.uri);
  if (ctx.usePush()) pusher.clear(textDocument.uri);
});

connection.onDidChangeConfiguration(({ settings }) => {
  ctx.settings.changed(settings);
  for (const d of ctx.documents.all()) {
    d.analysis = undefined;
    void pusher.schedule(d.doc.uri, 'settings');
  }
  if (!ctx.usePush()) connection.languages.diagnostics.refresh();
});

connection.languages.diagnostics.on(async (params) => {
  const d = ctx.documents.get(params.textDocument.uri);
  const r = d ? await diagnosticsFor(ctx, d) : undefined;
  return { kind: 'full', items: r?.items ?? [] };
});

connection.onHover((p) => hover(ctx, p));
connection.onCompletion((p) => completion(ctx, p));
connection.onCodeAction((p) => codeActions(ctx, p));
connection.onExecuteCommand(async ({ command, arguments: args }) => {
  switch (command) {
    case COMMANDS.fixFile: return fixFile(ctx, String(args?.[0] ?? ''));
    case COMMANDS.migrateWorkspace: return migrateWorkspace(ctx);
    case COMMANDS.report: return report(ctx);
  }
  return null;
});

process.on('uncaughtException', (e) => connection.console.error(`napcat-milky: ${e?.stack ?? e}`));
connection.listen();
