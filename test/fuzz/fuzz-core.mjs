#!/usr/bin/env node
// A seeded mutation fuzzer for the pure core (dist/core.js).
//
//   node test/fuzz/fuzz-core.mjs --iterations 100000 --seed 1 [--time-limit-ms N] [--out DIR] [--quiet]
//
// Each iteration builds realistic TS/JS/JSON bot code (call helpers, WebSocket frames, URLs, JSON
// fixtures, SDK and Koishi calls, keys, unions, noise that must stay quiet) from the NapCat names
// of the generated catalog, mutates it (byte flips, truncations, inserted quotes / braces /
// backticks / `${`, random unicode incl. lone surrogates, CRLF/CR mixes, splices), and checks:
//
//   throw           analyzeDocument never throws, strict or tolerant
//   range           every finding's [start, end) is a non-empty integer range inside the text
//   name            text.slice(start, end) is the name as written: the NapCat name, its camelCase
//                   form for callSite 'camel', or '.'+name ('.handle_quick_operation'); for a
//                   milky-params finding the param key (unknown) or the endpoint name (missing)
//   edit-bounds     every fix edit lies inside the text
//   option-overlap  the edits of one fix option never overlap (normalizeEdits keeps all of them)
//   plan-overlap    planFixes' edits never overlap (normalizeEdits keeps all of them)
//   fix-parse       strict input that parsed (no `skipped`) still parses after planFixes
//   idempotent      a second planFixes on the fixed text yields no edits
//   slow            one analysis of a small input takes more than SLOW_MS
//
// Every iteration is reproducible on its own from (seed, iteration). Failures are grouped by
// (check, language family); the first of each group is shrunk (delta debugging) to a minimal
// reproducer, printed and written to test/fuzz/out/ (git-ignore that folder).
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const core = require(path.join(ROOT, 'dist/core.js'));
const catalog = core.catalog;
const NAPCAT_ACTIONS = JSON.parse(readFileSync(path.join(ROOT, 'data/reference/napcat-actions.json'), 'utf8')).actions;

const SLOW_MS = 2000;
const TS_LANGS = ['typescript', 'javascript', 'typescriptreact', 'javascriptreact'];
const JSON_LANGS = ['json', 'jsonc'];

// ---- names ------------------------------------------------------------------------------------

const NAPCAT = Object.keys(catalog.napcat);
const MILKY = Object.keys(catalog.milky);
const SPELLINGS = Object.values(catalog.napcat).map((e) => e.spelling).filter(Boolean);
const toCamel = (n) => n.replace(/(?!^)_([a-z0-9])/g, (_, c) => c.toUpperCase());
const CAMEL = NAPCAT.map(toCamel).filter((c, i) => c !== NAPCAT[i]);
const AMBIGUOUS = NAPCAT.filter((n) => catalog.napcat[n].kind === 'ambiguous');
const ACTION_PARAMS = new Map(NAPCAT_ACTIONS.map((a) => [a.name.replace(/^\./, ''), (a.params ?? []).map((p) => p.name)]));
const PARAMS = Object.fromEntries(NAPCAT.map((n) => [n, ACTION_PARAMS.get(n) ?? []]));
const MILKY_PARAMS = Object.fromEntries(MILKY.map((n) => [n, (catalog.milky[n].input ?? []).map((f) => f.name)]));

// ---- random -----------------------------------------------------------------------------------

