import { camelToNapcat, napcatEntry, resolveNapcat } from '../catalog';
import { paramsObject } from '../scan/types';
import { choosePreferred } from '../select';
import type { SiteRule } from './types';

/** A NapCat name at a site: its kind, every Milky candidate, and the target the site decides. */
export const actionRule: SiteRule = (site, _text, out) => {
  const napcat = site.callSite === 'camel' ? camelToNapcat.get(site.written) : resolveNapcat(site.written);
  const e = napcat ? napcatEntry(napcat) : undefined;
  if (!napcat || !e) return;
  const decision = choosePreferred(e, paramsObject(site));
  const preferred = e.kind === 'mapped' ? e.milky[0] : decision?.target;
  out.push({
    kind: e.kind, start: site.start, end: site.end, napcat, milky: e.milky, site,
    ...(preferred ? { preferred } : {}),
    ...(decision ? { decidedBy: decision.by } : {}),
  });
};
