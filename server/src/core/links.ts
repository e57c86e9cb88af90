import { milkyEntry } from './catalog';

export const MILKY_HOME = 'https://milky.ntqqrev.org/';
export const NAPCAT_DOCS = 'https://napneko.github.io/develop/api';

/** The Milky docs page of an endpoint (by its category). */
export function milkyDocUrl(endpoint: string): string {
  const e = milkyEntry(endpoint);
  return e ? `${MILKY_HOME}api/${e.category}#${endpoint}` : MILKY_HOME;
}

/** Required input fields, for completion details and snippets. */
export function requiredFields(name: string): string[] {
  return milkyEntry(name)?.input.filter((f) => !f.optional).map((f) => f.name) ?? [];
}
