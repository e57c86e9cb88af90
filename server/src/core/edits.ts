/** A replacement of text[start, end) by newText, in UTF-16 offsets. */
export interface Edit {
  start: number;
  end: number;
  newText: string;
}

/** Sorts edits and drops any that would overlap an earlier one (they never should). */
export function normalizeEdits(edits: Edit[]): Edit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Edit[] = [];
  let lastEnd = -1;
  for (const e of sorted) {
    if (e.start < lastEnd) continue;
    if (out.length && e.start === e.end && out[out.length - 1].start === e.start && out[out.length - 1].end === e.start) continue;
    out.push(e);
    lastEnd = e.end;
  }
  return out;
}

export function applyEdits(text: string, edits: Edit[]): string {
  const sorted = normalizeEdits(edits);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}
