import { catalogData } from './catalog.generated';
import type { Catalog, MilkyEntry, NapcatEntry } from './types';

export * from './types';

/** The generated catalog: every NapCat name of the table, every Milky 1.2 endpoint. */
export const catalog: Catalog = catalogData;
// Findings share these arrays: nobody may change them.
for (const e of Object.values(catalog.napcat)) Object.freeze(e.milky);

export const napcatNames: ReadonlySet<string> = new Set(Object.keys(catalog.napcat));
export const milkyNames: ReadonlySet<string> = new Set(Object.keys(catalog.milky));

export function napcatEntry(name: string): NapcatEntry | undefined {
  return Object.prototype.hasOwnProperty.call(catalog.napcat, name) ? catalog.napcat[name] : undefined;
}

export function milkyEntry(name: string): MilkyEntry | undefined {
  return Object.prototype.hasOwnProperty.call(catalog.milky, name) ? catalog.milky[name] : undefined;
}

/** `send_group_msg` → `sendGroupMsg`; a leading underscore stays (`_getGroupNotice`). */
export function toCamel(name: string): string {
  return name.replace(/(?!^)_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Koishi's `bot.internal` exposes NapCat actions in camelCase. Only names that change count. */
export const camelToNapcat: ReadonlyMap<string, string> = new Map(
  [...napcatNames].map((n) => [toCamel(n), n] as const).filter(([camel, n]) => camel !== n),
);

/** Upstream spellings that count as a table name (`.handle_quick_operation`). */
export const spellingToNapcat: ReadonlyMap<string, string> = new Map(
  Object.entries(catalog.napcat).flatMap(([n, e]) => (e.spelling ? [[e.spelling, n] as const] : [])),
);

/** Resolves a name as written (table name or upstream spelling) to its table name. */
export function resolveNapcat(written: string): string | undefined {
  if (napcatNames.has(written)) return written;
  return spellingToNapcat.get(written);
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Every name a scanner could report, longest first so alternation prefers whole names. camelCase
// forms only count after `internal.` or `onebot.` (Koishi): `getStatus` alone is ordinary code.
const snakeWords = [...new Set([...napcatNames, ...milkyNames])].sort((a, b) => b.length - a.length);
const camelWords = [...camelToNapcat.keys()].sort((a, b) => b.length - a.length);
const namesSource = `(?:internal|onebot)\\s*\\??\\.\\s*(?:${camelWords.map(escapeRegex).join('|')})|${snakeWords.map(escapeRegex).join('|')}`;

/** One pass over the text: does it mention any known name at all? (the prefilter) */
export const anyNamePattern = new RegExp(namesSource);

/** Every offset where a known name starts (drives the pruned tree walk); for `internal.x`, the offset of x. */
export function candidateOffsets(text: string): number[] {
  const re = new RegExp(namesSource, 'g');
  const out: number[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const dot = m[0].startsWith('internal') || m[0].startsWith('onebot') ? m[0].lastIndexOf('.') : -1;
    out.push(dot >= 0 ? m.index + dot + 1 + (m[0].slice(dot + 1).length - m[0].slice(dot + 1).trimStart().length) : m.index);
  }
  return out;
}

/** Is any of the sorted offsets inside [pos, end)? (a binary search: scanners skip subtrees without a candidate) */
export function anyOffsetIn(offsets: readonly number[], pos: number, end: number): boolean {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid] < pos) lo = mid + 1; else hi = mid;
  }
  return lo < offsets.length && offsets[lo] < end;
}
