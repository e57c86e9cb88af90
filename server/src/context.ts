import type { Connection } from 'vscode-languageserver';
import { toLocale, type Locale } from './shared/locale';
import { DocumentStore, type OpenDocument } from './documents';
import { ensurePython } from './node/python-parser';
import { SettingsStore, type Settings } from './settings';
import { isPythonLanguage } from './shared/languages';

/** What every feature shares: the connection, open documents, settings and the client's abilities. */
export class ServerContext {
  readonly documents = new DocumentStore();
  readonly settings: SettingsStore;
  clientLocale: Locale = 'en';
  supportsConfiguration = false;
  supportsPullDiagnostics = false;
  supportsChangeAnnotations = false;
  supportsWorkDoneProgress = false;
  supportsWorkspaceFolders = false;
  workspaceFolders: string[] = [];
  /** `push`, `pull`, or `auto` (pull when the client can, else push). */
  diagnosticMode: 'push' | 'pull' | 'auto' = 'auto';

  constructor(readonly connection: Connection) {
    this.settings = new SettingsStore(connection, () => this.supportsConfiguration);
  }

  usePush(): boolean {
    return this.diagnosticMode === 'push' || (this.diagnosticMode === 'auto' && !this.supportsPullDiagnostics);
  }

  locale(settings: Settings): Locale {
    return settings.language === 'auto' ? this.clientLocale : settings.language;
  }

  /**
   * Waits for what a document's analysis needs: the Python parser (wasm) is loaded on the first
   * Python document, not at start-up, so that `initialize` stays fast for everyone else.
   */
  async ready(d: OpenDocument): Promise<void> {
    if (isPythonLanguage(d.doc.languageId)) await ensurePython();
  }

  /** The current analysis of a document (cached by version). */
  analysis(d: OpenDocument, settings: Settings) {
    return this.documents.analyze(d, { reportDefinitions: settings.reportDefinitions });
  }

  setClientLocale(locale: string | undefined): void {
    this.clientLocale = toLocale(locale);
  }
}
