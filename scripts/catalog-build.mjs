// Builds the catalog (the one source of truth for names) from the reference data in data/ and the
// official Milky schemas in @saltify/milky-types. Pure: returns data; scripts/generate.mjs writes it.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const readJson = (p) => JSON.parse(readFileSync(path.join(root, p), 'utf8'));

/** Describes one zod 4 field schema as {type, optional, default?}. */
function describeField(schema) {
  let def = schema.def;
  let optional = false;
  let dflt;
  let hasDefault = false;
  for (;;) {
    if (def.type === 'pipe') def = def.in.def;
    else if (def.type === 'default') { hasDefault = true; dflt = typeof def.defaultValue === 'function' ? def.defaultValue() : def.defaultValue; optional = true; def = def.innerType.def; }
    else if (def.type === 'optional' || def.type === 'nullable') { if (def.type === 'optional') optional = true; def = def.innerType.def; }
    else break;
  }
  let type;
  switch (def.type) {
    case 'number': {
      const checks = (def.checks ?? []).map((c) => c.def ?? c._zod?.def ?? c);
      type = checks.some((c) => c && typeof c.format === 'string' && /int/.test(c.format)) ? 'integer' : 'number';
      break;
    }
    case 'enum': type = Object.values(def.entries).map((v) => JSON.stringify(v)).join(' | '); break;
    case 'array': type = 'array'; break;
    default: type = def.type;
  }
  const out = { type, optional };
  if (hasDefault) out.default = dflt;
  return out;
}

export async function loadMilkyEndpoints() {
  const require = createRequire(import.meta.url);
  const mt = await import(require.resolve('@saltify/milky-types'));
  const endpoints = {};
  for (const [category, group] of Object.entries(mt.zodApiCategories)) {
    for (const [name, api] of Object.entries(group.apis)) {
      const input = [];
      if (api.requestSchema) {
        for (const [field, schema] of Object.entries(api.requestSchema.def.shape)) input.push({ name: field, ...describeField(schema) });
      }
      if (name === 'send_private_message' || name === 'send_group_message') {
        for (const f of input) if (f.name === 'message') f.type = 'OutgoingSegment[]';
      }
      const output = api.responseSchema?.def?.shape ? Object.keys(api.responseSchema.def.shape) : [];
      endpoints[name] = { category, labelZh: api.description ?? '', input, output };
    }
  }
  return { milkyVersion: mt.milkyVersion, packageVersion: mt.milkyPackageVersion ?? null, endpoints };
}

const union = (a, b) => [...new Set([...a, ...b])];

export async function buildCatalog() {
  const rows = readJson('data/reference/mapping.json');
  const napcatActions = readJson('data/reference/napcat-actions.json').actions;
  const labels = existsSync(path.join(root, 'data/labels.json')) ? readJson('data/labels.json') : { napcat: {}, milky: {} };
  const milky = await loadMilkyEndpoints();
  const actionByName = new Map(napcatActions.map((a) => [a.name.replace(/^\./, ''), a]));

  const napcat = {};
  rows.forEach((row, rowIndex) => {
    for (const name of row.napcat) {
      const e = (napcat[name] ??= { rows: [], tableMilky: [], milky: [], labelZh: row.description_zh, params: {}, selector: null, upstream: null, spelling: null, note: null, napcatParams: null });
      e.rows.push(rowIndex);
      if (!e.labelZh.split(' / ').includes(row.description_zh)) e.labelZh += ` / ${row.description_zh}`;
      e.tableMilky = union(e.tableMilky, row.milky);
      e.milky = union(e.milky, [...row.milky, ...(row.milky_candidates ?? [])]);
      if (row.selector && (row.selector.napcat === name || row.selector.napcat === undefined || row.selector.cases.some((c) => c.when === name))) {
        e.selector = row.selector;
        for (const c of row.selector.cases) if (typeof c.milky === 'string') e.milky = union(e.milky, [c.milky]);
      }
      if (row.params?.[name]) for (const [target, map] of Object.entries(row.params[name])) e.params[target] = map;
      const up = row.upstream_check;
      if (up) {
        const notInSource = (up.napcat_not_in_napcat_source ?? []).includes(name);
        const notInDocs = (up.napcat_not_in_api_md ?? []).includes(name);
        if (notInSource || notInDocs) e.upstream = { notInSource, notInDocs };
        if (up.upstream_spelling?.[name]) e.spelling = up.upstream_spelling[name];
      }
      if (row.note && row.napcat.length === 1) e.note = row.note;
    }
  });
  for (const [name, e] of Object.entries(napcat)) {
    e.kind = e.tableMilky.includes(name) ? 'same-name' : e.tableMilky.length === 0 ? 'no-counterpart' : e.tableMilky.length === 1 ? 'mapped' : 'ambiguous';
    const action = actionByName.get(name);
    e.napcatParams = action ? action.params.map((p) => ({ name: p.name, type: p.type, required: p.required })) : null;
    e.inNapcat = Boolean(action && action.in_source);
    const l = labels.napcat[name] ?? {};
    e.labelEn = l.en ?? name;
    e.whyEn = l.why_en ?? null;
    e.whyZh = l.why_zh ?? null;
    e.upstreamEn = labels.upstream?.[name]?.en ?? null;
    e.upstreamZh = labels.upstream?.[name]?.zh ?? null;
  }
  for (const [name, ep] of Object.entries(milky.endpoints)) {
    const l = labels.milky[name] ?? {};
    Object.assign(ep, { labelEn: l.en ?? name, labelZh: l.zh ?? ep.labelZh, docEn: l.doc_en ?? '', docZh: l.doc_zh ?? '' });
  }
  const seedRows = rows.map((r) => ({ labelZh: r.description_zh, napcat: r.napcat, milky: r.milky, milkyCandidates: r.milky_candidates ?? [] }));
  return {
    milkyVersion: milky.milkyVersion,
    milkyTypesVersion: JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@saltify/milky-types/package.json'), 'utf8')).version,
    napcat,
    milky: milky.endpoints,
    rows: seedRows,
    transforms: labels.transforms ?? {},
  };
}
