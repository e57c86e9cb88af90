/** The run-time helper `cqToMilkySegments(text)` as source text for a user's file, generated from the segment table. */
import type { Quote } from './render';
import { quoteString } from './render';
import { segmentTable } from './table';

/** The helper's name, as the fix calls it. */
export const CQ_HELPER_NAME = 'cqToMilkySegments';

/** The first line of the emitted helper: marks it as ours. */
export const CQ_HELPER_MARKER = '// napcat-milky: cqToMilkySegments';

/** Does the file already define the helper (ours or the user's own)? Then a fix only calls it. */
export function hasCqHelper(text: string): boolean {
  return /\bfunction\s*\*?\s*cqToMilkySegments\s*[(<]|\b(?:const|let|var)\s+cqToMilkySegments\b/.test(text);
}

/** `cqToMilkySegments(expr)`: the call a fix puts where a run-time string was the message. */
export function cqHelperCall(expr: string): string {
  return `${CQ_HELPER_NAME}(${expr})`;
}

type HelperField = [milky: string, how: 'uin' | 'seq' | 'uri' | 'string' | Readonly<Record<string, string>>];
interface HelperRule {
  to: string;
  all?: [field: string, value: string, milky: string];
  fields: Record<string, HelperField>;
  lookup: string[];
  required: string[];
}

/** The table reduced to what the helper needs: mechanical CQ types only (a node list never comes from a CQ string). */
function helperRules(): Record<string, HelperRule> {
  const rules: Record<string, HelperRule> = {};
  for (const [type, rule] of Object.entries(segmentTable.types)) {
    if (type === 'node' || rule.milky.length === 0) continue;
    const to = rule.milky.find((m) => m !== rule.split?.milky) ?? rule.milky[0];
    const fields: Record<string, HelperField> = {};
    const lookup: string[] = [];
    for (const [key, f] of Object.entries(rule.fields)) {
      if (f.transform === 'lookup') { lookup.push(key); continue; }
      if (f.milky === null) continue;
      const how: HelperField[1] = f.transform === 'to_int' ? (f.milky === 'user_id' ? 'uin' : 'seq') : f.transform === 'to_uri' ? 'uri' : f.transform === 'enum' ? f.values : 'string';
      fields[key] = [f.milky, how];
    }
    const required = (segmentTable.milkyFields[to] ?? []).filter((f) => !f.optional).map((f) => f.name);
    rules[type] = { to, ...(rule.split ? { all: [rule.split.field, rule.split.value, rule.split.milky] } : {}), fields, lookup, required };
  }
  return rules;
}

/** A plain data literal for the rules, in the file's quote style. */
function literal(v: unknown, quote: Quote): string {
  if (typeof v === 'string') return quoteString(v, quote);
  if (Array.isArray(v)) return `[${v.map((x) => literal(x, quote)).join(', ')}]`;
  if (typeof v === 'object' && v !== null) {
    return `{ ${Object.entries(v).map(([k, x]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : quoteString(k, quote)}: ${literal(x, quote)}`).join(', ')} }`;
  }
  return String(v);
}

// The body is written with single quotes and none inside them, so it can switch to double quotes.
function body(typed: boolean): string[] {
  const t = (ts: string, js = '') => (typed ? ts : js);
  return [
    '  const decode = (s' + t(': string') + ', param' + t(': boolean') + ') =>',
    '    s.replace(param ? /&(?:amp|#91|#93|#44);/g : /&(?:amp|#91|#93);/g, (e) => (e === \'&amp;\' ? \'&\' : e === \'&#91;\' ? \'[\' : e === \'&#93;\' ? \']\' : \',\'));',
    '  const fail = (type' + t(': string') + ', why' + t(': string') + ')' + t(': never') + ' => {',
    '    throw new Error(`cqToMilkySegments: [CQ:${type}] ${why}`);',
    '  };',
    '  const out' + t(': { type: string; data: Record<string, unknown> }[]') + ' = [];',
    '  const re = /\\[CQ:(\\w+)((?:,\\w+=[^,\\]]*)*)\\]/g;',
    '  let last = 0;',
    '  for (let m = re.exec(text); m; m = re.exec(text)) {',
    '    if (m.index > last) out.push({ type: \'text\', data: { text: decode(text.slice(last, m.index), false) } });',
    '    last = re.lastIndex;',
    '    const type = m[1];',
    '    const params' + t(': Record<string, string>') + ' = {};',
    '    for (const p of m[2].split(\',\').slice(1)) params[p.slice(0, p.indexOf(\'=\'))] = decode(p.slice(p.indexOf(\'=\') + 1), true);',
    '    const rule = Object.prototype.hasOwnProperty.call(rules, type) ? rules[type] : fail(type, \'has no Milky 1.2 segment: convert it by hand\');',
    '    if (rule.all && params[rule.all[0]] === rule.all[1]) { out.push({ type: rule.all[2], data: {} }); continue; }',
    '    const data' + t(': Record<string, unknown>') + ' = {};',
    '    for (const key of Object.keys(params)) {',
    '      if (rule.lookup.includes(key)) fail(type, `${key} is a NapCat message id: Milky needs the message_seq`);',
    '      const field = Object.prototype.hasOwnProperty.call(rule.fields, key) ? rule.fields[key] : undefined;',
    '      if (!field) continue;',
    '      const [name, how] = field;',
    '      let v' + t(': unknown') + ' = params[key];',
    '      if (how === \'uin\' || how === \'seq\') {',
    '        const n = /^\\d+$/.test(params[key]) ? Number(params[key]) : NaN;',
    '        if (!Number.isSafeInteger(n) || (how === \'uin\' && (n < 10001 || n > 4294967295))) fail(type, `${key}=${params[key]} is not a valid number`);',
    '        v = n;',
    '      } else if (how === \'uri\') {',
    '        const p = params[key];',
    '        if (/^([A-Za-z]:[\\\\/]|\\/)/.test(p)) v = `file://${encodeURI(/^[A-Za-z]:/.test(p) ? `/${p.replace(/\\\\/g, \'/\')}` : p).replace(/#/g, \'%23\').replace(/\\?/g, \'%3F\')}`;',
    '        else if (!/^(?:https?|file|base64):\\/\\//i.test(p)) fail(type, `${key} must be an http(s)://, file:// or base64:// URI or an absolute path`);',
    '      } else if (typeof how === \'object\') {',
    '        v = Object.prototype.hasOwnProperty.call(how, params[key]) ? how[params[key]] : Object.values(how).includes(params[key]) ? params[key] : fail(type, `${key}=${params[key]} is not known`);',
    '      }',
    '      data[name] = v;',
    '    }',
    '    for (const need of rule.required) if (!(need in data)) fail(type, `needs ${need}`);',
    '    out.push({ type: rule.to, data });',
    '  }',
    '  if (last < text.length || out.length === 0) out.push({ type: \'text\', data: { text: decode(text.slice(last), false) } });',
    '  return out;',
  ];
}

/**
 * The helper's full source (TypeScript with types, or JavaScript), one function and nothing else:
 * no import, no dependency, no other top-level name.
 */
export function cqHelperSource(lang: 'ts' | 'js', quote: Quote = "'", eol = '\n'): string {
  const typed = lang === 'ts';
  const ruleType = "Record<string, { to: string; all?: [string, string, string]; fields: Record<string, [string, string | Record<string, string>]>; lookup: string[]; required: string[] }>";
  const lines = [
    `${CQ_HELPER_MARKER} (OneBot CQ string → Milky 1.2 segments, generated from its segment table)`,
    '// A CQ code Milky cannot send, or cannot send as written, throws an Error naming it: a bot never silently sends wrong content.',
    `function ${CQ_HELPER_NAME}(text${typed ? ': string' : ''})${typed ? ': { type: string; data: Record<string, unknown> }[]' : ''} {`,
    `  const rules${typed ? `: ${ruleType}` : ''} = {`,
    ...Object.entries(helperRules()).map(([type, rule]) => `    ${type}: ${literal(rule, "'")},`),
    '  };',
    ...body(typed),
    '}',
  ];
  const text = lines.join(eol) + eol;
  return quote === "'" ? text : text.replace(/'/g, '"');
}
