import { catalog, milkyEntry, napcatEntry } from './catalog';
import type { Finding } from './analyze';
import type { Locale } from './messages';
import { manualStepText } from './messages';

/** The Milky docs page of an endpoint (by its category). */
export function milkyDocUrl(endpoint: string): string {
  const e = milkyEntry(endpoint);
  return e ? `https://milky.ntqqrev.org/api/${e.category}#${endpoint}` : 'https://milky.ntqqrev.org/';
}

const NAPCAT_DOCS = 'https://napneko.github.io/develop/api';

function transformText(t: string, locale: Locale): string {
  const code = t.split(';')[0].trim();
  const x = catalog.transforms[code];
  return x ? (locale === 'zh-cn' ? x.zh : x.en) : t;
}

function fieldList(endpoint: string, locale: Locale): string {
  const e = milkyEntry(endpoint);
  if (!e || !e.input.length) return locale === 'zh-cn' ? '无参数' : 'no params';
  return e.input.map((f) => `\`${f.name}\`: ${f.type}${f.optional ? (locale === 'zh-cn' ? '（可选' : ' (optional') + (f.default !== undefined ? `, = ${JSON.stringify(f.default)}` : '') + (locale === 'zh-cn' ? '）' : ')') : ''}`).join(locale === 'zh-cn' ? '；' : '; ');
}

/** Hover for a NapCat name: labels, Milky targets, the param map, what the fix does, links. */
export function napcatHover(name: string, finding: Finding | undefined, locale: Locale): string {
  const e = napcatEntry(name);
  if (!e) return '';
  const zh = locale === 'zh-cn';
  const lines: string[] = [];
  lines.push(`**NapCat \`${name}\`** — ${e.labelZh} · ${e.labelEn}`);
  lines.push('');
  const kindText: Record<string, [string, string]> = {
    mapped: ['one Milky endpoint', '对应一个 Milky 端点'],
    ambiguous: ['several Milky endpoints, chosen by context', '对应多个 Milky 端点，按上下文选择'],
    'no-counterpart': ['no Milky counterpart in the table', '对照表中没有 Milky 对应接口'],
    'same-name': ['same name in Milky', 'Milky 中同名'],
  };
  lines.push(`${zh ? '类型' : 'Kind'}: \`${e.kind}\` — ${kindText[e.kind][zh ? 1 : 0]}`);
  if (e.milky.length) {
    lines.push('');
    lines.push(zh ? `**Milky ${catalog.milkyVersion} 端点**` : `**Milky ${catalog.milkyVersion} endpoints**`);
    for (const m of e.milky) {
      const me = milkyEntry(m);
      const star = finding?.preferred === m ? (zh ? '（此处推荐）' : ' (preferred here)') : '';
      lines.push(`- [\`${m}\`](${milkyDocUrl(m)}) — ${me ? (zh ? me.labelZh : me.labelEn) : ''}${star}`);
    }
  }
  const why = zh ? e.whyZh : e.whyEn;
  if (why) { lines.push(''); lines.push(why); }
  const maps = Object.entries(e.params).filter(([, m]) => m);
  if (maps.length) {
    lines.push('');
    lines.push(zh ? '**参数对照**' : '**Params**');
    for (const [target, map] of maps) {
      if (!map) continue;
      const parts: string[] = [];
      for (const [p, f] of Object.entries(map.fields)) {
        const to = Array.isArray(f.milky_field) ? f.milky_field.map((x) => `\`${x}\``).join(' + ') : `\`${f.milky_field}\``;
        parts.push(`\`${p}\` → ${to} (${transformText(f.transform, locale)})`);
      }
      for (const [k, v] of Object.entries(map.set ?? {})) parts.push(`${zh ? '添加' : 'add'} \`${k}: ${JSON.stringify(v)}\``);
      for (const p of map.napcat_params_without_target) parts.push(`\`${p}\` ${zh ? '删除（Milky 无此参数）' : 'dropped (no Milky field)'}`);
      for (const p of map.milky_required_without_source) parts.push(`\`${p}\` ${zh ? '必填，需手动提供' : 'required, supply it by hand'}`);
      lines.push(`- \`${target}\`: ${parts.length ? parts.join('; ') : zh ? '无需改动' : 'nothing to change'}`);
    }
  }
  if (finding) {
    lines.push('');
    const auto = finding.fixes.find((f) => f.target === finding.preferred) ?? (finding.kind === 'same-name' ? finding.fixes[0] : undefined);
    if (auto) {
      lines.push(zh ? `**快速修复**：改为 \`${auto.target}\`（${auto.edits.length} 处编辑）` : `**Quick fix**: migrates to \`${auto.target}\` (${auto.edits.length} edit${auto.edits.length === 1 ? '' : 's'})`);
      for (const s of auto.manual) lines.push(`- ${zh ? '手动' : 'by hand'}: ${manualStepText(s, locale)}`);
    } else if (finding.fixes.length) {
      lines.push(zh ? '**快速修复**：每个候选端点一个，请选择。' : '**Quick fixes**: one per candidate, pick one.');
    } else {
      lines.push(zh ? '此处没有自动修复。' : 'No automatic fix at this site.');
    }
  }
  if (e.upstream && (zh ? e.upstreamZh : e.upstreamEn)) { lines.push(''); lines.push(`> ${zh ? e.upstreamZh : e.upstreamEn}`); }
  lines.push('');
  lines.push(`[NapCat](${NAPCAT_DOCS}) · [Milky](${e.milky[0] ? milkyDocUrl(e.milky[0]) : 'https://milky.ntqqrev.org/'})`);
  return lines.join('\n');
}

/** Hover for a Milky endpoint name: what it does and its input fields. */
export function milkyHover(name: string, locale: Locale): string {
  const e = milkyEntry(name);
  if (!e) return '';
  const zh = locale === 'zh-cn';
  const lines = [
    `**Milky \`${name}\`** — ${e.labelZh} · ${e.labelEn}`,
    '',
    (zh ? e.docZh : e.docEn) || '',
    '',
    `\`POST /api/${name}\``,
    '',
    `${zh ? '参数' : 'Input'}: ${fieldList(name, locale)}`,
  ];
  if (e.output.length) lines.push('', `${zh ? '返回' : 'Output'}: ${e.output.map((o) => `\`${o}\``).join(', ')}`);
  const from = Object.entries(catalog.napcat).filter(([, n]) => n.milky.includes(name)).map(([n]) => `\`${n}\``);
  if (from.length) lines.push('', `${zh ? '对应 NapCat' : 'From NapCat'}: ${from.join(', ')}`);
  lines.push('', `[${zh ? 'Milky 文档' : 'Milky docs'}](${milkyDocUrl(name)})`);
  return lines.join('\n');
}

/** Required input fields, for completion details and snippets. */
export function requiredFields(name: string): string[] {
  return milkyEntry(name)?.input.filter((f) => !f.optional).map((f) => f.name) ?? [];
}

export function milkyFieldSummary(name: string, locale: Locale): string {
  return fieldList(name, locale);
}
