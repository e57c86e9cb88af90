import type { Hover, HoverParams } from 'vscode-languageserver';
import { milkyHover, milkyNames, napcatHover } from '../core';
import type { ServerContext } from '../context';
import { toRange } from './convert';

/** Hover on a NapCat name (labels, targets, param map, fix) or a Milky name (fields). */
export async function hover(ctx: ServerContext, params: HoverParams): Promise<Hover | null> {
  const d = ctx.documents.get(params.textDocument.uri);
  if (!d) return null;
  const settings = await ctx.settings.get(d.doc.uri);
  if (!settings.enable || d.doc.getText().length > settings.maxFileSize) return null;
  const a = ctx.analysis(d, settings);
  const locale = ctx.locale(settings);
  const off = d.doc.offsetAt(params.position);
  const finding = a.result.findings.find((f) => f.napcat && f.start <= off && off <= f.end);
  if (finding) return { contents: { kind: 'markdown', value: napcatHover(finding.napcat!, finding, locale) }, range: toRange(a.doc, finding.start, finding.end) };
  const site = a.result.scan.sites.find((s) => s.start <= off && off <= s.end && milkyNames.has(s.written));
  if (site) return { contents: { kind: 'markdown', value: milkyHover(site.written, locale) }, range: toRange(a.doc, site.start, site.end) };
  return null;
}
