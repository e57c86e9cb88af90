import { camelToNapcat, napcatEntry, resolveNapcat } from '../catalog';
import { paramsObject } from '../scan/types';
import { choosePreferred } from '../select';
import type { ActionFinding } from '../findings';
import type { Site } from '../scan/types';
import type { SiteRule } from './types';

/** The action finding of a site with a NapCat name: its kind, every Milky candidate, and the target the site decides. */
export function actionFindingAt(site: Site): ActionFinding | undefined {
  const napcat = site.callSite === 'camel' ? camelToNapcat.get(site.written) : resolveNapcat(site.written);
  const e = napcat ? napcatEntry(napcat) : undefined;
  if (!napcat || !e) return undefined;
  const decision = choosePreferred(e, paramsObject(site));
  const preferred = e.kind === 'mapped' ? e.milky[0] : decision?.target;
  return {
    kind: e.kind, start: site.start, end: site.end, napcat, milky: e.milky, site,
    ...(preferred ? { preferred } : {}),
    ...(decision ? { decidedBy: decision.by } : {}),
  };
}

/** A NapCat name at a site. */
export const actionRule: SiteRule = (site, _text, out) => {
  const f = actionFindingAt(site);
  if (f) out.push(f);
};
