/**
 * What a whole file says about itself, decided from the file alone: does it already speak Milky,
 * or another protocol with OneBot-like names, and is it OneBot code at all (for Koishi camelCase
 * calls)? A `// napcat-milky-protocol: napcat|milky|other` comment overrides the guess.
 */
import { milkyNames, napcatEntry, napcatNames, resolveNapcat } from './catalog';
import { PROTOCOL_DIRECTIVE } from './directives';
import { isActionFinding, type Finding } from './findings';
import type { Site } from './scan/types';

export type Speaks = 'napcat' | 'milky' | 'other';

export interface FileContext {
  speaks: Speaks;
  /** Koishi camelCase calls count only in OneBot code. */
  onebot: boolean;
}

const MILKY_IMPORT = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*)['"](?:@saltify\/milky[\w./-]*|[\w@./-]*adapter-milky(?:[/.-][\w./-]*)?|milky-node-sdk)['"]/;
const OTHER_IMPORT = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*)['"](?:icqq|oicq|@icqqjs\/icqq)(?:\/[\w./-]*)?['"]/;
const ONEBOT12 = /\bdetail_type\b|['"`](?:get_self_info|get_supported_actions|get_latest_events|upload_file_fragmented|get_file_fragmented)['"`]/;
const ONEBOT_CONTEXT = /adapter-onebot|\bsession\s*\??\.\s*onebot\b|['"]onebot['"]/;
const DIRECTIVE = new RegExp(`${PROTOCOL_DIRECTIVE}\\s*:?\\s*(napcat|milky|other)\\b`);

/** Names only Milky has, and names only NapCat has, among the table's. */
const milkyOnly = (n: string) => milkyNames.has(n) && !napcatNames.has(n);
const napcatOnly = (n: string) => { const r = resolveNapcat(n); return !!r && !milkyNames.has(r); };

/**
 * Each pattern above needs one of these words: `includes` rules a pattern out far faster than the
 * pattern itself scans a long text (this runs on every keystroke).
 */
const may = {
  directive: (t: string) => t.includes(PROTOCOL_DIRECTIVE),
  other: (t: string) => t.includes('icqq') || t.includes('oicq'),
  milky: (t: string) => t.includes('milky'),
  onebot12: (t: string) => t.includes('detail_type') || t.includes('get_self_info') || t.includes('get_supported_actions') || t.includes('get_latest_events') || t.includes('_file_fragmented'),
  onebot: (t: string) => t.includes('onebot'),
};

function speaksOf(text: string, sites: readonly Site[]): Speaks {
  const forced = may.directive(text) ? DIRECTIVE.exec(text) : null;
  if (forced) return forced[1] as Speaks;
  if (may.other(text) && OTHER_IMPORT.test(text)) return 'other';
  let milky = 0;
  let napcat = 0;
  let apiUrls = 0;
  for (const s of sites) {
    if (s.definition) continue;
    // Wrongly quiet is a missed call: NapCat-only names count everywhere (keys too), Milky-only ones only at
    // call sites (a name with its params beside it, an action value, a URL, a frame, an SDK method).
    if (s.callSite === 'key' || (s.callSite === 'string' && !s.params)) { if (napcatOnly(s.written)) napcat++; continue; }
    // `/api/<endpoint>` is how Milky is called: a strong sign, though a NapCat file with one migrated call stays NapCat.
    if (s.callSite === 'url' && s.apiPrefix && milkyNames.has(s.written)) { apiUrls += 2; continue; }
    if (milkyOnly(s.written)) milky++;
    else if (s.callSite !== 'camel' && napcatOnly(s.written)) napcat++;
  }
  if (may.milky(text) && MILKY_IMPORT.test(text)) return 'milky';
  if (napcat === 0 && may.onebot12(text) && ONEBOT12.test(text)) return 'other';
  return milky + apiUrls > napcat ? 'milky' : 'napcat';
}

export function fileContext(text: string, sites: readonly Site[]): FileContext {
  return { speaks: speaksOf(text, sites), onebot: may.onebot(text) && ONEBOT_CONTEXT.test(text) };
}

/** Is this finding a real NapCat use in a file of this context? */
function belongs(f: Finding, ctx: FileContext): boolean {
  if (ctx.speaks === 'other') return false;
  if (f.kind === 'milky-params') return true;
  // Event and transport code has its own quiet rules (OneBot 12, icqq, Yunzai, Milky events); in Milky code a NapCat transport left over is a bug.
  if (!isActionFinding(f)) return true;
  if (f.site.callSite === 'camel' && !ctx.onebot) return false;
  if (ctx.speaks === 'milky') return f.kind !== 'same-name' && !napcatEntry(f.napcat)?.notInNapcatSource;
  return true;
}

/** Stage 3: the quiet rules of the whole file. */
export function inContext(findings: Finding[], text: string, sites: readonly Site[]): Finding[] {
  if (!findings.length) return findings;
  const ctx = fileContext(text, sites);
  return ctx.speaks === 'napcat' && ctx.onebot ? findings : findings.filter((f) => belongs(f, ctx));
}
