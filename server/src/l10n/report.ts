/** The Markdown migration report: totals, per-file counts by kind, and what is left by hand. */
import { automaticFix, fixesFor } from '../core/fix';
import { isActionFinding, milkyOf, napcatOf, type Finding } from '../core/findings';
import { KINDS } from '../core/kinds';
import { dictionary, type Locale } from './index';
import { findingMessage, manualStepText } from './messages';

export interface ReportFile {
  path: string;
  /** The text the findings are about (fixes are derived from it). */
  text: string;
  /** 1-based line of each finding, same order as findings. */
  lines: number[];
  findings: Finding[];
  skipped?: string;
}

export function migrationReport(files: ReportFile[], locale: Locale, title = 'napcat-milky'): string {
  const t = dictionary(locale);
  const total: Record<string, number> = Object.fromEntries(KINDS.map((k) => [k, 0]));
  let auto = 0;
  for (const f of files) for (const x of f.findings) { total[x.kind]++; if (automaticFix(x, fixesFor(x, f.text))) auto++; }
  const count = files.reduce((n, f) => n + f.findings.length, 0);
  const out: string[] = [];
  out.push(`# ${title}: ${t.report.title}`);
  out.push('');
  out.push(t.report.summary(files.length, count, auto));
  out.push('');
  out.push(`| ${t.report.kind} | ${t.report.count} |`);
  out.push('|---|---:|');
  for (const k of KINDS) out.push(`| \`${k}\` | ${total[k]} |`);
  out.push('');
  out.push(`## ${t.report.perFile}`);
  out.push('');
  out.push(`| ${t.report.file} | ${KINDS.map((k) => `\`${k}\``).join(' | ')} |`);
  out.push(`|---|${KINDS.map(() => '---:').join('|')}|`);
  for (const f of files) {
    if (!f.findings.length && !f.skipped) continue;
    const c = KINDS.map((k) => f.findings.filter((x) => x.kind === k).length);
    out.push(`| ${f.path}${f.skipped ? ` (${t.report.skipped}: ${f.skipped})` : ''} | ${c.join(' | ')} |`);
  }
  out.push('');
  out.push(`## ${t.report.leftByHand}`);
  out.push('');
  let any = false;
  for (const f of files) {
    f.findings.forEach((x, i) => {
      if (x.kind === 'same-name') return;
      const fix = automaticFix(x, fixesFor(x, f.text));
      if (fix && !fix.manual.length) return;
      any = true;
      const steps = fix ? fix.manual.map((s) => manualStepText(s, locale)).join('; ') : findingMessage(x, f.text, locale);
      const preferred = isActionFinding(x) && x.preferred ? ` → \`${x.preferred}\`` : '';
      out.push(`- ${f.path}:${f.lines[i]} — \`${napcatOf(x) ?? milkyOf(x)[0]}\`${preferred}: ${steps}`);
    });
  }
  if (!any) out.push(t.report.nothing);
  return out.join('\n') + '\n';
}
