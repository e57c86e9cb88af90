/** The live request log (text, or one JSON object per line) and the summary printed on exit. */
import type { Locale } from '../shared/locale';
import { say } from './messages';
import type { Problem } from './validate';

export type LogFormat = 'text' | 'json';

export interface LogEntry {
  method: string;
  path: string;
  /** The Milky endpoint, `event` for the event stream, or null for other paths. */
  endpoint: string | null;
  status: number;
  ok: boolean;
  retcode?: number;
  issues: Problem[];
  warnings?: Problem[];
  /** One line for what happened when there are no issues to list (a 404 hint, a stream opened). */
  note?: string;
}

interface Counts { ok: number; failed: number }

const MAX_NAMES = 500;

export class RequestLog {
  private readonly counts = new Map<string, Counts>();
  private total = 0;
  private okTotal = 0;

  constructor(private readonly format: LogFormat, private readonly locale: Locale, private readonly write: (line: string) => void) {}

  record(entry: LogEntry): void {
    this.total++;
    if (entry.ok) this.okTotal++;
    let name = entry.endpoint ?? `${entry.method} ${entry.path.length > 80 ? `${entry.path.slice(0, 79)}…` : entry.path}`;
    // A flood of distinct garbage paths must not grow the summary without end.
    if (!this.counts.has(name) && this.counts.size >= MAX_NAMES) name = '(other)';
    const c = this.counts.get(name) ?? { ok: 0, failed: 0 };
    if (entry.ok) c.ok++; else c.failed++;
    this.counts.set(name, c);
    if (this.format === 'json') {
      const line: Record<string, unknown> = {
        time: new Date().toISOString(), method: entry.method, path: entry.path, endpoint: entry.endpoint,
        ok: entry.ok, status: entry.status, retcode: entry.retcode ?? null, issues: entry.issues,
      };
      if (entry.warnings?.length) line.warnings = entry.warnings;
      if (entry.note) line.note = entry.note;
      this.write(JSON.stringify(line));
      return;
    }
    const verdict = entry.ok ? 'ok' : 'FAILED';
    const code = entry.retcode !== undefined && entry.retcode !== 0 && entry.retcode !== entry.status ? ` ${entry.retcode}` : '';
    const head = `${new Date().toISOString().slice(11, 23)} ${entry.method} ${entry.path} ${entry.status}${code} ${verdict}`;
    const lines = [entry.note ? `${head}  ${entry.note}` : head];
    for (const p of entry.issues) lines.push(`    ✗ ${p.message}`);
    for (const p of entry.warnings ?? []) lines.push(`    ! ${say(this.locale, 'lenientIgnored', { message: p.message })}`);
    this.write(lines.join('\n'));
  }

  /** Requests per endpoint, ok and failed: a line per endpoint, or one JSON object. */
  summary(): string {
    const endpoints = [...this.counts].sort(([a], [b]) => a.localeCompare(b));
    const failed = this.total - this.okTotal;
    if (this.format === 'json') {
      return JSON.stringify({ summary: { total: this.total, ok: this.okTotal, failed, endpoints: Object.fromEntries(endpoints) } });
    }
    return [
      say(this.locale, 'summaryTitle', { total: this.total, ok: this.okTotal, failed }),
      ...endpoints.map(([endpoint, c]) => say(this.locale, 'summaryLine', { endpoint, ok: c.ok, failed: c.failed })),
    ].join('\n');
  }
}