function mulberry32(a) {
  return () => {
    a |= 0; a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function hash2(a, b) {
  let h = (Math.imul(a | 0, 0x9e3779b1) ^ Math.imul(b | 0, 0x85ebca6b)) | 0;
  h ^= h >>> 16; h = Math.imul(h, 0x7feb352d); h ^= h >>> 15; h = Math.imul(h, 0x846ca68b); h ^= h >>> 16;
  return h;
}
class Rng {
  constructor(seed) { this.next = mulberry32(seed); }
  int(n) { return Math.floor(this.next() * n); }
  range(a, b) { return a + this.int(b - a + 1); }
  pick(arr) { return arr[this.int(arr.length)]; }
  chance(p) { return this.next() < p; }
}

// ---- generators: realistic bot code ------------------------------------------------------------

function napcatName(r) {
  const x = r.int(20);
  if (x < 3) return r.pick(AMBIGUOUS);
  if (x === 3 && SPELLINGS.length) return r.pick(SPELLINGS);
  return r.pick(NAPCAT);
}

function value(r, key, q) {
  switch (r.int(9)) {
    case 0: return String(r.range(1, 999999999));
    case 1: return `${q}${r.range(10000, 99999)}${q}`;
    case 2: return r.pick(['true', 'false']);
    case 3: return key === 'message' ? `[{ type: ${q}text${q}, data: { text: ${q}hi${q} } }]` : `${q}hello${q}`;
    case 4: return r.pick(['ctx.group_id', 'e.user_id', 'msg.message_id', 'Number(id)', 'null', 'undefined']);
    case 5: return `${q}invite${q}`;
    case 6: return `{ nested: ${q}${r.pick(NAPCAT)}${q} }`;
    default: return String(r.range(0, 100));
  }
}

function tsParams(r, name, q = "'") {
  const keys = [...(PARAMS[name] ?? MILKY_PARAMS[name] ?? [])];
  for (const k of ['group_id', 'user_id', 'message_id', 'approve', 'sub_type', 'message_type', 'flag']) if (r.chance(0.12)) keys.push(k);
  const chosen = keys.filter(() => r.chance(0.7));
  const props = chosen.map((k) => {
    const c = r.int(12);
    if (c === 0) return k; // shorthand
    if (c === 1) return `${q}${k}${q}: ${value(r, k, q)}`;
    if (k === 'approve') return `approve: ${r.pick(['true', 'false', 'ok'])}`;
    if (k === 'sub_type') return `sub_type: ${q}${r.pick(['invite', 'add'])}${q}`;
    if (k === 'message_type') return `message_type: ${q}${r.pick(['group', 'private'])}${q}`;
    return `${k}: ${value(r, k, q)}`;
  });
  if (r.chance(0.1)) props.push('...rest');
  return `{ ${props.join(', ')}${props.length && r.chance(0.2) ? ',' : ''} }`;
}

function jsonParams(r, name) {
  const keys = [...(PARAMS[name] ?? MILKY_PARAMS[name] ?? [])];
  for (const k of ['group_id', 'user_id', 'message_id', 'approve', 'sub_type']) if (r.chance(0.1)) keys.push(k);
  const props = keys.filter(() => r.chance(0.7)).map((k) => {
    if (k === 'approve') return `"approve": ${r.pick(['true', 'false'])}`;
    if (k === 'message') return `"message": [{ "type": "text", "data": { "text": "hi" } }]`;
    return `"${k}": ${r.pick([String(r.range(1, 99999)), `"${r.range(1, 99999)}"`, 'true', 'null', '"x"'])}`;
  });
  return `{ ${props.join(', ')} }`;
}

const BASES = ['http://127.0.0.1:3000', 'https://bot.example.com/onebot', '', 'api', '/v11', 'http://localhost:6099/api'];

function tsStatement(r) {
  const n = napcatName(r);
  const m = r.pick(MILKY);
  const q = r.pick(["'", "'", '"', '`']);
  switch (r.int(38)) {
    case 0: return `await bot.callApi(${q}${n}${q}, ${tsParams(r, n, q === '`' ? "'" : q)});`;
    case 1: return `const res = await this.call(${q}${n}${q}, ${tsParams(r, n)}) as any;`;
    case 2: return `ws.send(JSON.stringify({ action: '${n}', params: ${tsParams(r, n)}, echo: '${r.pick([n, 'e1', String(r.int(99))])}' }));`;
    case 3: return `ws.send('{"action":"${n}","params":{"group_id":1},"echo":"x"}');`;
    case 4: return `socket.send(\`{"action":"${n}","params":${'${JSON.stringify(p)}'}}\`);`;
    case 5: return `await fetch(\`\${base}/${r.chance(0.3) ? 'api/' : ''}${n}${r.chance(0.3) ? '?access_token=${t}' : ''}\`, { method: 'POST', body: JSON.stringify(${tsParams(r, n)}) });`;
    case 6: return `axios.post('${r.pick(BASES)}/${n}${r.chance(0.3) ? '?x=1' : ''}', ${tsParams(r, n)});`;
    case 7: return `http.post(BASE + '/${n}', ${tsParams(r, n)});`;
    case 8: return `await bot.${n}(${tsParams(r, n)});`;
    case 9: return `session.bot.internal.${r.pick(CAMEL)}(${r.range(1, 999)}, '${r.int(9)}');`;
    case 10: return `switch (action) {\n  case '${n}':\n    return handle${r.int(9)}();\n  case '${napcatName(r)}': break;\n}`;
    case 11: return `type Action = '${n}' | '${napcatName(r)}' | '${m}';`;
    case 12: return `enum Act { A = '${n}', B = "${napcatName(r)}" }`;
    case 13: return `const handlers = { ${n}: async (p) => p, '${napcatName(r)}': fn, ['${napcatName(r)}']: g };`;
    case 14: return `interface Api {\n  ${n}(params: { group_id: number }): Promise<void>;\n  '${napcatName(r)}': Fn;\n}`;
    case 15: return `// call ${n} here ('${n}')\n/* ${n} */ const note = 1;`;
    case 16: return `logger.info('calling ${n} now', '${n} failed');`;
    case 17: return `await supabase.rpc('${n}', { action: '${napcatName(r)}' }); invoke('${n}'); url_for('${n}');`;
    case 18: return `const echo = '${n}'; const o = { echo: '${n}' };`;
    case 19: return `function ${n}() { return 1; }\n${n}();\nconst ${n.toUpperCase()} = '${r.pick(['x', n])}';`;
    case 20: return `await bot.callApi('delete_msg', { message_id: ${r.int(999)}${r.chance(0.5) ? ', group_id: g' : ''} });`;
    case 21: return `await bot.callApi('send_poke', { user_id: 1${r.chance(0.5) ? ', group_id: 2' : ''} });`;
    case 22: return `await bot.callApi('${r.pick(['set_friend_add_request', 'set_group_add_request'])}', { flag: f, approve: ${r.pick(['true', 'false', 'ok'])}${r.chance(0.4) ? ", sub_type: 'invite'" : ''} });`;
    case 23: return `await bot.callApi('${m}', ${tsParams(r, m)});`;
    case 24: return `bot.callApi('.handle_quick_operation', { context: ev, operation: { reply: 'hi' } });`;
    case 25: return `const a = ok ? '${n}' : '${napcatName(r)}'; if (x === '${n}') y(); const arr = ['${n}', \`${napcatName(r)}\`];`;
    case 26: return `const url = \`\${host}/${n}/\${id}\`; const u2 = '/${n}/:id'; const u3 = \`/\${dyn}${n}\`;`;
    case 27: return `const s = 'send_' + 'group_msg'; const t = \`send_\${kind}_msg\`;`;
    case 28: return `export function Btn() { return <button onClick={() => call('${n}')} title="${n}">${n}</button>; }`;
    case 29: return `import x from './${n}'; const y = require('${n}'); export * from '/${n}';`;
    case 30: return `class Client {\n  async ${n}(p: any) { return this.send('${n}', p); }\n  ['${napcatName(r)}'] = 1;\n}`;
    case 31: return `const s = "${'\\u00e9'}${n}"; const e = '\\'${n}\\''; const nul = '${n}\\0';`;
    case 32: return `const frames = [${Array.from({ length: r.range(1, 4) }, () => `{ action: "${napcatName(r)}", params: ${tsParams(r, n, '"')} }`).join(', ')}];`;
    case 34: return `if (e.post_type === '${r.pick(['notice', 'message', 'request'])}' && e.${r.pick(['notice_type', 'message_type', 'request_type'])} === '${r.pick(['group_increase', 'group', 'friend', 'group_ban', 'notify'])}') {\n  await call('${n}', { group_id: e.group_id, user_id: e.${r.pick(['user_id', 'raw_message', 'message_id', 'sender.nickname'])} });\n}`;
    case 35: return `switch (e.notice_type) {\n  case '${r.pick(['group_ban', 'group_decrease', 'group_recall'])}': go(e.group_id); break;\n  case 'notify': if (e.sub_type === 'poke') poke(e.user_id); break;\n}`;
    case 36: return `bot.on('${r.pick(['notice.group_increase', 'message.group', 'request.group.invite', 'notice.notify.poke.group'])}', (ev) => { reply(ev.group_id, ev.user_id); });\nif (ev.notice_type !== 'group_increase') return;\nwelcome(ev.group_id);`;
    case 37: return `async function call(action, params) { return fetch(${r.pick(['`${BASE}/${action}`', "BASE + '/' + action", '`${BASE}/api/${action}`'])}, { body: JSON.stringify(params) }); }\nconst es = new EventSource(base + '/_events'); es.onmessage = (m) => on(m);\nif (res.retcode === 1400) bad(res.wording);`;
    default: return `const x${r.int(99)} = ${r.range(0, 9)}; // unrelated\nfunction f${r.int(99)}(a, b) { return a + b; }`;
  }
}

function tsSnippet(r) {
  const parts = [];
  if (r.chance(0.3)) parts.push("import { NCWebsocket } from 'node-napcat-ts';");
  const n = r.range(1, 10);
  for (let i = 0; i < n; i++) parts.push(tsStatement(r));
  if (r.chance(0.4)) parts.unshift('export async function main(bot: any, ws: any, ctx: any) {');
  if (parts[0].startsWith('export async function main')) parts.push('}');
  return parts.join('\n') + '\n';
}

function jsonSnippet(r) {
  const n = napcatName(r);
  switch (r.int(7)) {
    case 0: return `{ "action": "${n}", "params": ${jsonParams(r, n)}, "echo": "${r.pick([n, 'e1'])}" }\n`;
    case 1: return `[\n${Array.from({ length: r.range(1, 6) }, () => { const k = napcatName(r); return `  { "action": "${k}", "params": ${jsonParams(r, k)} }`; }).join(',\n')}\n]\n`;
    case 2: return `{\n  "paths": {\n${Array.from({ length: r.range(1, 5) }, () => `    "/${napcatName(r)}": { "post": {} }`).join(',\n')}\n  }\n}\n`;
    case 3: return `{ "url": "${r.pick(BASES)}/${n}${r.chance(0.3) ? '?t=1' : ''}", "note": "calls ${n}", "permissions": { "${napcatName(r)}": "admin" } }\n`;
    case 4: return `// jsonc comment ${n}\n{ /* ${n} */ "replay": [ { "raw": "{\\"action\\":\\"${n}\\",\\"params\\":{}}" } ], }\n`;
    case 5: return `{ "action": "${r.pick(MILKY)}", "params": ${jsonParams(r, r.pick(MILKY))} }\n`;
    default: return `{ "actions": [${Array.from({ length: r.range(1, 6) }, () => `"${napcatName(r)}"`).join(', ')}], "milky": "${r.pick(MILKY)}" }\n`;
  }
}

/** Real files of the repo, read once, to splice from (sorted, so seeded runs stay reproducible). */
let corpusCache;
function corpusFiles() {
  if (corpusCache) return corpusCache;
  corpusCache = { ts: [], json: [] };
  const dirs = ['examples', 'test/fixtures/fix', 'test/corpus'];
  const walk = (dir) => {
    let entries;
    try { entries = readdirSync(dir).sort(); } catch { return; }
    for (const e of entries) {
      const p = path.join(dir, e);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.size < 40_000) {
        if (/\.(ts|tsx|js|mjs|jsx)$/.test(e) && !/\.test\.mjs$/.test(e) && e !== 'eval.mjs') corpusCache.ts.push(readFileSync(p, 'utf8'));
        else if (/\.jsonc?$/.test(e) && e !== 'expected.json') corpusCache.json.push(readFileSync(p, 'utf8'));
      }
    }
  };
  for (const d of dirs) walk(path.join(ROOT, d));
  return corpusCache;
}

// ---- mutations --------------------------------------------------------------------------------

const INSERTS = ["'", '"', '`', '{', '}', '[', ']', '(', ')', '${', '}`', '/*', '*/', '//', '\\', '\n', '\r', '\r\n', '<', '>', '</', ',', ':', ';', '=>', '?.', '#', '@', '\\u', '\\x', '\u2028', '\u2029', '\0'];
const UNICODE = ['\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D', '\uDE00', '😀', '𝒜', '中文', '测试', '\uFEFF', '\u200B', '\u0301', '\uFFFD', '\uFFFF', '\u00A0', 'é', 'İ', 'ſ', '\u180E', '\u3000', '\x7F', '\x01', '\x1b'];

function randomChar(r) {
  const k = r.int(5);
  if (k === 0) return String.fromCharCode(r.int(128));
  if (k === 1) return String.fromCharCode(r.int(0x10000));
  if (k === 2) return r.pick(UNICODE);
  if (k === 3) return String.fromCharCode(0xd800 + r.int(0x800)); // lone surrogate half
  return r.pick(INSERTS);
}

function mutate(r, text, corpus) {
  const len = text.length;
  const at = () => r.int(len + 1);
  switch (r.int(14)) {
    case 0: { // byte flip: one UTF-16 unit with a bit flipped
      if (!len) return text;
      const i = r.int(len);
      return text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ (1 << r.int(8))) + text.slice(i + 1);
    }
    case 1: { const i = r.int(len); return text.slice(0, i) + randomChar(r) + text.slice(i + 1); }
    case 2: return text.slice(0, at()); // truncation
    case 3: { const i = at(); return text.slice(0, i) + r.pick(INSERTS) + text.slice(i); }
    case 4: { const i = at(); return text.slice(0, i) + randomChar(r) + text.slice(i); }
    case 5: { const i = at(); const j = Math.min(len, i + r.range(1, 40)); return text.slice(0, i) + text.slice(j); }
    case 6: return text.replace(/\r?\n/g, () => r.pick(['\r\n', '\r', '\n', '\n\r'])); // line-ending mix
    case 7: return r.chance(0.5) ? text.replace(/\n/g, '\r\n') : text.replace(/\n/g, '\r');
    case 8: { // insert a name somewhere
      const i = at();
      const nm = r.pick([r.pick(NAPCAT), r.pick(CAMEL), r.pick(MILKY), '.handle_quick_operation', `'${r.pick(NAPCAT)}'`, `/${r.pick(NAPCAT)}`]);
      return text.slice(0, i) + nm + text.slice(i);
    }
    case 9: { // splice: duplicate a slice
      const i = at(); const j = Math.min(len, i + r.range(1, 120)); const k = at();
      return text.slice(0, k) + text.slice(i, j) + text.slice(k);
    }
    case 10: { // splice from the corpus
      if (!corpus.length) return text;
      const src = r.pick(corpus);
      const i = r.int(src.length + 1); const j = Math.min(src.length, i + r.range(1, 200)); const k = at();
      return text.slice(0, k) + src.slice(i, j) + text.slice(k);
    }
    case 11: { // swap two lines
      const lines = text.split('\n');
      if (lines.length < 2) return text;
      const a = r.int(lines.length); const b = r.int(lines.length);
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('\n');
    }
    case 12: return r.pick(['\uFEFF', '#!/usr/bin/env node\n', '// napcat-milky-ignore-next-line\n', '\uD800']) + text;
    default: { // inside a string literal: benign for the parser, hostile for positions
      const quotes = [...text.matchAll(/['"`]/g)];
      if (!quotes.length) return text;
      const i = r.pick(quotes).index + 1;
      return text.slice(0, i) + r.pick(UNICODE.concat(['😀', '\\n', '\\u0041', '\\\'', ' '])) + text.slice(i);
    }
  }
}

/** Valid-looking bot code from a seed, for other tests (stress): `family` is 'ts' or 'json'. */
export function generateSnippet(seed, family = 'ts') {
  const r = new Rng(seed);
  return family === 'json' ? jsonSnippet(r) : tsSnippet(r);
}

/** One generated statement (TS), for tests that type code into a document. */
export function generateStatement(seed) {
  return tsStatement(new Rng(seed));
}

export { Rng, NAPCAT, MILKY, CAMEL };

/** Builds the input of one iteration: {text, lang}. */
export function makeInput(seed, iteration) {
  const r = new Rng(hash2(seed, iteration));
  const corpus = corpusFiles();
  const json = r.chance(0.3);
  const lang = json ? r.pick(JSON_LANGS) : r.pick(TS_LANGS);
  let text;
  const src = json ? corpus.json : corpus.ts;
  if (src.length && r.chance(0.15)) text = r.pick(src);
  else text = json ? jsonSnippet(r) : tsSnippet(r);
  // A quarter of the inputs stay unmutated or get only benign changes, so the fix path (strict
  // parse → planFixes → re-parse → idempotent) runs often.
  const mode = r.int(4);
  if (mode === 0) {
    if (r.chance(0.5)) text = mutate(r, text, src); // maybe one mutation
    if (r.chance(0.3)) text = text.replace(/\n/g, r.pick(['\r\n', '\r']));
  } else {
    const n = r.range(1, mode === 3 ? 12 : 4);
    for (let i = 0; i < n; i++) text = mutate(r, text, src);
  }
  return { text, lang };
}

// ---- invariants -------------------------------------------------------------------------------

/** `tag` separates different bugs under one check (mode, kind of finding); shrinking keeps it. */
function fail(out, check, message, tag = '') {
  out.push({ check, message, tag, key: tag ? `${check}:${tag}` : check });
}

function isInt(n) { return Number.isInteger(n); }

/** The value of a string literal's content (JS/JSON escapes). */
function unescapeKey(raw) {
  return raw.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|[\s\S])/g, (_, e) => {
    if (e[0] === 'u' && e[1] === '{') return String.fromCodePoint(parseInt(e.slice(2, -1), 16));
    if (e[0] === 'u' && e.length === 5) return String.fromCharCode(parseInt(e.slice(1), 16));
    if (e[0] === 'x' && e.length === 3) return String.fromCharCode(parseInt(e.slice(1), 16));
    const simple = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', 0: '\0', '\n': '', '\r': '', '\r\n': '', '\u2028': '', '\u2029': '' };
    return Object.prototype.hasOwnProperty.call(simple, e) ? simple[e] : e;
  });
}

function checkFindings(text, findings, out, mode) {
  for (const f of findings) {
    if (!isInt(f.start) || !isInt(f.end) || f.start < 0 || f.end > text.length || f.start >= f.end) {
      fail(out, 'range', `${mode}: ${f.kind} finding ${core.napcatOf(f) ?? core.milkyOf(f)[0]}${f.param !== undefined ? ` (param ${JSON.stringify(f.param)})` : ''} has range ${f.start}-${f.end} in a text of length ${text.length} (must be non-empty and inside)`, `${mode}:${f.napcat ? 'napcat' : f.kind}:${f.start >= f.end ? 'empty' : 'outside'}`);
      continue;
    }
    const written = text.slice(f.start, f.end);
    if (f.kind === 'segment') {
      // A segment's type as written (a literal may spell it with escapes); a plain or run-time message: its value.
      const typed = f.form === 'cq' || f.form === 'template' || f.form === 'object' || f.form === 'builder';
      const ok = !typed || f.problem === 'dynamic-cq' || written === f.napcat || unescapeKey(written) === f.napcat || (f.form === 'builder' && f.napcat === 'music');
      if (!ok) fail(out, 'name', `${mode}: segment finding ${f.napcat} (${f.form}) covers ${JSON.stringify(written)}`, `${mode}:segment:${f.form}`);
    } else if (f.napcat) {
      const ok = written === f.napcat || (f.site.callSite === 'camel' && written === toCamel(f.napcat)) || written === `.${f.napcat}`;
      if (!ok) fail(out, 'name', `${mode}: napcat finding ${f.napcat} (callSite ${f.site.callSite}) covers ${JSON.stringify(written)}`, `${mode}:napcat:${f.site.callSite}`);
    } else if (f.kind === 'milky-params') {
      const expected = f.problem === 'missing' ? f.endpoint : f.param;
      // An empty key is reported on its quotes (a range must not be empty).
      const emptyKey = f.param === '' && /^(['"])\1$/.test(written);
      // A key may be written with escapes (`"gr\u006fup_id"`): compare its value.
      if (!emptyKey && written !== expected && unescapeKey(written) !== expected) fail(out, 'name', `${mode}: milky-params (${f.problem} ${JSON.stringify(f.param)}) covers ${JSON.stringify(written)}, expected ${JSON.stringify(expected)}`, `${mode}:milky-params:${f.problem}`);
    } else {
      fail(out, 'name', `${mode}: finding without napcat of kind ${f.kind}`, `${mode}:other`);
    }
    for (const opt of core.fixesFor(f, text)) {
      for (const e of opt.edits) {
        if (!isInt(e.start) || !isInt(e.end) || e.start < 0 || e.end > text.length || e.start > e.end || typeof e.newText !== 'string') {
          fail(out, 'edit-bounds', `${mode}: fix ${f.napcat}→${opt.target} edit ${e.start}-${e.end} outside text of length ${text.length}`, mode);
        }
      }
      const kept = core.normalizeEdits(opt.edits);
      if (kept.length !== opt.edits.length) {
        fail(out, 'option-overlap', `${mode}: fix ${f.napcat}→${opt.target} has overlapping edits ${JSON.stringify(opt.edits.map((e) => ({ ...e, old: text.slice(e.start, e.end) })))}`, mode);
      }
    }
  }
}

/** Timed analysis; returns {result} or {error}. */
function analyze(text, lang, tolerant, out, mode) {
  const t0 = performance.now();
  let result;
  try {
    result = core.analyzeDocument(text, lang, tolerant ? { tolerant: true } : {});
  } catch (e) {
    fail(out, 'throw', `${mode}: analyzeDocument threw ${e?.stack?.split('\n').slice(0, 3).join(' | ') ?? e}`, `${mode}:${e?.name}`);
    return undefined;
  }
  const ms = performance.now() - t0;
  if (ms > SLOW_MS && text.length < 200_000) fail(out, 'slow', `${mode}: analyzeDocument took ${Math.round(ms)} ms on ${text.length} chars`, mode);
  if (!result || !Array.isArray(result.findings)) { fail(out, 'throw', `${mode}: no findings array`); return undefined; }
  return result;
}

/** Every invariant on one input. Returns the list of failures ([] when all hold) and stats. */
export function checkInput(text, lang, stats = {}) {
  const out = [];
  for (const tolerant of [false, true]) {
    const mode = tolerant ? 'tolerant' : 'strict';
    const result = analyze(text, lang, tolerant, out, mode);
    if (!result) continue;
    checkFindings(text, result.findings, out, mode);
    if (tolerant) continue;
    if (result.skipped) { stats.skipped = (stats.skipped ?? 0) + 1; if (result.findings.length) fail(out, 'range', `strict: skipped (${result.skipped}) but ${result.findings.length} findings`); continue; }
    stats.parsed = (stats.parsed ?? 0) + 1;
    let plan;
    let fixed;
    try {
      plan = core.planFixes(result.findings, text);
      fixed = core.applyEdits(text, plan.edits);
    } catch (e) {
      fail(out, 'throw', `planFixes/applyEdits threw ${e?.stack?.split('\n').slice(0, 3).join(' | ') ?? e}`);
      continue;
    }
    if (core.normalizeEdits(plan.edits).length !== plan.edits.length) fail(out, 'plan-overlap', `planFixes returned overlapping edits ${JSON.stringify(plan.edits)}`);
    if (!plan.edits.length) continue;
    stats.fixed = (stats.fixed ?? 0) + 1;
    const again = analyze(fixed, lang, false, out, 'strict-after-fix');
    if (!again) continue;
    if (again.skipped) {
      fail(out, 'fix-parse', `the fixed text no longer parses: ${again.skipped}; edits ${JSON.stringify(plan.edits)}`);
      continue;
    }
    checkFindings(fixed, again.findings, out, 'after-fix');
    let second;
    try { second = core.planFixes(again.findings, fixed); } catch (e) { fail(out, 'throw', `second planFixes threw ${e}`); continue; }
    if (second.edits.length) {
      const shown = second.edits.map((e) => ({ ...e, old: fixed.slice(e.start, e.end) }));
      fail(out, 'idempotent', `a second fix-all still edits: ${JSON.stringify(shown)}`);
    }
  }
  return out;
}

// ---- shrinking --------------------------------------------------------------------------------

/** Delta debugging over UTF-16 units (lines first, then chunks, then single units). */
export function shrink(text, lang, key, { maxTests = 4000, maxMs = 15_000 } = {}) {
  const t0 = Date.now();
  let tests = 0;
  const stillFails = (t) => {
    tests++;
    return checkInput(t, lang).some((f) => f.key === key);
  };
  let cur = text;
  const budget = () => tests < maxTests && Date.now() - t0 < maxMs;
  // Lines.
  let lines = cur.split(/(?<=\n)/);
  for (let chunk = Math.max(1, lines.length >> 1); chunk >= 1 && budget(); chunk >>= 1) {
    for (let i = 0; i < lines.length && budget();) {
      const cand = lines.slice(0, i).concat(lines.slice(i + chunk));
      if (cand.length < lines.length && stillFails(cand.join(''))) lines = cand; else i += chunk;
    }
  }
  cur = lines.join('');
  // Characters.
  for (let chunk = Math.max(1, cur.length >> 1); chunk >= 1 && budget(); chunk = chunk > 1 ? chunk >> 1 : 0) {
    for (let i = 0; i < cur.length && budget();) {
      const cand = cur.slice(0, i) + cur.slice(i + chunk);
      if (stillFails(cand)) cur = cand; else i += chunk;
    }
  }
  return cur;
}

// ---- the run ----------------------------------------------------------------------------------

function familyOf(lang) { return JSON_LANGS.includes(lang) ? 'json' : 'ts'; }

/**
 * Runs `iterations` (or until `timeLimitMs`). Returns {iterations, failures, groups, stats}.
 * `groups`: one entry per (check, language family) with its count, first failure and reproducer.
 */
export function runFuzz({ iterations = 1000, seed = 1, timeLimitMs = Infinity, outDir, shrinkFailures = true, maxGroups = 40, shrinkBudget = {}, onProgress } = {}) {
  const t0 = Date.now();
  const stats = { parsed: 0, skipped: 0, fixed: 0 };
  const groups = new Map();
  let failures = 0;
  let done = 0;
  for (let i = 0; i < iterations; i++) {
    if (Date.now() - t0 > timeLimitMs) break;
    const { text, lang } = makeInput(seed, i);
    const found = checkInput(text, lang, stats);
    done++;
    if (found.length) {
      failures++;
      const seen = new Set();
      for (const f of found) {
        const key = `${f.key}/${familyOf(lang)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        let g = groups.get(key);
        if (!g) {
          if (groups.size >= maxGroups) continue;
          g = { key, check: f.check, tag: f.tag, lang, count: 0, seed, iteration: i, message: f.message, text };
          groups.set(key, g);
          if (shrinkFailures) {
            g.minimal = shrink(text, lang, f.key, shrinkBudget);
            const again = checkInput(g.minimal, lang).find((x) => x.key === f.key);
            g.minimalMessage = again?.message ?? f.message;
          }
          if (outDir) writeReproducer(outDir, g);
        }
        g.count++;
      }
    }
    if (onProgress && (i + 1) % 5000 === 0) onProgress({ done, failures, groups: groups.size, ms: Date.now() - t0 });
  }
  return { iterations: done, failures, groups: [...groups.values()], stats, ms: Date.now() - t0, seed };
}

function writeReproducer(outDir, g) {
  mkdirSync(outDir, { recursive: true });
  const base = `${g.key.replace(/[^\w-]+/g, '_')}-s${g.seed}-i${g.iteration}`;
  writeFileSync(path.join(outDir, `${base}.json`), JSON.stringify({
    check: g.check, tag: g.tag, lang: g.lang, seed: g.seed, iteration: g.iteration,
    message: g.message, minimalMessage: g.minimalMessage, minimal: g.minimal, original: g.text,
  }, null, 2) + '\n');
}

export function formatReport(res) {
  const lines = [];
  lines.push(`fuzz: seed ${res.seed}, ${res.iterations} iterations in ${(res.ms / 1000).toFixed(1)} s (${res.stats.parsed} parsed strictly, ${res.stats.skipped} skipped strictly, ${res.stats.fixed} fixed + re-checked)`);
  lines.push(`failures: ${res.failures} inputs, ${res.groups.length} distinct (check/language) groups`);
  for (const g of res.groups) {
    lines.push('');
    lines.push(`[${g.check}${g.tag ? ` ${g.tag}` : ''}] ${g.lang}: ${g.count} inputs; first at seed ${g.seed} iteration ${g.iteration}`);
    lines.push(`  ${g.minimalMessage ?? g.message}`);
    if (g.minimal !== undefined) lines.push(`  minimal reproducer (${g.lang}): ${JSON.stringify(g.minimal)}`);
    lines.push(`  reproduce: require('dist/core.js').analyzeDocument(<text>, '${g.lang}') — or node test/fuzz/fuzz-core.mjs --replay ${g.seed}:${g.iteration}`);
  }
  return lines.join('\n');
}

function parseArgv(argv) {
  const o = { iterations: 1000, seed: 1, timeLimitMs: Infinity, outDir: path.join(ROOT, 'test/fuzz/out'), quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => argv[++i];
    if (a === '--iterations') o.iterations = Number(v());
    else if (a === '--seed') o.seed = Number(v());
    else if (a === '--time-limit-ms') o.timeLimitMs = Number(v());
    else if (a === '--out') o.outDir = path.resolve(v());
    else if (a === '--quiet') o.quiet = true;
    else if (a === '--replay') o.replay = v();
    else if (a === '--help' || a === '-h') o.help = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

async function main() {
  const o = parseArgv(process.argv.slice(2));
  if (o.help) {
    process.stdout.write('node test/fuzz/fuzz-core.mjs [--iterations N] [--seed S] [--time-limit-ms MS] [--out DIR] [--quiet] [--replay SEED:ITERATION]\n');
    return 0;
  }
  if (o.replay) {
    const [s, it] = o.replay.split(':').map(Number);
    const { text, lang } = makeInput(s, it);
    process.stdout.write(`${lang}: ${JSON.stringify(text)}\n${JSON.stringify(checkInput(text, lang), null, 2)}\n`);
    return 0;
  }
  const res = runFuzz({
    iterations: o.iterations, seed: o.seed, timeLimitMs: o.timeLimitMs, outDir: o.outDir,
    onProgress: o.quiet ? undefined : (p) => process.stderr.write(`… ${p.done} iterations, ${p.failures} failing inputs, ${p.groups} groups, ${(p.ms / 1000).toFixed(0)} s\n`),
  });
  process.stdout.write(formatReport(res) + '\n');
  if (res.groups.length) process.stdout.write(`\nreproducers written to ${path.relative(process.cwd(), o.outDir) || '.'}/\n`);
  return res.failures ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().then((code) => { process.exitCode = code; }, (e) => { console.error(e); process.exitCode = 2; });
}
