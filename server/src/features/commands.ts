import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ChangeAnnotation, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { analyzeDocument, fixFile as planFileFix, languageOfPath, type Finding } from '../core';
import type { ServerContext } from '../context';
import { dictionary } from '../l10n';
import { migrationReport, type ReportFile } from '../l10n/report';
import { ensurePython } from '../node/python-parser';
import { readSourceUpTo } from '../node/read';
import { workspaceFiles } from '../node/workspace';
import { checks } from '../settings';
import { SERVER_COMMANDS, type MigrateWorkspaceResult } from '../shared/commands';
import { textPositions, toTextEdits } from './convert';

export const COMMANDS = SERVER_COMMANDS;

interface ScannedFile {
  uri: string;
  path: string;
  languageId: string;
  version: number | null;
  text: string;
  findings: Finding[];
  skipped?: string;
}

/**
 * Every file of the workspace, open documents as they are in the editor and others from disk, with
 * the editor's rules: the same settings gate (enable, maxFileSize) and the same tolerant analysis.
 */
async function scanWorkspace(ctx: ServerContext, onProgress: (done: number, total: number) => void): Promise<ScannedFile[]> {
  const open = new Map(ctx.documents.all().map((d) => [d.doc.uri, d] as const));
  const uris = new Set<string>(open.keys());
  const roots = ctx.workspaceFolders.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
  const rootOf = new Map<string, string>();
  for (const f of workspaceFiles(roots)) {
    const uri = pathToFileURL(f.absolute).toString();
    uris.add(uri);
    rootOf.set(uri, f.root);
  }
  const out: ScannedFile[] = [];
  let done = 0;
  const total = uris.size;
  for (const uri of [...uris].sort()) {
    done++;
    if (done % 20 === 0 || done === total) onProgress(done, total);
    const settings = await ctx.settings.get(uri);
    const d = open.get(uri);
    let text: string;
    let languageId: string | undefined;
    let version: number | null = null;
    if (d) {
      text = d.doc.getText(); languageId = d.doc.languageId; version = d.doc.version;
    } else {
      const file = fileURLToPath(uri);
      languageId = languageOfPath(file);
      try {
        const src = readSourceUpTo(file, settings.maxFileSize);
        if ('skipped' in src) continue;
        text = src.text;
      } catch { continue; }
    }
    if (!languageId || checks(settings, text.length) !== 'yes') continue;
    let rel = uri;
    if (uri.startsWith('file:')) {
      const file = fileURLToPath(uri);
      const root = rootOf.get(uri) ?? roots.find((r) => file.startsWith(r + path.sep));
      rel = root ? path.relative(root, file).split(path.sep).join('/') : file;
    }
    if (languageId === 'python') await ensurePython();
    const a = d ? ctx.analysis(d, settings).result : analyzeDocument(text, languageId, { tolerant: true, reportDefinitions: settings.reportDefinitions });
    out.push({ uri, path: rel, languageId, version, text, findings: a.findings.filter((f) => settings.severity[f.kind] !== 'off'), skipped: a.skipped });
  }
  return out;
}

async function withProgress<T>(ctx: ServerContext, title: string, work: (report: (done: number, total: number) => void) => Promise<T>): Promise<T> {
  if (!ctx.supportsWorkDoneProgress) return work(() => undefined);
  const progress = await ctx.connection.window.createWorkDoneProgress();
  progress.begin(title, 0, undefined, false);
  try {
    return await work((done, total) => progress.report(Math.round((done / Math.max(1, total)) * 100), dictionary(ctx.clientLocale).ui.scanning(String(done), String(total))));
  } finally {
    progress.done();
  }
}

/** Applies every automatic fix in the workspace, as one edit the user can preview. A result that would not parse is not offered. */
export async function migrateWorkspace(ctx: ServerContext): Promise<MigrateWorkspaceResult> {
  const label = dictionary(ctx.clientLocale).ui.migrateLabel;
  const files = await withProgress(ctx, label, (report) => scanWorkspace(ctx, report));
  const annotationId = 'napcat-milky';
  const annotations: Record<string, ChangeAnnotation> = { [annotationId]: { label, needsConfirmation: true } };
  const documentChanges: TextDocumentEdit[] = [];
  const changes: Record<string, TextEdit[]> = {};
  let fixed = 0;
  let manual = 0;
  for (const f of files) {
    const fix = planFileFix(f.text, f.languageId, f.findings);
    if (fix.outcome !== 'fixed') { manual += fix.outcome === 'refused' ? fix.plan.manual.length + fix.plan.applied.length : fix.plan.manual.length; continue; }
    manual += fix.plan.manual.length;
    fixed += fix.plan.applied.length;
    const edits = toTextEdits(textPositions(f.text), fix.plan.edits);
    changes[f.uri] = edits;
    documentChanges.push({ textDocument: { uri: f.uri, version: f.version }, edits: edits.map((e) => ({ ...e, annotationId })) });
  }
  const changed = documentChanges.length;
  let applied = false;
  if (changed) {
    const edit: WorkspaceEdit = ctx.supportsChangeAnnotations ? { documentChanges, changeAnnotations: annotations } : { changes };
    const r = await ctx.connection.workspace.applyEdit({ label, edit });
    applied = r.applied;
  }
  return { files: files.length, changed, fixed, manual, applied };
}

export async function fixFile(ctx: ServerContext, uri: string): Promise<boolean> {
  const d = ctx.documents.get(uri);
  if (!d) return false;
  const settings = await ctx.settings.get(uri);
  if (checks(settings, d.doc.getText().length) !== 'yes') return false;
  await ctx.ready(d);
  const a = ctx.analysis(d, settings);
  const fix = planFileFix(a.doc.getText(), d.doc.languageId, a.result.findings.filter((f) => settings.severity[f.kind] !== 'off'));
  if (fix.outcome !== 'fixed') return false;
  const edits = toTextEdits(a.doc, fix.plan.edits);
  const r = await ctx.connection.workspace.applyEdit({ label: dictionary(ctx.locale(settings)).ui.migrateLabel, edit: { documentChanges: [{ textDocument: { uri, version: d.doc.version }, edits }] } });
  return r.applied;
}

export async function report(ctx: ServerContext): Promise<string> {
  const files = await withProgress(ctx, dictionary(ctx.clientLocale).ui.migrateLabel, (r) => scanWorkspace(ctx, r));
  const reportFiles: ReportFile[] = files.map((f) => {
    const doc = textPositions(f.text);
    return { path: f.path, text: f.text, findings: f.findings, lines: f.findings.map((x) => doc.positionAt(x.start).line + 1), skipped: f.skipped };
  });
  const settings = ctx.workspaceFolders[0] ? await ctx.settings.get(ctx.workspaceFolders[0]) : undefined;
  return migrationReport(reportFiles, settings ? ctx.locale(settings) : ctx.clientLocale);
}
