// Builds the compact segment table the core reads at run time (send side only) from
// data/reference/protocol/segments.json. Pure: returns data; scripts/generate.mjs writes it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = 'data/reference/protocol/segments.json';

/** "node (custom) / send_forward_msg params" → ["node"]; "miniapp / lightapp" → both names. */
function typeNames(written) {
  return written
    .split(' / ')
    .map((s) => s.replace(/\s*\(.*\)\s*$/, '').trim())
    .filter((s) => /^[a-z_]+$/.test(s))
    .filter((s, i, all) => all.indexOf(s) === i);
}

/** "url / cache / proxy" → names; "type ('flash')" → type; "news[].text" → news; "config.token" → config. */
function fieldNames(written) {
  return written
    .split(/\s*\/\s*|\s*\|\s*/)
    .map((s) => s.replace(/\s*\(.*\)\s*$/, '').replace(/\[\]\..*$/, '').replace(/\..*$/, '').trim());
}

/** The reference's free-text transform → one transform kind (a new spelling must be classified here). */
function transformKind(row) {
  const t = row.transform;
  if (row.status === 'needs-lookup') return { transform: 'lookup' };
  if (t === 'drop') return { transform: 'none' };
  if (t === 'copy' || t === 'rename') return { transform: 'rename' };
  if (t === 'rename; String(v)') return { transform: 'to_string' };
  if (t === 'to_uri' || t === 'rename + to_uri') return { transform: 'to_uri' };
  if (t === 'to_int' || t === 'rename + to_int') return { transform: 'to_int' };
  if (t === 'rename + stringify') return { transform: 'to_json_string' };
  if (t === 'segments') return { transform: 'segments' };
  if (t === 'map to string[]') return { transform: 'text_list' };
  if (t.startsWith('enum_map ')) {
    const values = {};
    for (const m of t.matchAll(/(\d+)\s*:\s*'([a-z_]+)'/g)) values[m[1]] = m[2];
    if (!Object.keys(values).length) throw new Error(`segments: unreadable enum map ${t}`);
    return { transform: 'enum', values };
  }
  throw new Error(`segments: unclassified transform "${t}" (${row.onebot.type}.${row.onebot.field})`);
}

/** Milky field as the table names it: "messages[].user_id" → user_id (node fields are per message). */
function milkyField(field) {
  return field.replace(/^messages\[\]\./, '').replace(/\[\]$/, '');
}

export function buildSegmentTable() {
  const ref = JSON.parse(readFileSync(path.join(root, SOURCE), 'utf8'));
  const require = createRequire(import.meta.url);
  const milkyTypesVersion = JSON.parse(readFileSync(require.resolve('@saltify/milky-types/package.json'), 'utf8')).version;
  const fmt = ref.cq_code.onebot_string_format;
  const types = {};
  const entry = (name) => (types[name] ??= { status: 'none', milky: [], fields: {}, split: null, alternative: null, note: null, sendable: false });

  // Every OneBot/NapCat type the reference lists, so a receive-only type sent by a bot is still known.
  for (const seg of ref.onebot_segments) for (const name of typeNames(seg.type)) {
    const e = entry(name);
    e.sendable ||= Boolean(seg.napcat?.send);
    e.onebotFields = [...new Set([...(e.onebotFields ?? []), ...seg.fields.filter((f) => f.dir !== 'receive').flatMap((f) => fieldNames(f.name))])];
  }
  // Per-type verdicts of the send side; a type listed twice ("node (custom)" / "node (reference)") keeps the first.
  for (const v of ref.type_summary) {
    if (v.direction !== 'send') continue;
    for (const name of typeNames(v.onebot_type)) {
      const e = entry(name);
      if (e.verdictFrom) continue;
      e.verdictFrom = v.onebot_type;
      e.status = v.verdict;
      if (v.note) e.note = v.note;
    }
  }
  for (const row of ref.mapping) {
    if (row.direction !== 'send') continue;
    for (const name of typeNames(row.onebot.type)) {
      const e = entry(name);
      if (row.alternative && !e.alternative && (row.status === 'none' || row.onebot.field === 'id' || row.milky === null)) e.alternative = row.alternative;
      if (!e.verdictFrom && row.status) { e.status = row.status; e.verdictFrom = 'mapping'; }
      if (!e.note && row.note && (row.status === 'none' || row.onebot.field === null)) e.note = row.note;
      if (row.milky?.type && !e.milky.includes(row.milky.type)) e.milky.push(row.milky.type);
      if (row.onebot.field === null) continue;
      if (row.transform === 'no segment' || (row.transform === 'api_call' && row.status === 'none')) continue;
      if (row.transform === 'split_by_value') {
        const m = /^(\w+)\s*=\s*'([^']*)'$/.exec(row.onebot.field);
        if (!m) throw new Error(`segments: unreadable split ${row.onebot.field}`);
        e.split = { field: m[1], value: m[2], milky: row.milky.type };
        continue;
      }
      const kind = transformKind(row);
      for (const f of fieldNames(row.onebot.field)) {
        if (e.fields[f] && e.fields[f].transform !== 'none') continue;
        e.fields[f] = { milky: row.milky ? milkyField(row.milky.field) : null, ...kind };
      }
    }
  }
  // A type whose only rows say "none" has no Milky type, whatever a drop row named.
  for (const e of Object.values(types)) {
    if (e.status === 'none') e.milky = [];
    delete e.verdictFrom;
  }
  const milkyFields = {};
  for (const s of ref.milky_outgoing_segments) milkyFields[s.type] = s.fields.map((f) => ({ name: f.name, optional: f.optional }));
  const sorted = Object.fromEntries(Object.keys(types).sort().map((k) => [k, types[k]]));
  return {
    source: SOURCE,
    milkyTypesVersion,
    milkyOutgoing: ref.milky_outgoing_segments.map((s) => s.type),
    milkyFields,
    milkyForwardedMessage: ref.milky_outgoing_forwarded_message.map((f) => ({ name: f.name, optional: f.optional })),
    escapes: {
      text: Object.entries(fmt.escape_text),
      param: Object.entries(fmt.escape_param_values),
    },
    types: sorted,
  };
}
