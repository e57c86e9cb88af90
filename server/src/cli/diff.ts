import { applyEdits, lineStarts, positionAt, type Edit } from '../core';

/** A unified diff of `edits` on `text`, built from the edited line ranges (3 lines of context). */
export function unifiedDiff(display: string, text: string, edits: Edit[]): string {
  if (!edits.length) return '';
  const starts = lineStarts(text);
  const lineCount = starts.length;
  const lineEnd = (l: number) => (l + 1 < lineCount ? starts[l + 1] : text.length);
  const spans = edits.map((e) => ({ e, a: positionAt(starts, e.start).line, b: positionAt(starts, Math.max(e.start, e.end - (e.end > e.start ? 1 : 0))).line }));
  const clusters: { a: number; b: number; edits: Edit[] }[] = [];
  for (const s of spans) {
    const last = clusters[clusters.length - 1];
    if (last && s.a - 3 <= last.b + 3) { last.b = Math.max(last.b, s.b); last.edits.push(s.e); }
    else clusters.push({ a: s.a, b: s.b, edits: [s.e] });
  }
  const split = (s: string) => s.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
  const plain = (l: string) => l.replace(/(\r\n|\r|\n)$/, '');
  let out = `--- a/${display}\n+++ b/${display}\n`;
  let delta = 0;
  for (const c of clusters) {
    const a = Math.max(0, c.a - 3);
    const b = Math.min(lineCount - 1, c.b + 3);
    const from = starts[a];
    const to = lineEnd(b);
    const oldLines = split(text.slice(from, to));
    const newLines = split(applyEdits(text.slice(from, to), c.edits.map((e) => ({ start: e.start - from, end: e.end - from, newText: e.newText }))));
    const body = lineDiff(oldLines.map(plain), newLines.map(plain));
    out += `@@ -${a + 1},${oldLines.length} +${a + 1 + delta},${newLines.length} @@\n${body.join('\n')}\n`;
    delta += newLines.length - oldLines.length;
  }
  return out;
}

/** Lines marked by a longest common subsequence: only lines that changed are `-`/`+`, the rest is context. */
function lineDiff(a: string[], b: string[]): string[] {
  // A hunk is a few lines around edits; past this size the quadratic table is not worth it.
  if (a.length * b.length > 4_000_000) return [...a.map((l) => '-' + l), ...b.map((l) => '+' + l)];
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) { out.push(' ' + a[i]); i++; j++; }
    else if (j < m && (i === n || lcs[i][j + 1] >= lcs[i + 1][j])) out.push('+' + b[j++]);
    else out.push('-' + a[i++]);
  }
  // Removed lines before added ones within each run of changes, as unified diffs show them.
  const sorted: string[] = [];
  let run: string[] = [];
  const flush = () => { sorted.push(...run.filter((l) => l[0] === '-'), ...run.filter((l) => l[0] === '+')); run = []; };
  for (const l of out) { if (l[0] === ' ') { flush(); sorted.push(l); } else run.push(l); }
  flush();
  return sorted;
}
