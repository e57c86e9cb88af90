import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { analyzeDocument, type Finding, type Locale } from '../core';
import { toJsonFindings, type JsonFinding } from './report';

export interface Job {
  id: number;
  text: string;
  languageId: string;
  locale: Locale;
}

export interface JobResult {
  id: number;
  findings: Finding[];
  json: JsonFinding[];
  skipped?: string;
}

export function runJob(job: Job): JobResult {
  const a = analyzeDocument(job.text, job.languageId, { locale: job.locale });
  if (a.skipped) return { id: job.id, findings: [], json: [], skipped: a.skipped };
  return { id: job.id, findings: a.findings, json: toJsonFindings(job.text, a.findings) };
}

/** Below this much work a worker's start-up (loading the parser) costs more than it saves. */
const MIN_PARALLEL_BYTES = 2 * 1024 * 1024;

/**
 * Runs the jobs on every core: worker threads (this same script) take batches from a shared
 * queue; small inputs run inline.
 */
export async function runJobs(jobs: Job[], script: string): Promise<JobResult[]> {
  const bytes = jobs.reduce((n, j) => n + j.text.length, 0);
  const cores = Math.max(1, Math.min(8, (os.availableParallelism?.() ?? os.cpus().length)));
  if (cores < 2 || jobs.length < 4 || bytes < MIN_PARALLEL_BYTES) return jobs.map(runJob);
  // Biggest first, so that no worker is left with one huge file at the end.
  const queue = [...jobs].sort((a, b) => b.text.length - a.text.length);
  const results: JobResult[] = [];
  const batch = Math.max(1, Math.min(32, Math.ceil(queue.length / (cores * 8))));
  await Promise.all(Array.from({ length: cores }, () => new Promise<void>((resolve, reject) => {
    const w = new Worker(script, { workerData: { napcatMilkyWorker: true } });
    const feed = () => {
      const next = queue.splice(0, batch);
      if (next.length) w.postMessage(next);
      else void w.terminate().then(() => resolve());
    };
    w.on('message', (r: JobResult[]) => { results.push(...r); feed(); });
    w.on('error', reject);
    w.on('online', feed);
  })));
  return results;
}
