import type { Finding } from '../findings';
import type { Site } from '../scan/types';
import { actionRule } from './actions';
import { milkyParamsRule } from './milkyParams';
import { segmentRule } from './segments';
import type { SiteRule } from './types';

/** Every rule, in the order their findings are listed for one site. A new rule is one file and one line here. */
const SITE_RULES: readonly SiteRule[] = [actionRule, milkyParamsRule, segmentRule];

/** The findings of scanned sites (their offsets are offsets in `text`). */
export function findingsOfSites(sites: readonly Site[], text: string): Finding[] {
  const out: Finding[] = [];
  for (const site of sites) {
    // The range must cover exactly the name as written; anything else is a scanner slip on broken input.
    if (text.slice(site.start, site.end) !== site.written) continue;
    for (const rule of SITE_RULES) rule(site, text, out);
  }
  return out;
}

