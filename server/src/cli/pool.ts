import { statSync } from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { analyzeDocument, anyNamePattern, fileRulesApply, PY_FILE_PREFILTER, type Finding, type Locale } from '../core';
import { isPythonLanguage } from '../shared/languages';
import { readSource } from '../node/read';
import { toJsonFindings, type JsonFinding } from './report';

/** One file to analyze; the worker (or the main thread) reads it itself. */
export interface Job {
  id: number;
  absolute: string;
  languageId: string;
  locale: Locale;
  /** `fix` needs the text and the findings back; `check` only the report. */
  keepText: boolean;
  reportDefinitions: boolean;
}

export interface JobResult {
  id: number;
  json: JsonFinding[];
  findings?: Finding[];
  text?: string;
  bom?: boolean;
  skipped?: string;
  error?: string;
}

/** Read, prefilter (files without any known name, event or transport text are not parsed), analyze. */
export function runJob(job: Job): JobResult {
  let src;
  try {
    src = readSource(job.absolute);
  } catch (e) {
    return { id: job.id, json: [], skipped: `unreadable: ${(e as Error).message}`, error: (e as Error).message };
  }
  if ('skipped' in src) return { id: job.id, json: [], skipped: src.skipped };
  const keep = (findings: Finding[]) => (job.keepText ? { findings, text: src.text, bom: src.bom } : {});
  const pyFacts = isPythonLanguage(job.languageId) && PY_FILE_PREFILTER.test(src.text);
  if (!anyNamePattern.test(src.text) && !fileRulesApply(src.text) && !pyFacts) return { id: job.id, json: [], ...keep([]) };
  const a = analyzeDocument(src.text, job.languageId, { reportDefinitions: job.reportDefinitions });
  if (a.skipped) return { id: job.id, json: [], skipped: a.skipped };
  return { id: job.id, json: toJsonFindings(src.text, a.findings, job.locale), ...keep(a.findings) };
}

/** Below this many files a worker's start-up costs more than it saves. */
const MIN_PARALLEL_FILES = 200;

/** Bytes of source in one batch at most (unless one file is larger). */
const BATCH_BYTES = 256 * 1024;

/** Runs the jobs on every core: worker threads (this same script) take batches from a shared queue. */
export async function runJobs(jobs: Job[], script: string): Promise<JobResult[]> {
  const cores = Math.max(1, Math.min(8, os.availableParallelism?.() ?? os.cpus().length));
  if (cores < 2 || jobs.length < MIN_PARALLEL_FILES) return jobs.map(runJob);
  // Largest files first (longest-processing-time order): one big bundle started last would keep a core busy alone.
  const size = (j: Job) => { try { return statSync(j.absolute).size; } catch { return 0; } };
  const queue = jobs.map((j) => ({ j, s: size(j) })).sort((a, b) => b.s - a.s);
  const results: JobResult[] = [];
  const batch = Math.max(1, Math.min(64, Math.ceil(queue.length / (cores * 8))));
  await Promise.all(Array.from({ length: cores }, () => new Promise<void>((resolve, reject) => {
    const w = new Worker(script, { workerData: { napcatMilkyWorker: true } });
    const feed = () => {
      // A batch ends at `batch` files or BATCH_BYTES, so that the big files go out one by one.
      let n = 0;
      for (let bytes = 0; n < queue.length && n < batch && (n === 0 || bytes + queue[n].s <= BATCH_BYTES); n++) bytes += queue[n].s;
      const next = queue.splice(0, n).map((x) => x.j);
      if (next.length) w.postMessage(next);
      else void w.terminate().then(() => resolve());
    };
    w.on('message', (r: JobResult[]) => { for (const x of r) results.push(x); feed(); });
    w.on('error', reject);
    w.on('online', feed);
  })));
  return results;
}
