/** The CLI: walks paths, runs the core, prints text/json/sarif, applies fixes. See README "CLI". */
import { failsCheck, fixFile, languageOfPath, BOM, toLocale, lineStarts, milkyOf, napcatOf, positionAt, type Finding, type Locale } from './core';
import { findingMessage, manualStepText } from './l10n/messages';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { unifiedDiff } from './cli/diff';
import { runJob, runJobs, type Job } from './cli/pool';
import { colors, renderJson, renderSarif, renderText, toJsonFindings, TOOL, VERSION, type FileReport } from './cli/report';
import { walk, type InputFile } from './node/walk';
import { ensurePython } from './node/python-parser';
import { writeFileAtomic } from './node/write';

const USAGE = `Usage: napcat-milky <check|fix> [options] [paths...]
       napcat-milky mock [options]   a local Milky 1.2 server that checks a bot's requests (mock --help)

Commands:
  check            report NapCat action uses and their Milky equivalents (default path: .)
  fix              apply every migration that needs no human choice; print what is left

Options:
  --format <f>     text (default), json or sarif
  --exit-zero      exit 0 even when findings are reported (errors still exit 2)
  --report-definitions  also report definitions named after actions (never rewritten)
  --ignore-pattern <glob>   skip matching files/folders (repeatable)
  --dry-run        with fix: print a unified diff, write nothing
  --lang <l>       message language: en (default) or zh-cn
  -h, --help       this text
  -v, --version    the version
`;

