import type { Diagnostic } from 'vscode-languageserver';
import type { ServerContext } from '../context';
import type { OpenDocument } from '../documents';
import { dictionary } from '../l10n';
import { checks } from '../settings';
import { DerivedCache, toDiagnostic } from './convert';

/** Computes diagnostics for a document at its current version; [] when disabled or too large. */
export async function diagnosticsFor(ctx: ServerContext, d: OpenDocument): Promise<{ version: number; items: Diagnostic[] } | undefined> {
  const version = d.doc.version;
  const settings = await ctx.settings.get(d.doc.uri);
  if (d.doc.version !== version) return undefined;
  const locale = ctx.locale(settings);
  const gate = checks(settings, d.doc.getText().length);
  if (gate === 'disabled') return { version, items: [] };
  if (gate === 'too-large') {
    notifyOnce(ctx, d.doc.uri, dictionary(locale).ui.tooLarge(String(Math.round(settings.maxFileSize / 1024))));
    return { version, items: [] };
  }
  await ctx.ready(d);
  const a = ctx.analysis(d, settings);
  if (a.result.skipped) notifyOnce(ctx, d.doc.uri, dictionary(locale).ui.skipped(a.result.skipped));
  const items: Diagnostic[] = [];
  const text = a.doc.getText();
  const cache = (d.derived ??= new DerivedCache());
  cache.begin(locale);
  for (const f of a.result.findings) {
    const sev = settings.severity[f.kind];
    if (sev === 'off') continue;
    items.push(toDiagnostic(f, text, a.doc, sev, locale, cache));
  }
  cache.end();
  return { version, items };
}

const notified = new Set<string>();
function notifyOnce(ctx: ServerContext, uri: string, message: string): void {
  if (notified.has(uri)) return;
  notified.add(uri);
  void ctx.connection.window.showInformationMessage(message);
}

/** Debounced push diagnostics: only the newest version of a document is ever published. */
export class DiagnosticsPusher {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly ctx: ServerContext) {}

  async schedule(uri: string, reason: 'open' | 'change' | 'save' | 'settings'): Promise<void> {
    if (!this.ctx.usePush()) return;
    const d = this.ctx.documents.get(uri);
    if (!d) return;
    const settings = await this.ctx.settings.get(uri);
    if (reason === 'change' && settings.run === 'onSave') return;
    const delay = reason === 'change' ? settings.debounceMs : 0;
    clearTimeout(this.timers.get(uri));
    if (delay === 0) { this.timers.delete(uri); await this.publish(uri); return; }
    this.timers.set(uri, setTimeout(() => { this.timers.delete(uri); void this.publish(uri); }, delay));
  }

  cancel(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
  }

  async publish(uri: string): Promise<void> {
    const d = this.ctx.documents.get(uri);
    if (!d) return;
    const result = await diagnosticsFor(this.ctx, d);
    // A newer version arrived meanwhile: its own validation will publish.
    if (!result || this.ctx.documents.get(uri) !== d || d.doc.version !== result.version) return;
    await this.ctx.connection.sendDiagnostics({ uri, version: result.version, diagnostics: result.items });
  }

  clear(uri: string): void {
    this.cancel(uri);
    void this.ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
  }
}
