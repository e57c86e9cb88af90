import { CodeActionKind, type CodeAction, type CodeActionParams, type TextEdit } from 'vscode-languageserver';
import { automaticFix, DISABLE_FILE, eolOf, fixesFor, fixFile, helperLangOf, preferredOf, IGNORE_NEXT_LINE, type Finding, type FixOption } from '../core';
import type { ServerContext } from '../context';
import { dictionary, type Dictionary } from '../l10n';
import { checks } from '../settings';
import { allowsComments, lineCommentOf } from '../shared/languages';
import { toDiagnostic, toRange, toTextEdits, type Positions } from './convert';

export const FIX_ALL_KIND = 'source.fixAll.napcatMilky';

function wants(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return kind === CodeActionKind.QuickFix;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** The automatic choice of a finding: the mapped name's target, or the one its context decided. */
function isPreferredOption(f: Finding, option: FixOption, options: FixOption[]): boolean {
  // A segment's fix is preferred when it is the one fix-all applies (its action's, or the conversion).
  if (f.kind === 'segment') return automaticFix(f, options) === option;
  return (f.kind === 'mapped' || (f.kind === 'ambiguous' && !!f.preferred)) && option.target === f.preferred;
}

/** A title that says what the fix does, from what it is. */
function title(t: Dictionary, option: FixOption, preferred: boolean): string {
  switch (option.action) {
    case 'api-prefix': return t.ui.addApi(option.target);
    case 'params': return t.ui.migrateParams(option.target);
    case 'event': return t.event.fixTitle(option.target);
    case 'segments': return t.segment.fixTitle(option.target);
    case 'framework': return t.framework.fixTitle(option.target);
    case 'rename': return preferred ? t.ui.migrateToPreferred(option.target) : t.ui.migrateTo(option.target);
  }
}

/** Code actions with inline edits: a quick fix per Milky candidate, ignore-line, and fix-all. */
export async function codeActions(ctx: ServerContext, params: CodeActionParams): Promise<CodeAction[]> {
  const d = ctx.documents.get(params.textDocument.uri);
  if (!d) return [];
  const settings = await ctx.settings.get(d.doc.uri);
  if (checks(settings, d.doc.getText().length) !== 'yes') return [];
  await ctx.ready(d);
  const a = ctx.analysis(d, settings);
  const locale = ctx.locale(settings);
  const t = dictionary(locale);
  const uri = d.doc.uri;
  const text = a.doc.getText();
  const from = d.doc.offsetAt(params.range.start);
  const to = d.doc.offsetAt(params.range.end);
  const visible = a.result.findings.filter((f) => settings.severity[f.kind] !== 'off');
  const actions: CodeAction[] = [];
  const only = params.context.only;
  const comments = allowsComments(d.doc.languageId);

  if (wants(only, CodeActionKind.QuickFix)) {
    const here = visible.filter((f) => f.start <= to && f.end >= from);
    const ignoredLines = new Set<number>();
    for (const f of here) {
      const sev = settings.severity[f.kind] as Exclude<typeof settings.severity[typeof f.kind], 'off'>;
      const diagnostic = toDiagnostic(f, text, a.doc, sev, locale);
      // The preferred candidate first: clients that do not sort (Neovim) show it on top.
      const first = preferredOf(f);
      const options = fixesFor(f, text, undefined, helperLangOf(d.doc.languageId)).sort((x, y) => Number(y.target === first) - Number(x.target === first));
      for (const option of options) {
        const preferred = isPreferredOption(f, option, options);
        actions.push({
          title: title(t, option, preferred),
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: preferred || undefined,
          edit: { changes: { [uri]: toTextEdits(a.doc, option.edits) } },
        });
      }
      const line = diagnostic.range.start.line;
      if (!ignoredLines.has(line) && comments) {
        ignoredLines.add(line);
        actions.push({ title: t.ui.ignoreLine, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [uri]: [ignoreLineEdit(text, a.doc, line, lineCommentOf(a.doc.languageId))] } } });
      }
    }
    if (here.length && comments) {
      actions.push({ title: t.ui.disableFile, kind: CodeActionKind.QuickFix, edit: { changes: { [uri]: [{ range: toRange(a.doc, 0, 0), newText: `${lineCommentOf(a.doc.languageId)} ${DISABLE_FILE}${lineEnd(text)}` }] } } });
    }
  }
  if (wants(only, FIX_ALL_KIND)) {
    // Fix-all has the CLI's guarantees: the result parses and adds no duplicate names.
    const fix = fixFile(text, d.doc.languageId, visible);
    const edits = fix.outcome === 'fixed' ? toTextEdits(a.doc, fix.plan.edits) : [];
    if (edits.length) actions.push({ title: t.ui.fixAll, kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits } } });
  }
  return actions;
}

/** The line ending a comment line is inserted with: CRLF files get CRLF, everything else LF. */
function lineEnd(text: string): string {
  return eolOf(text) === '\r\n' ? '\r\n' : '\n';
}

function ignoreLineEdit(text: string, doc: Positions, line: number, comment: string): TextEdit {
  const lineStart = doc.offsetAt({ line, character: 0 });
  const indent = /^[ \t]*/.exec(text.slice(lineStart, lineStart + 200))![0];
  return { range: toRange(doc, lineStart, lineStart), newText: `${indent}${comment} ${IGNORE_NEXT_LINE}${lineEnd(text)}` };
}
