import type { Hover, HoverParams } from 'vscode-languageserver';
import { isActionFinding, milkyNames } from '../core';
import type { ServerContext } from '../context';
import { fileFindingHover, milkyHover, napcatHover, segmentHover } from '../l10n/hover';
import { checks } from '../settings';
import { toRange } from './convert';

/** Hover on a NapCat name (labels, targets, param map, fix) or a Milky name (fields). */
export async function hover(ctx: ServerContext, params: HoverParams): Promise<Hover | null> {
  const d = ctx.documents.get(params.textDocument.uri);
  if (!d) return null;
  const settings = await ctx.settings.get(d.doc.uri);
  if (checks(settings, d.doc.getText().length) !== 'yes') return null;
  await ctx.ready(d);
  const a = ctx.analysis(d, settings);
  const locale = ctx.locale(settings);
  const off = d.doc.offsetAt(params.position);
  const finding = a.result.findings.filter(isActionFinding).find((f) => f.start <= off && off <= f.end);
  if (finding) return { contents: { kind: 'markdown', value: napcatHover(finding, a.doc.getText(), locale) }, range: toRange(a.doc, finding.start, finding.end) };
  const segment = a.result.findings.find((f) => f.kind === 'segment' && f.start <= off && off <= f.end);
  if (segment?.kind === 'segment') return { contents: { kind: 'markdown', value: segmentHover(segment, a.doc.getText(), locale) }, range: toRange(a.doc, segment.start, segment.end) };
  const other = a.result.findings.find((f) => (f.kind === 'event' || f.kind === 'transport' || f.kind === 'framework') && f.start <= off && off <= f.end);
  if (other && (other.kind === 'event' || other.kind === 'transport' || other.kind === 'framework')) return { contents: { kind: 'markdown', value: fileFindingHover(other, a.doc.getText(), locale) }, range: toRange(a.doc, other.start, other.end) };
  const site = a.result.sites.find((s) => s.start <= off && off <= s.end && milkyNames.has(s.written));
  if (site) return { contents: { kind: 'markdown', value: milkyHover(site.written, locale) }, range: toRange(a.doc, site.start, site.end) };
  return null;
}
