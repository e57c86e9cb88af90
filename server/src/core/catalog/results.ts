/**
 * Result shapes that Milky changed for a NapCat action: a list or object wrapped under a field
 * (`data` → `data.groups`), renamed fields (`message_id` → `message_seq`). Generated from
 * data/reference/mapping.json (`returns`) and @saltify/milky-types by scripts/events-build.mjs.
 */
import data from './results.generated.json';

export interface RenamedField {
  to: string;
  note?: string;
}

export interface ResultChange {
  /** The Milky endpoint(s) the action becomes (several only when they return the same fields). */
  milky: readonly string[];
  /** Top-level fields of the Milky output. */
  output: readonly string[];
  /** The field that wraps what NapCat returned as `data` itself. */
  wrapper: string | null;
  wrapperKind: 'array' | 'object' | null;
  /** Fields of the wrapped entity (GroupEntity for get_group_list). */
  elementFields: readonly string[];
  renamed: Readonly<Record<string, RenamedField>>;
}

interface RawChange {
  milky: string[];
  output: string[];
  wrapper: string | null;
  wrapperKind: string | null;
  elementFields: string[];
  renamed: Record<string, { to: string; note?: string } | undefined>;
}

function wrapperKindOf(v: string | null): ResultChange['wrapperKind'] {
  if (v === null || v === 'array' || v === 'object') return v;
  throw new Error(`results.generated.json: unknown wrapperKind ${JSON.stringify(v)}`);
}

const raw: Record<string, RawChange | undefined> = data.results;

export const resultChanges: Readonly<Record<string, ResultChange>> = Object.freeze(Object.fromEntries(
  Object.entries(raw).filter((e): e is [string, RawChange] => !!e[1]).map(([name, r]) => {
    const renamed: Record<string, RenamedField> = {};
    for (const [k, v] of Object.entries(r.renamed)) if (v) renamed[k] = Object.freeze({ ...v });
    const change: ResultChange = Object.freeze({
      milky: Object.freeze([...r.milky]), output: Object.freeze([...r.output]), wrapper: r.wrapper, wrapperKind: wrapperKindOf(r.wrapperKind),
      elementFields: Object.freeze([...r.elementFields]), renamed: Object.freeze(renamed),
    });
    return [name, change] as const;
  }),
));

export function resultChange(napcat: string): ResultChange | undefined {
  return Object.prototype.hasOwnProperty.call(resultChanges, napcat) ? resultChanges[napcat] : undefined;
}
