import { milkyNames, resolveNapcat } from '../catalog';

/** A name found as the last segment of a URL/path, at `offset` within the static text. */
export interface PathName {
  offset: number;
  written: string;
  apiPrefix: boolean;
}

/**
 * Finds action names that end a path in a run of static string text (a whole string, or one
 * static part of a template). `atStart`/`atEnd` say whether the run starts/ends the whole string:
 * a name cut off by a substitution is only known at run time, so it does not count.
 */
export function findPathNames(raw: string, atEnd: boolean): PathName[] {
  const out: PathName[] = [];
  const queryAt = raw.search(/[?#]/);
  const pathEnd = queryAt < 0 ? raw.length : queryAt;
  const slash = raw.lastIndexOf('/', pathEnd - 1);
  if (slash < 0) return out;
  const segment = raw.slice(slash + 1, pathEnd);
  if (!segment) return out;
  if (queryAt < 0 && !atEnd) return out;
  if (!resolveNapcat(segment) && !milkyNames.has(segment)) return out;
  const before = raw.slice(0, slash);
  out.push({ offset: slash + 1, written: segment, apiPrefix: before === 'api' || before.endsWith('/api') });
  return out;
}

const embeddedAction = /\\?"action\\?"\s*:\s*\\?"([A-Za-z_.][A-Za-z0-9_.]*)\\?"/g;

/** `"action":"name"` JSON text inside a longer string (escaped quotes allowed). */
export function findEmbeddedActions(raw: string): { offset: number; written: string }[] {
  const out: { offset: number; written: string }[] = [];
  embeddedAction.lastIndex = 0;
  for (let m = embeddedAction.exec(raw); m; m = embeddedAction.exec(raw)) {
    const written = m[1];
    if (!resolveNapcat(written) && !milkyNames.has(written)) continue;
    out.push({ offset: m.index + m[0].lastIndexOf(written), written });
  }
  return out;
}

/** Whitespace means text for people (a log line), not a URL. */
export function looksLikePathText(staticText: string): boolean {
  return !/\s/.test(staticText) && staticText.includes('/');
}
