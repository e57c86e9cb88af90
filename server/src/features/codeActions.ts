import { CodeActionKind, type CodeAction, type CodeActionParams, type TextEdit } from 'vscode-languageserver';
import { DISABLE_FILE, IGNORE_NEXT_LINE, planFixes, type Finding } from '../core';
import type { ServerContext } from '../context';
import { uiText } from '../ui';
import { toDiagnostic, toRange, toTextEdits, type Positions } from './convert';

export const FIX_ALL_KIND = 'source.fixAll.napcatMilky';

function wants(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return kind === CodeActionKind.QuickFix;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** Code actions with inline edits: a quick fix per Milky candidate, ignore-line, and fix-all. */
export async function codeActions(ctx: ServerContext, params: CodeActionParams): Promise<CodeAction[]> {
  const d = ctx.documents.get(params.textDocument.uri);
  if (!d) return [];
  const settings = await ctx.settings.get(d.doc.uri);
  if (!settings.enable || d.doc.getText().length > settings.maxFileSize) return [];
  const a = ctx.analysis(d, settings);
  const locale = ctx.locale(settings);
  const uri = d.doc.uri;
  const text = d.doc.getText();
  const from = d.doc.offsetAt(params.range.start);
  const to = d.doc.offsetAt(params.range.end);
  const visible = a.result.findings.filter((f) => settings.severity[f.kind] !== 'off');
  const actions: CodeAction[] = [];
  const only = params.context.only;

  if (wants(only, CodeActionKind.QuickFix)) {
    const here = visible.filter((f) => f.start <= to && f.end >= from);
    const ignoredLines = new Set<number>();
    for (const f of here) {
      const sev = settings.severity[f.kind] as Exclude<typeof settings.severity[typeof f.kind], 'off'>;
      const diagnostic = toDiagnostic(f, a.doc, sev);
      // The preferred candidate first: clients that do not sort (Neovim) show it on top.
      const options = [...f.fixes].sort((a, b) => Number(b.target === f.preferred) - Number(a.target === f.preferred));
      for (const option of options) {
        const preferred = (f.kind === 'mapped' || (f.kind === 'ambiguous' && !!f.preferred)) && option.target === f.preferred;
        const key = f.kind === 'same-name' ? (f.callSite === 'url' && option.edits.some((e) => e.newText.startsWith('api/')) ? 'addApi' : 'migrateParams') : preferred ? 'migrateToPreferred' : 'migrateTo';
        actions.push({
          title: uiText(key, locale, { target: option.target }),
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: preferred || undefined,
          edit: { changes: { [uri]: toTextEdits(a.doc, option.edits) } },
        });
      }
      const line = diagnostic.range.start.line;
      if (!ignoredLines.has(line) && commentsAllowed(d.doc.languageId)) {
        ignoredLines.add(line);
        actions.push({ title: uiText('ignoreLine', locale), kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [uri]: [ignoreLineEdit(text, a.doc, line)] } } });
      }
    }
    if (here.length && commentsAllowed(d.doc.languageId)) {
      actions.push({ title: uiText('disableFile', locale), kind: CodeActionKind.QuickFix, edit: { changes: { [uri]: [{ range: toRange(a.doc, 0, 0), newText: `// ${DISABLE_FILE}${eol(text)}` }] } } });
    }
  }
  if (wants(only, FIX_ALL_KIND)) {
    const edits = fixAllEdits(visible, a.doc);
    if (edits.length) actions.push({ title: uiText('fixAll', locale), kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits } } });
  }
  return actions;
}

export function fixAllEdits(findings: Finding[], doc: Positions): TextEdit[] {
  return toTextEdits(doc, planFixes(findings).edits);
}

function commentsAllowed(languageId: string): boolean {
  return languageId !== 'json';
}

function eol(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

function ignoreLineEdit(text: string, doc: Positions, line: number): TextEdit {
  const lineStart = doc.offsetAt({ line, character: 0 });
  const indent = /^[ \t]*/.exec(text.slice(lineStart, lineStart + 200))![0];
  return { range: toRange(doc, lineStart, lineStart), newText: `${indent}// ${IGNORE_NEXT_LINE}${eol(text)}` };
}

