/** The token check of the API (header only) and of the event stream (header or ?access_token=). */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

function same(a: string, b: string): boolean {
  // Hash both sides: equal lengths for timingSafeEqual, and no early exit on length.
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

export function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  const m = typeof h === 'string' ? /^Bearer\s+(.+)$/i.exec(h.trim()) : null;
  return m ? m[1].trim() : undefined;
}

/** True when no token is required, or the request carries it where `allowQuery` says it may. */
export function authorized(req: IncomingMessage, url: URL, token: string | undefined, allowQuery: boolean): boolean {
  if (token === undefined) return true;
  const header = bearer(req);
  if (header !== undefined && same(header, token)) return true;
  const query = allowQuery ? url.searchParams.get('access_token') : null;
  return query !== null && same(query, token);
}
