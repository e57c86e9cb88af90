import { milkyEntry } from '../catalog';
import { paramsObject } from '../scan/types';
import type { SiteRule } from './types';

/** A Milky endpoint with an adjacent params object: keys Milky does not take, required keys missing. */
export const milkyParamsRule: SiteRule = (site, text, out) => {
  const ep = milkyEntry(site.written);
  const obj = paramsObject(site);
  if (!ep || !obj || site.callSite === 'method' || site.callSite === 'camel' || site.callSite === 'key') return;
  const accepted = new Set(ep.input.map((f) => f.name));
  const push = (start: number, end: number, param: string, problem: 'unknown' | 'missing') => {
    out.push({ kind: 'milky-params', start, end, endpoint: site.written, param, problem, site });
  };
  for (const p of obj.props) {
    if (accepted.has(p.key)) continue;
    const q = p.keyQuote ? 1 : 0;
    // An empty key is reported on its quotes; a key whose text does not match (broken input) is not reported.
    if (p.key === '') { if (q && p.keyEnd - p.keyStart >= 2) push(p.keyStart, p.keyEnd, p.key, 'unknown'); }
    else if (text.slice(p.keyStart + q, p.keyEnd - q) === p.key) push(p.keyStart + q, p.keyEnd - q, p.key, 'unknown');
  }
  if (obj.open) return;
  const present = new Set(obj.props.map((p) => p.key));
  for (const f of ep.input) if (!f.optional && !present.has(f.name)) push(site.start, site.end, f.name, 'missing');
};
