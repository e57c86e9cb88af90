import type { Condition, NapcatEntry } from './catalog';
import type { Literal, ObjectInfo } from './scan/types';

/** The Milky target a call site's own params pick among several, and what picked it. */
export interface Decision {
  target: string;
  by: string;
}

/** `true`/`false` as written, or as the strings 'true'/'false'. */
function literalBool(l: Literal | undefined): boolean | undefined {
  if (l?.kind === 'boolean') return l.value;
  if (l?.kind === 'string' && (l.value === 'true' || l.value === 'false')) return l.value === 'true';
  return undefined;
}

function holds(c: Condition, obj: ObjectInfo | undefined): boolean {
  if ('all' in c) return c.all.every((x) => holds(x, obj));
  if ('closed' in c) return !!obj && !obj.open;
  const p = obj?.props.find((x) => x.key === c.param);
  if ('is' in c) return typeof c.is === 'boolean' ? literalBool(p?.value) === c.is : p?.value?.kind === 'string' && p.value.value === c.is;
  if ('present' in c) return !!p === c.present;
  if ('nonEmpty' in c) return !!p && !(p.value?.kind === 'null' || (p.value?.kind === 'string' && p.value.value === ''));
  return !!p && p.value?.kind !== 'string';
}

/** Runs the entry's selector (data/reference/selectors.json) on what the call site shows. Never guesses. */
export function choosePreferred(e: NapcatEntry, obj: ObjectInfo | undefined): Decision | undefined {
  if (e.kind === 'mapped' || e.kind === 'same-name' || !e.select) return undefined;
  for (const c of e.select) {
    if (!holds(c.when, obj)) continue;
    return c.pick ? { target: c.pick, by: c.by } : undefined;
  }
  return undefined;
}
