import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionParams, type Range } from 'vscode-languageserver';
import { catalog, requiredFields, type Locale } from '../core';
import { milkyFieldSummary, milkyHover } from '../l10n/hover';
import type { ServerContext } from '../context';
import { checks } from '../settings';

// Where an action name goes: `callApi('|`, `call_api("|` (Python: also `api="|`), `action: '|`,
// `"action": "|`, `action="|` (Python keyword), and `/api/|` in a URL.
const CALLEE = /(?:^|[^\w$])(?:callApi|call_api|callAction|call_action|callMilky|call|request|send|sendAction|action|api)\s*\(\s*(?:[\w$.]+\s*,\s*)?(['"`])([a-z_]*)$/;
const ACTION_VALUE = /["']?action["']?\s*:\s*(['"`])([a-z_]*)$/;
const PY_KEYWORD = /(?:^|[^\w$])(?:action|api)\s*=\s*(['"])([a-z_]*)$/;
const API_URL = /\/api\/([a-z_]*)$/;

function completionContext(linePrefix: string): { partial: string } | undefined {
  const m = ACTION_VALUE.exec(linePrefix) ?? CALLEE.exec(linePrefix) ?? PY_KEYWORD.exec(linePrefix);
  if (m) return { partial: m[2] };
  const u = API_URL.exec(linePrefix);
  if (u && /['"`]/.test(linePrefix)) return { partial: u[1] };
  return undefined;
}

/** The items of one locale without their range: the catalog never changes, so they are built once. */
const itemsByLocale = new Map<Locale, CompletionItem[]>();

function baseItems(locale: Locale): CompletionItem[] {
  let list = itemsByLocale.get(locale);
  if (list) return list;
  list = Object.entries(catalog.milky).map(([name, e], i) => {
    const required = requiredFields(name);
    return {
      label: name,
      kind: CompletionItemKind.Function,
      detail: required.length ? `Milky · ${required.join(', ')}` : 'Milky',
      labelDetails: { description: e.label[locale] },
      documentation: { kind: 'markdown', value: milkyHover(name, locale) },
      sortText: String(i).padStart(3, '0'),
      filterText: name,
      insertTextFormat: InsertTextFormat.PlainText,
      data: { fields: milkyFieldSummary(name, locale) },
    } satisfies CompletionItem;
  });
  itemsByLocale.set(locale, list);
  return list;
}

function items(locale: Locale, range: Range): CompletionItem[] {
  return baseItems(locale).map((item) => ({ ...item, textEdit: { range, newText: item.label } }));
}

/** Milky endpoint names inside action-name strings. */
export async function completion(ctx: ServerContext, params: CompletionParams): Promise<CompletionItem[]> {
  const d = ctx.documents.get(params.textDocument.uri);
  if (!d) return [];
  const settings = await ctx.settings.get(d.doc.uri);
  if (checks(settings, 0) === 'disabled') return [];
  const off = d.doc.offsetAt(params.position);
  const lineStart = d.doc.offsetAt({ line: params.position.line, character: 0 });
  const text = d.doc.getText();
  const c = completionContext(text.slice(Math.max(lineStart, off - 300), off));
  if (!c) return [];
  let end = off;
  while (end < text.length && /[a-z_]/.test(text[end])) end++;
  const range = { start: d.doc.positionAt(off - c.partial.length), end: d.doc.positionAt(end) };
  return items(ctx.locale(settings), range);
}
