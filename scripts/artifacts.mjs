// Renders every generated file from the catalog. Each entry: repo-relative path → full text.
// One source of truth: the catalog drives snippets, the grammar and the README table.
import { renderCatalogTs, runtimeCatalog } from './catalog-runtime.mjs';

const byLengthDesc = (a, b) => b.length - a.length || (a < b ? -1 : 1);
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function placeholder(field, n, json, py = false) {
  const t = field.type;
  if (t === 'integer' || t === 'number') return `\${${n}:0}`;
  if (t === 'boolean') return py ? `\${${n}|False,True|}` : `\${${n}|false,true|}`;
  if (py && t === 'OutgoingSegment[]') return `[{'type': 'text', 'data': {'text': '\${${n}}'}}]`;
  if (t.startsWith('"')) return json ? `"\${${n}|${t.split(' | ').map((x) => JSON.parse(x)).join(',')}|}"` : `'\${${n}|${t.split(' | ').map((x) => JSON.parse(x)).join(',')}|}'`;
  if (t === 'OutgoingSegment[]') return json ? `[{ "type": "text", "data": { "text": "\${${n}}" } }]` : `[{ type: 'text', data: { text: '\${${n}}' } }]`;
  if (t === 'array') return `[\${${n}}]`;
  return json ? `"\${${n}}"` : `'\${${n}}'`;
}

function snippets(catalog, cqHelper) {
  const ts = {};
  const json = {};
  const py = {};
  // Contributed snippet files ignore `scope`: TS and JS get files of their own.
  for (const [name, e] of Object.entries(catalog.milky)) {
    const required = e.input.filter((f) => !f.optional);
    const tsParams = required.map((f, i) => `${f.name}: ${placeholder(f, i + 1, false)}`).join(', ');
    const jsonParams = required.map((f, i) => `"${f.name}": ${placeholder(f, i + 1, true)}`).join(', ');
    const desc = `Milky ${name} — ${e.labelEn} / ${e.labelZh}${required.length ? ` (required: ${required.map((f) => f.name).join(', ')})` : ''}`;
    ts[`Milky ${name}`] = { prefix: `milky-${name}`, body: [`await callMilky('${name}', ${tsParams ? `{ ${tsParams} }` : '{}'});$0`], description: desc };
    json[`Milky ${name}`] = { prefix: `milky-${name}`, body: [jsonParams ? `{ ${jsonParams} }$0` : '{}$0'], description: `${desc}: request body of POST /api/${name}` };
    // Python: keyword arguments of the call_milky helper below (Milky's field names are plain identifiers).
    const pyParams = required.map((f, i) => `, ${f.name}=${placeholder(f, i + 1, false, true)}`).join('');
    py[`Milky ${name}`] = { prefix: `milky-${name}`, body: [`await call_milky('${name}'${pyParams})$0`], description: desc };
  }
  const helper = (typed) => [
    `const MILKY_BASE = '\${1:http://127.0.0.1:3000}';`,
    `const MILKY_TOKEN = '\${2}';`,
    '',
    '/** Calls a Milky endpoint: POST {base}/api/{endpoint} with a JSON body and a Bearer token. */',
    typed
      ? 'async function callMilky<T = unknown>(endpoint: string, params: Record<string, unknown> = {}): Promise<T> {'
      : 'async function callMilky(endpoint, params = {}) {',
    '  const res = await fetch(`\\${MILKY_BASE}/api/\\${endpoint}`, {',
    "    method: 'POST',",
    "    headers: { 'Content-Type': 'application/json', ...(MILKY_TOKEN ? { Authorization: `Bearer \\${MILKY_TOKEN}` } : {}) },",
    '    body: JSON.stringify(params),',
    '  });',
    '  if (!res.ok) throw new Error(`Milky \\${endpoint}: HTTP \\${res.status}`);',
    typed
      ? "  const body = (await res.json()) as { status: 'ok' | 'failed'; retcode: number; data?: T; message?: string };"
      : '  const body = await res.json();',
    "  if (body.status !== 'ok') throw new Error(`Milky \\${endpoint}: \\${body.retcode} \\${body.message ?? ''}`);",
    typed ? '  return body.data as T;' : '  return body.data;',
    '}',
    '$0',
  ];
  const js = { ...ts };
  ts['Milky client helper (TypeScript)'] = { prefix: 'milky-client', body: helper(true), description: 'A typed callMilky(endpoint, params) helper over fetch (POST {base}/api/{endpoint}, Bearer token)' };
  js['Milky client helper (JavaScript)'] = { prefix: 'milky-client', body: helper(false), description: 'A callMilky(endpoint, params) helper over fetch (POST {base}/api/{endpoint}, Bearer token)' };
  py['Milky client helper (Python)'] = { prefix: 'milky-client', body: pyHelper(), description: 'An async call_milky(endpoint, **params) helper over httpx (POST {base}/api/{endpoint}, Bearer token)' };
  if (cqHelper) {
    const lines = (src) => src.replace(/\$/g, '\\$').split('\n').filter((l, i, all) => i < all.length - 1 || l !== '');
    ts['Milky CQ string helper (TypeScript)'] = { prefix: 'milky-cq-helper', body: lines(cqHelper.ts), description: 'cqToMilkySegments(text): a OneBot CQ string → Milky 1.2 segments at run time (no import, no dependency)' };
    js['Milky CQ string helper (JavaScript)'] = { prefix: 'milky-cq-helper', body: lines(cqHelper.js), description: 'cqToMilkySegments(text): a OneBot CQ string → Milky 1.2 segments at run time (no import, no dependency)' };
  }
  const out = (o) => JSON.stringify(o, null, 2) + '\n';
  return { ts: out(ts), js: out(js), json: out(json), py: out(py) };
}

