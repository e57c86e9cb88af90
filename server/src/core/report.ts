import type { Finding } from './analyze';
import { automaticFix } from './fix';
import type { Locale } from './messages';
import { manualStepText } from './messages';

export interface ReportFile {
  path: string;
  /** 1-based line of each finding, same order as findings. */
  lines: number[];
  findings: Finding[];
  skipped?: string;
}

const KINDS = ['mapped', 'ambiguous', 'no-counterpart', 'same-name', 'milky-params'] as const;

/** A Markdown migration report: totals, per-file counts by kind, and what is left by hand. */
export function migrationReport(files: ReportFile[], locale: Locale, title = 'napcat-milky'): string {
  const zh = locale === 'zh-cn';
  const total: Record<string, number> = Object.fromEntries(KINDS.map((k) => [k, 0]));
  let auto = 0;
  for (const f of files) for (const x of f.findings) { total[x.kind]++; if (automaticFix(x)) auto++; }
  const count = files.reduce((n, f) => n + f.findings.length, 0);
  const out: string[] = [];
  out.push(`# ${title}: ${zh ? 'NapCat → Milky 迁移报告' : 'NapCat → Milky migration report'}`);
  out.push('');
  out.push(zh
    ? `共 ${files.length} 个文件，${count} 处发现，其中 ${auto} 处可自动修复。`
    : `${files.length} files, ${count} findings, ${auto} of them fixable automatically.`);
  out.push('');
  out.push(`| ${zh ? '类型' : 'kind'} | ${zh ? '数量' : 'count'} |`);
  out.push('|---|---:|');
  for (const k of KINDS) out.push(`| \`${k}\` | ${total[k]} |`);
  out.push('');
  out.push(`## ${zh ? '按文件' : 'Per file'}`);
  out.push('');
  out.push(`| ${zh ? '文件' : 'file'} | ${KINDS.map((k) => `\`${k}\``).join(' | ')} |`);
  out.push(`|---|${KINDS.map(() => '---:').join('|')}|`);
  for (const f of files) {
    if (!f.findings.length && !f.skipped) continue;
    const c = KINDS.map((k) => f.findings.filter((x) => x.kind === k).length);
    out.push(`| ${f.path}${f.skipped ? ` (${zh ? '跳过' : 'skipped'}: ${f.skipped})` : ''} | ${c.join(' | ')} |`);
  }
  out.push('');
  out.push(`## ${zh ? '需手动处理' : 'Left to do by hand'}`);
  out.push('');
  let any = false;
  for (const f of files) {
    f.findings.forEach((x, i) => {
      if (x.kind === 'same-name') return;
      const fix = automaticFix(x);
      if (fix && !fix.manual.length) return;
      any = true;
      const steps = fix ? fix.manual.map((s) => manualStepText(s, locale)).join('; ') : x.message;
      out.push(`- ${f.path}:${f.lines[i]} — \`${x.napcat ?? x.milky[0]}\`${x.preferred ? ` → \`${x.preferred}\`` : ''}: ${steps}`);
    });
  }
  if (!any) out.push(zh ? '无。' : 'Nothing.');
  return out.join('\n') + '\n';
}
