import { statSync } from 'node:fs';
import { readSource } from '../cli/read';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ChangeAnnotation, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { analyzeDocument, languageOfPath, migrationReport, planFixes, type Finding, type ReportFile } from '../core';
import { ensurePython } from '../node/python-parser';
import { walk } from '../cli/walk';
import type { ServerContext } from '../context';
import { uiText } from '../ui';
import { textPositions, toTextEdits } from './convert';

export const COMMANDS = {
  fixFile: 'napcatMilky.server.fixFile',
  migrateWorkspace: 'napcatMilky.server.migrateWorkspace',
  report: 'napcatMilky.server.report',
} as const;

interface ScannedFile {
  uri: string;
  path: string;
  version: number | null;
  text: string;
  findings: Finding[];
  skipped?: string;
}

/** Every TS/JS/JSON file of the workspace: open documents as they are in the editor, others from disk. */
async function scanWorkspace(ctx: ServerContext, onProgress: (done: number, total: number) => void): Promise<ScannedFile[]> {
  const open = new Map(ctx.documents.all().map((d) => [d.doc.uri, d] as const));
  const uris = new Set<string>(open.keys());
  const roots = ctx.workspaceFolders.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
  const rootOf = new Map<string, string>();
  for (const root of roots) {
    for (const f of walk([root], []).files) {
      const uri = pathToFileURL(f.absolute).toString();
      uris.add(uri);
      rootOf.set(uri, root);
    }
  }
  const out: ScannedFile[] = [];
  let done = 0;
  const total = uris.size;
  for (const uri of [...uris].sort()) {
    const d = open.get(uri);
    let text: string;
    let languageId: string | undefined;
    let version: number | null = null;
    let rel = uri;
    if (d) {
      text = d.doc.getText(); languageId = d.doc.languageId; version = d.doc.version;
    } else {
      const file = fileURLToPath(uri);
      languageId = languageOfPath(file);
      try {
        if (statSync(file).size > 64 * 1024 * 1024) continue;
        const src = readSource(file);
        if ('skipped' in src) continue;
        text = src.text;
      } catch { continue; }
    }
    if (uri.startsWith('file:')) {
      const file = fileURLToPath(uri);
      const root = rootOf.get(uri) ?? roots.find((r) => file.startsWith(r + path.sep));
      rel = root ? path.relative(root, file).split(path.sep).join('/') : file;
    }
    if (languageId) {
      const settings = await ctx.settings.get(uri);
      if (languageId === 'python') await ensurePython();
      const a = analyzeDocument(text, languageId, { locale: ctx.locale(settings) });
      out.push({ uri, path: rel, version, text, findings: a.findings.filter((f) => settings.severity[f.kind] !== 'off'), skipped: a.skipped });
    }
    done++;
    if (done % 20 === 0 || done === total) onProgress(done, total);
  }
  return out;
}

async function withProgress<T>(ctx: ServerContext, title: string, work: (report: (done: number, total: number) => void) => Promise<T>): Promise<T> {
  if (!ctx.supportsWorkDoneProgress) return work(() => undefined);
  const progress = await ctx.connection.window.createWorkDoneProgress();
  progress.begin(title, 0, undefined, false);
  try {
    return await work((done, total) => progress.report(Math.round((done / Math.max(1, total)) * 100), uiText('scanning', ctx.clientLocale, { done: String(done), total: String(total) })));
  } finally {
    progress.done();
  }
}

/** Applies every automatic fix in the workspace, as one edit the user can preview. */
export async function migrateWorkspace(ctx: ServerContext): Promise<{ files: number; changed: number; fixed: number; manual: number; applied: boolean }> {
  const files = await withProgress(ctx, uiText('migrateLabel', ctx.clientLocale), (report) => scanWorkspace(ctx, report));
  const annotationId = 'napcat-milky';
  const annotations: Record<string, ChangeAnnotation> = { [annotationId]: { label: uiText('migrateLabel', ctx.clientLocale), needsConfirmation: true } };
  const documentChanges: TextDocumentEdit[] = [];
  const changes: Record<string, TextEdit[]> = {};
  let fixed = 0;
  let manual = 0;
  for (const f of files) {
    const plan = planFixes(f.findings);
    manual += plan.manual.length;
    if (!plan.edits.length) continue;
    fixed += plan.applied.length;
    const edits = toTextEdits(textPositions(f.text), plan.edits);
    changes[f.uri] = edits;
    documentChanges.push({ textDocument: { uri: f.uri, version: f.version }, edits: edits.map((e) => ({ ...e, annotationId })) });
  }
  const changed = documentChanges.length;
  let applied = false;
  if (changed) {
    const edit: WorkspaceEdit = ctx.supportsChangeAnnotations ? { documentChanges, changeAnnotations: annotations } : { changes };
    const r = await ctx.connection.workspace.applyEdit({ label: uiText('migrateLabel', ctx.clientLocale), edit });
    applied = r.applied;
  }
  return { files: files.length, changed, fixed, manual, applied };
}

export async function fixFile(ctx: ServerContext, uri: string): Promise<boolean> {
  const d = ctx.documents.get(uri);
  if (!d) return false;
  const settings = await ctx.settings.get(uri);
  const a = ctx.analysis(d, settings);
  const edits = toTextEdits(a.doc, planFixes(a.result.findings.filter((f) => settings.severity[f.kind] !== 'off')).edits);
  if (!edits.length) return false;
  const r = await ctx.connection.workspace.applyEdit({ label: uiText('migrateLabel', ctx.locale(settings)), edit: { documentChanges: [{ textDocument: { uri, version: d.doc.version }, edits }] } });
  return r.applied;
}

export async function report(ctx: ServerContext): Promise<string> {
  const files = await withProgress(ctx, uiText('migrateLabel', ctx.clientLocale), (r) => scanWorkspace(ctx, r));
  const reportFiles: ReportFile[] = files.map((f) => {
    const doc = textPositions(f.text);
    return { path: f.path, findings: f.findings, lines: f.findings.map((x) => doc.positionAt(x.start).line + 1), skipped: f.skipped };
  });
  const locale = ctx.clientLocale;
  const settings = ctx.workspaceFolders[0] ? await ctx.settings.get(ctx.workspaceFolders[0]) : undefined;
  return migrationReport(reportFiles, settings ? ctx.locale(settings) : locale);
}