/** The Python twin of callMilky: an async helper over httpx, the client the raw-HTTP bots already use. */
function pyHelper() {
  return [
    'import httpx',
    '',
    "MILKY_BASE = '${1:http://127.0.0.1:3000}'",
    "MILKY_TOKEN = '${2}'",
    '',
    '',
    'async def call_milky(endpoint: str, **params):',
    '    """Calls a Milky endpoint: POST {base}/api/{endpoint} with a JSON body and a Bearer token."""',
    "    headers = {'Authorization': f'Bearer {MILKY_TOKEN}'} if MILKY_TOKEN else {}",
    '    async with httpx.AsyncClient() as client:',
    "        res = await client.post(f'{MILKY_BASE}/api/{endpoint}', json=params, headers=headers)",
    '    res.raise_for_status()',
    '    body = res.json()',
    "    if body.get('status') != 'ok':",
    "        raise RuntimeError(f\"Milky {endpoint}: {body.get('retcode')} {body.get('message', '')}\")",
    "    return body.get('data')",
    '$0',
  ];
}

function grammar(catalog) {
  const milky = Object.keys(catalog.milky).sort(byLengthDesc);
  const napcatOnly = Object.keys(catalog.napcat).filter((n) => !catalog.milky[n]).sort(byLengthDesc);
  // The name right after a quote, `/` or `.`; or, for a string chunk a grammar takes in one token (a Python
  // f-string's text between braces), the path text from the chunk's start up to the name is matched too and
  // only the name is scoped. No whitespace in that path text: prose stays plain.
  const word = (names) => `(?:(?<=[\"'\`/.])|(?<=[\"'\`}])[^\\s\"'\`{}\\\\]*[/.])(${names.map(escapeRe).join('|')})(?=[\"'\`?#])`;
  const rule = (names, name) => ({ match: word(names), captures: { 1: { name } } });
  return JSON.stringify({
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    scopeName: 'napcat-milky.injection',
    comment: 'Generated by scripts/generate.mjs from the catalog: do not edit by hand.',
    // Python: a docstring (any statement that is only a string) is prose, like a comment; an f-string's text
    // chunks are tokens of their own inside meta.fstring.python (no string scope around them while matching).
    injectionSelector: 'L:string -comment -string.quoted.docstring, L:meta.fstring.python -comment',
    patterns: [{ include: '#napcat' }, { include: '#milky' }],
    repository: {
      napcat: rule(napcatOnly, 'invalid.deprecated.napcat-action.napcat-milky'),
      milky: rule(milky, 'support.function.milky-endpoint.napcat-milky'),
    },
  }, null, 2) + '\n';
}

