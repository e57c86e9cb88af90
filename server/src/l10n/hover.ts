/** Hover Markdown for NapCat and Milky names, rendered from the catalog, a finding's facts and a locale. */
import { catalog, milkyEntry, napcatEntry } from '../core/catalog';
import { fixesFor } from '../core/fix';
import type { ActionFinding, EventFinding, FrameworkFinding, SegmentFinding, TransportFinding } from '../core/findings';
import { resultChange } from '../core/catalog/results';
import { CQ_HELPER_NAME, segmentTable, typeRuleOf } from '../core/segments';
import { MILKY_HOME, milkyDocUrl, NAPCAT_DOCS } from '../core/links';
import { code, dictionary, type Locale } from './index';
import { findingMessage, manualStepText } from './messages';

function transformText(transform: string, locale: Locale): string {
  const x = catalog.transforms[transform.split(';')[0].trim()];
  return x ? x[locale] : transform;
}

/** The input fields of an endpoint, in one line. */
export function milkyFieldSummary(endpoint: string, locale: Locale): string {
  const t = dictionary(locale);
  const e = milkyEntry(endpoint);
  if (!e || !e.input.length) return t.hover.noParams;
  return t.clauses(e.input.map((f) => `\`${f.name}\`: ${f.type}${f.optional ? t.hover.optional(f.default !== undefined ? JSON.stringify(f.default) : undefined) : ''}`));
}

/** Hover for a NapCat name: labels, Milky targets, the param map, what the fix does, links. */
export function napcatHover(finding: ActionFinding, text: string, locale: Locale): string {
  const t = dictionary(locale);
  const e = napcatEntry(finding.napcat);
  if (!e) return '';
  const lines: string[] = [];
  lines.push(`**NapCat \`${finding.napcat}\`** — ${e.label['zh-cn']} · ${e.label.en}`);
  lines.push('');
  lines.push(`${t.hover.kindLabel}: \`${e.kind}\` — ${t.hover.kind[e.kind]}`);
  if (e.milky.length) {
    lines.push('');
    lines.push(t.hover.endpoints(catalog.milkyVersion));
    for (const m of e.milky) {
      const me = milkyEntry(m);
      const star = finding.preferred === m ? t.hover.preferredHere : '';
      lines.push(`- [\`${m}\`](${milkyDocUrl(m)}) — ${me ? me.label[locale] : ''}${star}`);
    }
  }
  const why = e.why?.[locale];
  if (why) { lines.push(''); lines.push(why); }
  const returns = returnsLines(finding.napcat, locale);
  if (returns.length) { lines.push(''); lines.push(...returns); }
  const maps = Object.entries(e.params).filter(([, m]) => m);
  if (maps.length) {
    lines.push('');
    lines.push(t.hover.params);
    for (const [target, map] of maps) {
      if (!map) continue;
      const parts: string[] = [];
      for (const [p, f] of Object.entries(map.fields)) {
        const to = Array.isArray(f.milky_field) ? f.milky_field.map(code).join(' + ') : code(f.milky_field);
        parts.push(`\`${p}\` → ${to} (${transformText(f.transform, locale)})`);
      }
      for (const [k, v] of Object.entries(map.set ?? {})) parts.push(t.hover.add(`\`${k}: ${JSON.stringify(v)}\``));
      for (const p of map.napcat_params_without_target) parts.push(t.hover.dropped(code(p)));
      for (const p of map.milky_required_without_source) parts.push(t.hover.requiredByHand(code(p)));
      lines.push(`- \`${target}\`: ${parts.length ? parts.join('; ') : t.hover.nothingToChange}`);
    }
  }
  lines.push('');
  const options = fixesFor(finding, text);
  const auto = options.find((f) => f.target === finding.preferred) ?? (finding.kind === 'same-name' ? options[0] : undefined);
  if (auto) {
    lines.push(t.hover.quickFix(auto.target, auto.edits.length));
    for (const s of auto.manual) lines.push(t.hover.byHand(manualStepText(s, locale)));
  } else lines.push(options.length ? t.hover.pickOne : t.hover.noFix);
  const note = e.upstreamNote?.[locale];
  if (note) { lines.push(''); lines.push(`> ${note}`); }
  lines.push('');
  lines.push(`[NapCat](${NAPCAT_DOCS}) · [Milky](${e.milky[0] ? milkyDocUrl(e.milky[0]) : MILKY_HOME})`);
  return lines.join('\n');
}

