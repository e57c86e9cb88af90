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
  let out = `--- a/${display}\n+++ b/${display}\n`;
  let delta = 0;
  for (const c of clusters) {
    const a = Math.max(0, c.a - 3);
    const b = Math.min(lineCount - 1, c.b + 3);
    const from = starts[a];
    const to = lineEnd(b);
    const oldLines = split(text.slice(from, to));
    const newLines = split(applyEdits(text.slice(from, to), c.edits.map((e) => ({ start: e.start - from, end: e.end - from, newText: e.newText }))));
    let pre = 0;
    while (pre < oldLines.length && pre < newLines.length && oldLines[pre] === newLines[pre]) pre++;
    let post = 0;
    while (post < oldLines.length - pre && post < newLines.length - pre && oldLines[oldLines.length - 1 - post] === newLines[newLines.length - 1 - post]) post++;
    const body: string[] = [];
    const plain = (l: string) => l.replace(/(\r\n|\r|\n)$/, '');
    oldLines.slice(0, pre).forEach((l) => body.push(' ' + plain(l)));
    oldLines.slice(pre, oldLines.length - post).forEach((l) => body.push('-' + plain(l)));
    newLines.slice(pre, newLines.length - post).forEach((l) => body.push('+' + plain(l)));
    oldLines.slice(oldLines.length - post).forEach((l) => body.push(' ' + plain(l)));
    out += `@@ -${a + 1},${oldLines.length} +${a + 1 + delta},${newLines.length} @@\n${body.join('\n')}\n`;
    delta += newLines.length - oldLines.length;
  }
  return out;
}