function readmeTable(catalog) {
  const rows = ['| 接口说明 | English | NapCat | Milky 1.2 | kind |', '|---|---|---|---|---|'];
  for (const r of catalog.rows) {
    const napcat = r.napcat.length ? r.napcat.map((n) => `\`${n}\``).join(' / ') : '无';
    const milky = r.milky.length ? r.milky.map((m) => `\`${m}\``).join(' / ') : r.milkyCandidates.length ? `无 (Milky 1.2: ${r.milkyCandidates.map((m) => `\`${m}\``).join(' / ')})` : '无';
    const en = r.napcat.length ? catalog.napcat[r.napcat[0]].labelEn : (catalog.milky[r.milky[0]]?.labelEn ?? '');
    const kinds = [...new Set(r.napcat.map((n) => catalog.napcat[n].kind))].join(', ') || '— (Milky only)';
    const up = r.napcat.filter((n) => catalog.napcat[n].upstream?.notInSource).map((n) => `\`${n}\``);
    rows.push(`| ${r.labelZh} | ${en} | ${napcat} | ${milky} | ${kinds}${up.length ? ` ¹` : ''} |`);
  }
  const counts = {};
  for (const e of Object.values(catalog.napcat)) counts[e.kind] = (counts[e.kind] ?? 0) + 1;
  rows.push('');
  rows.push(`${catalog.rows.length} rows, ${Object.keys(catalog.napcat).length} NapCat names (${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}), ${new Set(catalog.rows.flatMap((r) => r.milky)).size} Milky names in the table; Milky ${catalog.milkyVersion} has ${Object.keys(catalog.milky).length} endpoints (\`@saltify/milky-types\` ${catalog.milkyTypesVersion}).`);
  rows.push('');
  rows.push('¹ the table lists a NapCat name that NapCat itself does not have; it is still reported with the table\'s kind.');
  return rows.join('\n');
}

/** The segment table: each OneBot/NapCat send-side type, what Milky makes of it, its field map. */
function segmentsTable(table) {
  const rows = ['| OneBot / NapCat | Milky 1.2 | fields | |', '|---|---|---|---|'];
  for (const [type, r] of Object.entries(table.types).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const milky = r.milky.length ? r.milky.map((m) => `\`${m}\``).join(' / ') : '无 (none)';
    const fields = Object.entries(r.fields).filter(([, f]) => f.milky !== null || f.transform === 'lookup').map(([k, f]) => (f.transform === 'lookup' ? `\`${k}\` → lookup` : f.milky === k ? `\`${k}\`` : `\`${k}\` → \`${f.milky}\``)).join(', ');
    const how = r.status === 'mechanical' ? 'fixed' : r.status === 'needs-lookup' ? 'by hand (lookup)' : (r.alternative ? `by hand: ${r.alternative.replace(/\|/g, '\\|')}` : 'by hand');
    rows.push(`| \`${type}\` | ${milky} | ${fields || '—'} | ${how} |`);
  }
  rows.push('');
  rows.push(`${Object.keys(table.types).length} OneBot/NapCat types; Milky ${'1.2'} sends ${table.milkyOutgoing.length} (\`@saltify/milky-types\` ${table.milkyTypesVersion}). CQ escapes: ${table.escapes.param.map(([c, e]) => `\`${e}\` = \`${c}\``).join(', ')}.`);
  return rows.join('\n');
}

const SEG_START = '<!-- generated:segments:start -->';
const SEG_END = '<!-- generated:segments:end -->';
const START = '<!-- generated:table:start -->';
const END = '<!-- generated:table:end -->';

export function renderArtifacts(catalog, readCurrent, extra = {}) {
  const s = snippets(catalog, extra.cqHelper);
  const out = {
    'server/src/core/catalog/catalog.generated.ts': renderCatalogTs(runtimeCatalog(catalog)),
    'snippets/milky-ts.code-snippets': s.ts,
    'snippets/milky-js.code-snippets': s.js,
    'snippets/milky-json.code-snippets': s.json,
    'snippets/milky-py.code-snippets': s.py,
    'syntaxes/napcat-milky.injection.tmLanguage.json': grammar(catalog),
  };
  const readme = readCurrent('README.md');
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  let next = a >= 0 && b > a ? readme.slice(0, a + START.length) + '\n' + readmeTable(catalog) + '\n' + readme.slice(b) : readme;
  const c = next.indexOf(SEG_START);
  const d = next.indexOf(SEG_END);
  if (extra.segmentTable && c >= 0 && d > c) next = next.slice(0, c + SEG_START.length) + '\n' + segmentsTable(extra.segmentTable) + '\n' + next.slice(d);
  if (next !== readme || (a >= 0 && b > a)) out['README.md'] = next;
  return out;
}
