import { catalog, DEFAULT_SEVERITY, hasSite, KINDS, preferredOf, lineStarts, milkyOf, napcatOf, positionAt, severityOf, type Finding, type Kind, type Locale, type Severity } from '../core';
import { findingMessage } from '../l10n/messages';
import { TOOL, VERSION } from '../shared/version';

export { TOOL, VERSION };

export interface JsonFinding {
  line: number; column: number; endLine: number; endColumn: number;
  napcat: string | null; milky: string[]; preferred?: string;
  kind: Kind; severity: Severity; code: string; message: string;
  callSite: string;
}

export interface FileReport {
  path: string;
  findings: JsonFinding[];
  skipped?: string;
}

export function toJsonFindings(text: string, findings: Finding[], locale: Locale): JsonFinding[] {
  if (findings.length === 0) return [];
  const starts = lineStarts(text);
  return findings.map((f) => {
    const s = positionAt(starts, f.start);
    const e = positionAt(starts, f.end);
    const j: JsonFinding = {
      line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1,
      napcat: napcatOf(f), milky: [...milkyOf(f)], kind: f.kind, severity: severityOf(f, DEFAULT_SEVERITY[f.kind] as Severity),
      code: `${TOOL}/${f.kind}`, message: findingMessage(f, text, locale), callSite: callSiteOf(f),
    };
    const preferred = preferredOf(f);
    if (preferred) j.preferred = preferred;
    return j;
  });
}

/** Where the finding sits, for the JSON contract: a site's call form, an event literal's form, a transport hint's code. */
function callSiteOf(f: Finding): string {
  if (hasSite(f)) return f.site.callSite;
  return f.kind === 'event' || f.kind === 'framework' ? f.form : f.code;
}

export function summarize(files: FileReport[]): Record<string, number> {
  const s: Record<string, number> = { files: files.length, findings: 0 };
  for (const k of KINDS) s[k] = 0;
  for (const f of files) for (const x of f.findings) { s.findings++; s[x.kind]++; }
  return s;
}

export function renderJson(files: FileReport[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ tool: TOOL, version: VERSION, ...extra, files, summary: summarize(files) }, null, 2) + '\n';
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function renderSarif(files: FileReport[]): string {
  const rules = KINDS.map((k) => ({
    id: `${TOOL}/${k}`, name: k,
    shortDescription: { text: ruleText[k] },
    helpUri: 'https://milky.ntqqrev.org/',
    defaultConfiguration: { level: SARIF_LEVEL[DEFAULT_SEVERITY[k] as Severity] },
  }));
  const results = files.flatMap((f) => f.findings.map((x) => ({
    ruleId: x.code, ruleIndex: KINDS.indexOf(x.kind), level: SARIF_LEVEL[x.severity],
    message: { text: x.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(f.path.replace(/^\.\//, '')) }, region: { startLine: x.line, startColumn: x.column, endLine: x.endLine, endColumn: x.endColumn } } }],
    properties: { napcat: x.napcat, milky: x.milky, preferred: x.preferred },
  })));
  const notifications = files.filter((f) => f.skipped).map((f) => ({ level: 'note', message: { text: `${f.path}: skipped: ${f.skipped}` } }));
  return JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0',
    runs: [{
      tool: { driver: { name: TOOL, version: VERSION, informationUri: 'https://github.com/napcat-milky/napcat-milky', rules } },
      columnKind: 'utf16CodeUnits',
      results,
      invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
    }],
  }, null, 2) + '\n';
}

const ruleText: Record<Kind, string> = {
  mapped: 'NapCat action with one Milky endpoint',
  ambiguous: 'NapCat action with several Milky endpoints',
  'no-counterpart': 'NapCat action with no Milky counterpart in the table',
  'same-name': 'NapCat action whose name Milky keeps',
  'milky-params': 'Milky call whose params do not match the endpoint schema',
  segment: 'OneBot message segment or CQ code that changes in Milky 1.2',
  event: 'OneBot 11 event discriminator or event name (Milky has event_type and data)',
  transport: 'NapCat transport, envelope or result shape that Milky changed',
  framework: 'NoneBot2 name of the OneBot V11 adapter (import, event class, MessageSegment factory) that nonebot-adapter-milky renames',
};

export interface Colors { dim(s: string): string; bold(s: string): string; yellow(s: string): string; red(s: string): string; cyan(s: string): string; green(s: string): string }

export function colors(enabled: boolean): Colors {
  const wrap = (open: number, close: number) => (s: string) => (enabled ? `\x1b[${open}m${s}\x1b[${close}m` : s);
  return { dim: wrap(2, 22), bold: wrap(1, 22), yellow: wrap(33, 39), red: wrap(31, 39), cyan: wrap(36, 39), green: wrap(32, 39) };
}

export function renderText(files: FileReport[], c: Colors): string {
  const lines: string[] = [];
  for (const f of files) {
    if (f.skipped) lines.push(`${c.dim(f.path)}  ${c.dim(`skipped: ${f.skipped}`)}`);
    for (const x of f.findings) {
      const sev = x.severity === 'error' ? c.red : x.severity === 'warning' ? c.yellow : c.dim;
      const arrow = x.napcat ? `${x.napcat} → ${x.preferred ?? (x.milky.length ? x.milky.join(' | ') : '∅')}` : `→ ${x.milky[0]}`;
      lines.push(`${f.path}:${x.line}:${x.column}  ${sev(x.kind)}  ${c.cyan(arrow)}  ${x.message}`);
    }
  }
  const s = summarize(files);
  const parts = KINDS.filter((k) => s[k]).map((k) => `${s[k]} ${k}`);
  const skipped = files.filter((f) => f.skipped).length;
  lines.push('');
  lines.push(c.bold(`${s.findings} finding${s.findings === 1 ? '' : 's'}${parts.length ? ` (${parts.join(', ')})` : ''} in ${s.files} file${s.files === 1 ? '' : 's'}${skipped ? `, ${skipped} skipped` : ''} · Milky ${catalog.milkyVersion}`));
  return lines.join('\n') + '\n';
}
