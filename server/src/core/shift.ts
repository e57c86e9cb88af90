/** Moves facts by a number of characters: the incremental engine reuses findings of unchanged text. */
import { hasSite, type EventFinding, type Finding, type FrameworkFinding, type TransportFinding } from './findings';
import type { ObjectInfo, ParamsArg, Site } from './scan/types';

/** Any fact with a range, moved by d. */
export function moveRange<T extends { start: number; end: number }>(x: T, d: number): T {
  return { ...x, start: x.start + d, end: x.end + d };
}

function shiftObject(o: ObjectInfo, d: number): ObjectInfo {
  return {
    ...o,
    start: o.start + d,
    end: o.end + d,
    props: o.props.map((p) => ({ ...p, keyStart: p.keyStart + d, keyEnd: p.keyEnd + d, propStart: p.propStart + d, propEnd: p.propEnd + d, valueStart: p.valueStart + d, valueEnd: p.valueEnd + d })),
    ...(o.kwargs ? { kwargs: { ...o.kwargs, appendAt: o.kwargs.appendAt + d } } : {}),
  };
}

function shiftParams(p: ParamsArg | undefined, d: number): ParamsArg | undefined {
  return p?.kind === 'object' ? { kind: 'object', object: shiftObject(p.object, d) } : p;
}

export function shiftSite(s: Site, d: number): Site {
  if (d === 0) return s;
  const out: Site = { ...s, start: s.start + d, end: s.end + d, params: shiftParams(s.params, d) };
  if (s.group) out.group = { start: s.group.start + d, names: s.group.names };
  return out;
}

/** Each moved finding → the finding it was first moved from: what is derived from a finding (its message, its fixes) does not depend on where it is. */
const origins = new WeakMap<Finding, Finding>();

/** The finding `f` is a moved copy of (itself when it never moved). */
export function originOf(f: Finding): Finding {
  return origins.get(f) ?? f;
}

/**
 * A finding moved by d; its site moves once even when several findings share it. `sites` maps old
 * sites to their moved copies when the caller has moved them already (the scan's own list).
 */
export function shiftFindings(findings: readonly Finding[], d: number, out: Finding[], sites?: ReadonlyMap<Site, Site>): void {
  let lastSite: Site | undefined;
  let lastShifted: Site | undefined;
  for (const f of findings) {
    if (d === 0) { out.push(f); continue; }
    if (!hasSite(f)) { out.push(shiftFileFinding(f, d)); continue; }
    if (f.site !== lastSite) { lastSite = f.site; lastShifted = sites?.get(f.site) ?? shiftSite(f.site, d); }
    const moved: Finding = { ...f, start: f.start + d, end: f.end + d, site: lastShifted! };
    origins.set(moved, originOf(f));
    out.push(moved);
  }
}

/** A file rule's finding moved by d (with the helper facts of a transport finding). */
function shiftFileFinding(f: EventFinding | TransportFinding | FrameworkFinding, d: number): Finding {
  if (f.kind === 'framework') return { ...moveRange(f, d), importAt: f.importAt + d };
  if (f.kind === 'event' || !f.helper) return moveRange(f, d);
  const h = f.helper;
  return {
    ...moveRange(f, d),
    helper: { ...h, apiAt: h.apiAt === null ? null : h.apiAt + d, calls: h.calls.map((c) => moveRange(c, d)) },
  };
}