/** What the action returns in Milky beside what NapCat returned: the output fields, a wrapper, renamed fields. */
function returnsLines(napcat: string, locale: Locale): string[] {
  const t = dictionary(locale);
  const change = resultChange(napcat);
  const e = napcatEntry(napcat);
  const endpoints = change?.milky ?? e?.milky ?? [];
  const out: string[] = [];
  for (const m of endpoints) {
    const me = milkyEntry(m);
    if (me?.output.length) out.push(`- \`${m}\` ${t.hover.output}: ${me.output.map(code).join(', ')}`);
  }
  if (change?.wrapper) out.push(`- ${t.transport.napcatData} ${t.transport.wrappedIn(change.wrapper)}${change.elementFields.length ? ` (${change.elementFields.map(code).join(', ')})` : ''}`);
  const renamed = Object.entries(change?.renamed ?? {}).map(([from, r]) => t.transport.renamed(from, r.to));
  if (renamed.length) out.push(`- ${renamed.join(', ')}`);
  return out.length ? [t.transport.returns, ...out] : [];
}

/** Hover for an event literal or a transport finding: its message, and what the fix does. */
export function fileFindingHover(f: EventFinding | TransportFinding | FrameworkFinding, text: string, locale: Locale): string {
  const t = dictionary(locale);
  const title = f.kind === 'event' ? t.event.hoverTitle : f.kind === 'framework' ? t.framework.hoverTitle : t.transport.hoverTitle;
  const lines = [`**${title} \`${f.napcat}\`**${f.milky.length ? ` → ${f.milky.map(code).join(' | ')}` : ''}`, '', findingMessage(f, text, locale)];
  const option = fixesFor(f, text)[0];
  if (option && (f.kind === 'event' || f.kind === 'framework')) lines.push('', t.hover.quickFix(option.target, option.edits.length));
  lines.push('', `[Milky](${MILKY_HOME})`);
  return lines.join('\n');
}

/** Hover for a Milky endpoint name: what it does and its input fields. */
export function milkyHover(name: string, locale: Locale): string {
  const t = dictionary(locale);
  const e = milkyEntry(name);
  if (!e) return '';
  const lines = [
    `**Milky \`${name}\`** — ${e.label['zh-cn']} · ${e.label.en}`,
    '',
    e.doc[locale] || '',
    '',
    `\`POST /api/${name}\``,
    '',
    `${t.hover.input}: ${milkyFieldSummary(name, locale)}`,
  ];
  if (e.output.length) lines.push('', `${t.hover.output}: ${e.output.map(code).join(', ')}`);
  const from = Object.entries(catalog.napcat).filter(([, n]) => n.milky.includes(name)).map(([n]) => code(n));
  if (from.length) lines.push('', `${t.hover.fromNapcat}: ${from.join(', ')}`);
  lines.push('', `[${t.hover.milkyDocs}](${milkyDocUrl(name)})`);
  return lines.join('\n');
}

/** Hover on a segment finding: the OneBot fields and the Milky fields they become, side by side. */
export function segmentHover(finding: SegmentFinding, text: string, locale: Locale): string {
  const t = dictionary(locale);
  const h = t.segment.hover;
  const milky = finding.milky.length ? finding.milky.map(code).join(' / ') : h.none;
  const lines = [h.title(finding.napcat, milky), '', findingMessage(finding, text, locale)];
  const rule = typeRuleOf(finding.napcat);
  if (rule && Object.keys(rule.fields).length) {
    lines.push('', `| ${h.onebot} | ${h.milky} |`, '|---|---|');
    for (const [k, f] of Object.entries(rule.fields)) {
      const to = f.milky === null ? h.dropped : f.transform === 'lookup' ? `${code(f.milky)} (get_message)` : code(f.milky);
      lines.push(`| ${code(k)} | ${to} |`);
    }
    // Milky fields no OneBot field fills.
    const filled = new Set(Object.values(rule.fields).map((f) => f.milky));
    for (const m of finding.milky) for (const mf of segmentTable.milkyFields[m] ?? []) if (!filled.has(mf.name)) lines.push(`| ${h.none} | ${code(mf.name)}${mf.optional ? '?' : ''} |`);
  }
  if (rule?.alternative) lines.push('', `> ${rule.alternative}`);
  lines.push('');
  if (finding.runtime) lines.push(h.helper(CQ_HELPER_NAME));
  else lines.push(fixesFor(finding, text).length ? h.fix : h.noFix);
  lines.push('', `[Milky](${MILKY_HOME})`);
  return lines.join('\n');
}
