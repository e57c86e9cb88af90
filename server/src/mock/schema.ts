/** The official Milky 1.2 schemas (`@saltify/milky-types`) seen as a table of endpoints, and a small reader of zod 4 schema nodes. */
import { Event, milkyVersion, zodApiCategories } from '@saltify/milky-types';

/** The part of a zod 4 schema the mock reads: its definition and its parser. */
export interface Schema {
  _zod: { def: Def };
  safeParse(value: unknown): { success: true; data: unknown } | { success: false; error: { issues: ZodIssue[] } };
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
}

export interface Def {
  type: string;
  shape?: Record<string, Schema>;
  element?: Schema;
  options?: Schema[];
  discriminator?: string;
  entries?: Record<string, string | number>;
  values?: unknown[];
  innerType?: Schema;
  in?: Schema;
  getter?: () => Schema;
  defaultValue?: unknown;
}

export interface ZodIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: string;
  format?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  values?: unknown[];
  options?: unknown[];
  note?: string;
  discriminator?: string;
  keys?: string[];
}

export interface Endpoint {
  name: string;
  input: Schema | null;
  output: Schema | null;
}

export const MILKY_VERSION: string = milkyVersion;
export const EventSchema = Event as unknown as Schema;

const table = new Map<string, Endpoint>();
for (const category of Object.values(zodApiCategories)) {
  for (const [name, api] of Object.entries(category.apis as Record<string, { requestSchema: unknown; responseSchema: unknown }>)) {
    table.set(name, { name, input: api.requestSchema as Schema | null, output: api.responseSchema as Schema | null });
  }
}

/** Every Milky 1.2 endpoint, in the order of the official listing. */
export const endpoints: ReadonlyMap<string, Endpoint> = table;

/** Looks through wrappers that do not change the shape of a value: optional, nullable, default, catch, pipe (its input), lazy. */
export function unwrap(schema: Schema): Schema {
  let s = schema;
  for (let guard = 0; guard < 50; guard++) {
    const d = s._zod.def;
    if (d.type === 'optional' || d.type === 'nullable' || d.type === 'default' || d.type === 'prefault' || d.type === 'catch' || d.type === 'readonly' || d.type === 'nonoptional') s = d.innerType!;
    else if (d.type === 'pipe') s = d.in!;
    else if (d.type === 'lazy') s = d.getter!();
    else return s;
  }
  return s;
}

/** True when the value may be left out (optional or with a default). */
export function isOptional(schema: Schema): boolean {
  let s = schema;
  for (let guard = 0; guard < 50; guard++) {
    const d = s._zod.def;
    if (d.type === 'optional' || d.type === 'default' || d.type === 'prefault') return true;
    if (d.type === 'nullable' || d.type === 'catch' || d.type === 'readonly') s = d.innerType!;
    else if (d.type === 'pipe') s = d.in!;
    else if (d.type === 'lazy') s = d.getter!();
    else return false;
  }
  return false;
}

/** The value a field takes when it is left out, if its schema has a default. */
export function defaultOf(schema: Schema): { value: unknown } | undefined {
  let s = schema;
  for (let guard = 0; guard < 50; guard++) {
    const d = s._zod.def;
    if (d.type === 'default' || d.type === 'prefault') return { value: d.defaultValue };
    if (d.type === 'optional' || d.type === 'nullable' || d.type === 'catch' || d.type === 'readonly') s = d.innerType!;
    else if (d.type === 'pipe') s = d.in!;
    else return undefined;
  }
  return undefined;
}

/** The fields of an object schema (after unwrapping), or null for other schemas. */
export function shapeOf(schema: Schema): Record<string, Schema> | null {
  const s = unwrap(schema);
  return s._zod.def.type === 'object' ? s._zod.def.shape ?? {} : null;
}

/** The literal values an option of a discriminated union takes for its discriminator. */
export function discriminatorValues(option: Schema, key: string): unknown[] {
  const field = shapeOf(option)?.[key];
  if (!field) return [];
  const d = unwrap(field)._zod.def;
  if (d.type === 'literal') return d.values ?? [];
  if (d.type === 'enum') return Object.values(d.entries ?? {});
  return [];
}

/** The option of a union that `value` is meant to be: by its discriminator, else the first option it parses with. */
export function pickOption(union: Schema, value: unknown): Schema | undefined {
  const d = unwrap(union)._zod.def;
  const options = d.options ?? [];
  if (d.discriminator && value !== null && typeof value === 'object') {
    const tag = (value as Record<string, unknown>)[d.discriminator];
    return options.find((o) => discriminatorValues(o, d.discriminator!).includes(tag));
  }
  return options.find((o) => o.safeParse(value).success);
}

/** A zUin: an integer field whose bounds are those of a QQ number. */
export function isUin(schema: Schema): boolean {
  const s = unwrap(schema);
  return s._zod.def.type === 'number' && s.minValue === 10001 && s.maxValue === 4294967295;
}