interface Args {
  command: 'check' | 'fix';
  format: 'text' | 'json' | 'sarif';
  exitZero: boolean;
  reportDefinitions: boolean;
  dryRun: boolean;
  ignore: string[];
  paths: string[];
  locale: Locale;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Args | 'help' | 'version' {
  const args: Args = { command: 'check', format: 'text', exitZero: false, reportDefinitions: false, dryRun: false, ignore: [], paths: [], locale: 'en' };
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const eq = a.indexOf('=');
      if (eq > 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '-h' || a === '--help') return 'help';
    if (a === '-v' || a === '--version') return 'version';
    if (a === '--exit-zero') args.exitZero = true;
    else if (a === '--report-definitions') args.reportDefinitions = true;
    else if (a === '--dry-run') args.dryRun = true;
    else if (a === '--format' || a.startsWith('--format=')) {
      const f = value();
      if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`unknown format: ${f} (text, json or sarif)`);
      args.format = f;
    } else if (a === '--ignore-pattern' || a.startsWith('--ignore-pattern=')) args.ignore.push(value());
    else if (a === '--lang' || a.startsWith('--lang=')) args.locale = toLocale(value());
    else if (a === '--') { args.paths.push(...argv.slice(i + 1)); break; }
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option: ${a}`);
    else if (!command) command = a;
    else args.paths.push(a);
  }
  if (!command) throw new UsageError('missing command: check or fix');
  if (command !== 'check' && command !== 'fix') throw new UsageError(`unknown command: ${command}`);
  args.command = command;
  if (args.dryRun && command !== 'fix') throw new UsageError('--dry-run goes with fix');
  if (!args.paths.length) args.paths = ['.'];
  return args;
}

interface Analyzed {
  file: InputFile;
  report: FileReport;
  text?: string;
  bom?: boolean;
  findings?: Finding[];
}

async function analyzeFiles(files: InputFile[], locale: Locale, errors: string[], keepText: boolean, reportDefinitions: boolean): Promise<Analyzed[]> {
  const items: Analyzed[] = files.map((file) => ({ file, report: { path: file.display, findings: [] } }));
  const jobs: Job[] = [];
  items.forEach((it, id) => {
    const languageId = languageOfPath(it.file.display) ?? languageOfPath(it.file.absolute);
    if (!languageId) it.report.skipped = 'not a file napcat-milky reads (TS/JS/JSON/Python)';
    else jobs.push({ id, absolute: it.file.absolute, languageId, locale, keepText, reportDefinitions });
  });
  // The Python parser is wasm: loaded once, before the (synchronous) jobs need it.
  if (jobs.some((j) => j.languageId === 'python')) await ensurePython();
  for (const r of await runJobs(jobs, __filename)) {
    const it = items[r.id];
    if (r.error) errors.push(`${it.file.display}: ${r.error}`);
    if (r.skipped) { it.report.skipped = r.skipped; continue; }
    it.report.findings = r.json;
    it.findings = r.findings;
    it.text = r.text;
    it.bom = r.bom;
  }
  return items;
}

function runFix(items: Analyzed[], args: Args, errors: string[]): string {
  const c = colors(process.stdout.isTTY === true && args.format === 'text');
  const out: string[] = [];
  const jsonFiles: unknown[] = [];
  let changedFiles = 0;
  let fixedSites = 0;
  let manualCount = 0;
  for (const it of items) {
    if (!it.findings || it.text === undefined) {
      if (it.report.skipped) {
        out.push(c.dim(`${it.report.path}  skipped: ${it.report.skipped}`));
        jsonFiles.push({ path: it.report.path, skipped: it.report.skipped, changed: false, applied: [], manual: [] });
      }
      continue;
    }
    const text = it.text;
    const languageId = languageOfPath(it.file.display) ?? languageOfPath(it.file.absolute)!;
    // Never write a file the fix would leave unparseable.
    const fix = fixFile(text, languageId, it.findings);
    const plan = fix.plan;
    const starts = lineStarts(text);
    const where = (f: Finding) => { const p = positionAt(starts, f.start); return `${it.report.path}:${p.line + 1}:${p.character + 1}`; };
    let changed = false;
    if (fix.outcome === 'refused') {
      errors.push(`${it.report.path}: fix not applied, the result would not parse (${fix.problem})`);
    } else if (fix.outcome === 'fixed') {
      if (args.dryRun) {
        out.push(unifiedDiff(it.report.path.replace(/^\.\//, ''), text, plan.edits).trimEnd());
        changed = true;
      } else {
        try {
          writeFileAtomic(it.file.absolute, Buffer.from((it.bom ? BOM : '') + fix.text, 'utf8'), it.file.rootReal);
          changed = true;
        } catch (e) {
          errors.push(`${it.report.path}: ${(e as Error).message}`);
        }
      }
    }
    if (changed) {
      changedFiles++;
      fixedSites += plan.applied.length;
      if (args.format === 'text' && !args.dryRun) for (const a of plan.applied) out.push(`${where(a.finding)}  ${c.green('fixed')}  ${napcatOf(a.finding)} → ${a.option.target}`);
    }
    const manual = plan.manual.filter((m) => m.steps.length || m.finding.kind !== 'mapped' || !changed);
    for (const m of manual) {
      manualCount++;
      if (args.format !== 'text') continue;
      const steps = m.steps.map((s) => manualStepText(s, args.locale)).join('; ');
      out.push(`${where(m.finding)}  ${c.yellow('manual')}  ${napcatOf(m.finding) ?? milkyOf(m.finding)[0]}  ${steps || findingMessage(m.finding, text, args.locale)}`);
    }
    jsonFiles.push({
      path: it.report.path, changed,
      applied: changed ? plan.applied.map((a) => ({ ...toJsonFindings(text, [a.finding], args.locale)[0], target: a.option.target })) : [],
      manual: manual.map((m) => ({ ...toJsonFindings(text, [m.finding], args.locale)[0], steps: m.steps.map((s) => ({ ...s, text: manualStepText(s, args.locale) })) })),
    });
  }
  if (args.format === 'json') return JSON.stringify({ tool: TOOL, version: VERSION, dryRun: args.dryRun, files: jsonFiles, summary: { files: items.length, changed: changedFiles, fixed: fixedSites, manual: manualCount } }, null, 2) + '\n';
  const verb = args.dryRun ? 'would fix' : 'fixed';
  out.push('', c.bold(`${verb} ${fixedSites} site${fixedSites === 1 ? '' : 's'} in ${changedFiles} file${changedFiles === 1 ? '' : 's'}; ${manualCount} left to do by hand`));
  return out.join('\n') + '\n';
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'mock') return (await import('./mock')).runMock(argv.slice(1));
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) { process.stderr.write(`${TOOL}: ${e.message}\n\n${USAGE}`); return 2; }
    throw e;
  }
  if (args === 'help') { process.stdout.write(USAGE); return 0; }
  if (args === 'version') { process.stdout.write(`${VERSION}\n`); return 0; }
  const errors: string[] = [];
  const { files, errors: walkErrors } = walk(args.paths, args.ignore);
  errors.push(...walkErrors);
  const items = await analyzeFiles(files, args.locale, errors, args.command === 'fix', args.reportDefinitions);
  let output: string;
  let failing = false;
  if (args.command === 'fix') {
    output = runFix(items, args, errors);
  } else {
    const reports = items.map((i) => i.report);
    failing = reports.some((r) => r.findings.some((f) => failsCheck(f.severity)));
    output = args.format === 'json' ? renderJson(reports) : args.format === 'sarif' ? renderSarif(reports) : renderText(reports, colors(process.stdout.isTTY === true));
  }
  process.stdout.write(output);
  for (const e of errors) process.stderr.write(`${TOOL}: ${e}\n`);
  if (errors.length) return 2;
  if (args.command === 'fix' || args.exitZero) return 0;
  return failing ? 1 : 0;
}

if (isMainThread) {
  void main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e: unknown) => {
    process.stderr.write(`${TOOL}: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 2;
  });
} else if ((workerData as { napcatMilkyWorker?: boolean } | undefined)?.napcatMilkyWorker) {
  // A worker of the CLI's pool: analyze batches of files until terminated.
  parentPort!.on('message', (jobs: Job[]) => {
    const run = () => parentPort!.postMessage(jobs.map(runJob));
    if (jobs.some((j) => j.languageId === 'python')) void ensurePython().then(run);
    else run();
  });
}
