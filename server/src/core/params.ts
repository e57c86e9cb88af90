import { milkyEntry, type FieldMap, type NapcatEntry, type ParamMap, type Scalar } from './catalog';
import type { Edit } from './edits';
import type { OutgoingMessage } from './message';
import type { Literal, ObjectInfo, PropInfo } from './scan/types';
import { cqHelperCall, cqHelperSource, hasCqHelper, plainTextSegmentsOf, renderSegmentsJson, renderSegmentsPy, renderSegmentsTs, type MilkySegmentValue } from './segments';

/** A step of a migration that a person has to do: nothing is guessed. */
export interface ManualStep {
  code: 'lookup' | 'required' | 'segments' | 'nonebot-message' | 'nonebot-event-data' | 'uri' | 'constant' | 'drop' | 'unknown' | 'conflict' | 'rename' | 'transform' | 'transport' | 'value' | 'alias' | 'duplicate' | 'checker';
  param?: string;
  field?: string | string[];
  value?: Scalar;
  note?: string;
}

export interface ParamMigration {
  edits: Edit[];
  manual: ManualStep[];
}

const URI = /^(https?|file|base64):\/\//;

function formatLiteral(v: Scalar, quote: string, py = false): string {
  if (typeof v === 'boolean' && py) return v ? 'True' : 'False';
  if (typeof v !== 'string') return String(v);
  const escaped = JSON.stringify(v).slice(1, -1);
  return quote === '"' ? `"${escaped}"` : `${quote}${escaped.replace(/\\"/g, '"').replace(new RegExp(quote, 'g'), `\\${quote}`)}${quote}`;
}

function formatKey(key: string, obj: ObjectInfo): string {
  return obj.syntax === 'json' ? `"${key}"` : obj.keyQuote ? `${obj.keyQuote}${key}${obj.keyQuote}` : key;
}

/** One Milky text segment as a Python list of dicts (keys quoted: they are dict keys even for keyword params). */
function pyTextSegment(value: string, obj: ObjectInfo): string {
  const q = obj.stringQuote;
  return `[{ ${formatLiteral('type', q)}: ${formatLiteral('text', q)}, ${formatLiteral('data', q)}: { ${formatLiteral('text', q)}: ${formatLiteral(value, q)} } }]`;
}

/** The new value text when a transform of a literal is mechanical, '' when the value stays, null when it needs a person. */
function transformValue(f: FieldMap, lit: Literal | undefined, prop: PropInfo, obj: ObjectInfo): string | null | '' {
  switch (f.code) {
    case 'copy':
      return '';
    case 'to_int':
      if (!lit || lit.kind === 'number') return '';
      if (lit.kind === 'string' && /^\d{1,15}$/.test(lit.value)) return String(Number(lit.value));
      return null;
    case 'to_bool':
      if (!lit || lit.kind === 'boolean') return '';
      if (lit.kind === 'string' && (lit.value === 'true' || lit.value === 'false')) return formatLiteral(lit.value === 'true', '', obj.syntax === 'py');
      return null;
    case 'to_string':
      if (!lit || lit.kind === 'string') return '';
      if (lit.kind === 'number') return formatLiteral(String(lit.value), obj.stringQuote);
      return null;
    case 'to_uri':
      return lit?.kind === 'string' && URI.test(lit.value) ? '' : null;
    case 'segments':
      // A message the segment conversion could not read: only an array of text segments stays as it is;
      // a plain Python string (no CQ code) is exactly one text segment.
      if (prop.textSegments) return '';
      if (obj.syntax === 'py' && lit?.kind === 'string' && !lit.value.includes('[CQ:')) return pyTextSegment(lit.value, obj);
      return null;
  }
  return null;
}

/** JSON on one line in the layout the fixes write elsewhere: `[{ "type": "text", "data": { "text": "hi" } }]`. */
function spacedJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(spacedJson).join(', ')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v);
    return entries.length ? `{ ${entries.map(([k, x]) => `${JSON.stringify(k)}: ${spacedJson(x)}`).join(', ')} }` : '{}';
  }
  return JSON.stringify(v);
}

/** The language a helper is written in: TypeScript (with types) or JavaScript. */
export type HelperLang = 'ts' | 'js';

export function helperLangOf(languageId: string | undefined): HelperLang {
  return languageId?.startsWith('javascript') ? 'js' : 'ts';
}

/**
 * The edits that turn the outgoing message into Milky segments: the value replaced by a segment
 * array (TS/JS in the file's quote style, or JSON), or by `cqToMilkySegments(expr)` with the helper
 * appended once to the file. 'unchanged' when the message already is Milky; null when it needs a person.
 */
export function messageEdits(msg: OutgoingMessage, text: string, eol: string, lang: HelperLang): Edit[] | 'unchanged' | null {
  const value = msg.value;
  const write = (newText: string): Edit => ({ start: value.start, end: value.end, newText: msg.prop.shorthand ? `${msg.prop.key}: ${newText}` : newText });
  if (msg.form === 'runtime') {
    const expr = msg.runtimeExpr ?? '';
    if (msg.autoEscape === 'unknown' || msg.syntax !== 'ts') return null;
    if (msg.autoEscape === true) return [write(renderSegmentsTs(plainTextSegmentsOf(expr), msg.quote))];
    const edits = [write(cqHelperCall(expr))];
    if (!hasCqHelper(text)) {
      const lead = /\r?\n$/.test(text) ? eol : text.length ? eol + eol : '';
      edits.push({ start: text.length, end: text.length, newText: lead + cqHelperSource(lang, msg.quote, eol) });
    }
    return edits;
  }
  if (!msg.complete || !msg.result || !msg.result.ok || msg.autoEscape === 'unknown') return null;
  const render = (segments: readonly MilkySegmentValue[]): string | null => {
    if (msg.syntax === 'ts') return renderSegmentsTs(segments, msg.quote);
    if (msg.syntax === 'py') return renderSegmentsPy(segments, msg.quote, msg.fquote);
    const j = renderSegmentsJson(segments);
    return j.ok ? spacedJson(JSON.parse(j.text)) : null;
  };
  let newText: string | null;
  const objects = msg.form === 'object' || msg.form === 'builder';
  if (objects && msg.parts.every((p) => p === undefined)) return 'unchanged';
  if (objects && msg.written.length === msg.parts.length && !msg.written.some((w) => w.segment.type === 'node')) {
    // Segments already in Milky's shape stay as written; the others are converted one by one.
    const items: string[] = [];
    for (let i = 0; i < msg.written.length; i++) {
      const p = msg.parts[i];
      const src = msg.written[i].source;
      if (!p) { if (!src) return null; items.push(text.slice(src.start, src.end)); continue; }
      if (!p.ok || p.kind !== 'segments') return null;
      const r = render(p.segments);
      if (r === null) return null;
      items.push(r.slice(1, -1));
    }
    newText = `[${items.filter((x) => x !== '').join(', ')}]`;
  } else newText = render(msg.result.segments);
  if (newText === null) return null;
  const edits = [write(newText)];
  return edits;
}

/**
 * Removes properties with the commas that join them to their neighbours. Consecutive removed
 * properties are removed as one range so that the edits never overlap.
 */
export function removeProps(obj: ObjectInfo, indices: number[], text: string): Edit[] {
  const edits: Edit[] = [];
  const remove = new Set(indices);
  for (let i = 0; i < obj.props.length; i++) {
    if (!remove.has(i)) continue;
    let j = i;
    while (remove.has(j + 1)) j++;
    const next = obj.props[j + 1];
    const prev = obj.props[i - 1];
    if (next) edits.push({ start: obj.props[i].propStart, end: next.propStart, newText: '' });
    else if (prev) edits.push({ start: prev.propEnd, end: obj.props[j].propEnd, newText: '' });
    else {
      // Every property goes: also drop a trailing comma after the last one.
      let end = obj.props[j].propEnd;
      const m = /^\s*,/.exec(text.slice(end, obj.end));
      if (m) end += m[0].length;
      edits.push({ start: obj.props[i].propStart, end, newText: '' });
    }
    i = j;
  }
  return edits;
}

/** Inserts properties right after `{`, matching the object's layout. */
function insertProps(obj: ObjectInfo, entries: [string, Scalar][], text: string, eol: string, allRemoved: boolean): Edit {
  if (obj.kwargs) return insertKwargs(obj, obj.kwargs, entries, text, eol, allRemoved);
  const items = entries.map(([k, v]) => `${formatKey(k, obj)}: ${formatLiteral(v, obj.stringQuote, obj.syntax === 'py')}`);
  if (obj.props.length === 0 || allRemoved) return { start: obj.start + 1, end: obj.end - 1, newText: ` ${items.join(', ')} ` };
  const firstStart = obj.props[0].propStart;
  const lead = text.slice(obj.start + 1, firstStart);
  if (/[\r\n]/.test(lead)) {
    const indent = /[^\r\n]*$/.exec(lead)![0];
    return { start: obj.start + 1, end: obj.start + 1, newText: items.map((s) => `${eol}${indent}${s},`).join('') };
  }
  return { start: obj.start + 1, end: obj.start + 1, newText: lead.length ? ` ${items.join(', ')},` : `${items.join(', ')}, ` };
}

/** Python keyword arguments: `key=value`, appended after the last argument (never before a positional one). */
function insertKwargs(obj: ObjectInfo, kw: { appendAt: number; hasArgs: boolean }, entries: [string, Scalar][], text: string, eol: string, allRemoved: boolean): Edit {
  const items = entries.map(([k, v]) => `${k}=${formatLiteral(v, obj.stringQuote, true)}`);
  if (allRemoved && obj.props.length) {
    // Every keyword goes: the new ones take their place (the scanner only accepts contiguous keywords).
    return { start: obj.props[0].propStart, end: obj.props[obj.props.length - 1].propEnd, newText: items.join(', ') };
  }
  const at = kw.appendAt;
  if (!kw.hasArgs) return { start: at, end: at, newText: items.join(', ') };
  // One argument per line: the new ones too, at the indentation of the last argument's line.
  const lineStart = Math.max(text.lastIndexOf('\n', at - 1), text.lastIndexOf('\r', at - 1)) + 1;
  if (lineStart > obj.start) {
    const indent = /^[ \t]*/.exec(text.slice(lineStart, at))?.[0] ?? '';
    return { start: at, end: at, newText: items.map((i) => `,${eol}${indent}${i}`).join('') };
  }
  return { start: at, end: at, newText: `, ${items.join(', ')}` };
}

/** Manual steps when the params are known only at run time: what a person has to do with them. */
function opaqueSteps(map: ParamMap, constants: Record<string, Scalar>): ManualStep[] {
  const manual: ManualStep[] = map.milky_required_without_source.map((f) => ({ code: 'required', field: f }));
  for (const [param, f] of Object.entries(map.fields)) {
    if (f.code === 'msg_lookup' || Array.isArray(f.milky_field)) manual.push({ code: 'lookup', param, field: f.milky_field });
    else if (f.milky_field !== param) manual.push({ code: 'rename', param, field: f.milky_field });
    else if (f.code === 'segments') manual.push({ code: 'segments', param });
  }
  for (const [k, v] of Object.entries(constants)) manual.push({ code: 'constant', field: k, value: v });
  for (const p of map.napcat_params_without_target) manual.push({ code: 'drop', param: p });
  return manual;
}

/**
 * Migrates a NapCat params object to what `target` takes, as far as that is mechanical.
 * Everything else becomes a manual step and the text stays as it is.
 */
export function migrateParams(e: NapcatEntry, target: string, obj: ObjectInfo | undefined, text: string, eol: string, decidedBySelector: boolean, message?: OutgoingMessage, lang: HelperLang = 'ts'): ParamMigration {
  const edits: Edit[] = [];
  const map = e.params[target];
  const constants = e.constants[target] ?? {};
  const endpoint = milkyEntry(target);
  if (!map) {
    const manual: ManualStep[] = [];
    if (obj && endpoint && obj.props.some((p) => !endpoint.input.some((f) => f.name === p.key))) manual.push({ code: 'unknown' });
    for (const [k, v] of Object.entries(constants)) manual.push({ code: 'constant', field: k, value: v });
    return { edits, manual };
  }
  if (!obj) return { edits, manual: opaqueSteps(map, constants) };
  const manual: ManualStep[] = map.milky_required_without_source.map((f) => ({ code: 'required', field: f }));
  const accepted = new Set(endpoint?.input.map((f) => f.name) ?? []);
  const present = new Map(obj.props.map((p) => [p.key, p] as const));
  const fieldUse = new Map<string, number>();
  for (const p of obj.props) {
    const f = map.fields[p.key];
    if (f && typeof f.milky_field === 'string') fieldUse.set(f.milky_field, (fieldUse.get(f.milky_field) ?? 0) + 1);
  }
  const add: [string, Scalar][] = [];
  const removed: number[] = [];
  obj.props.forEach((p, index) => {
    const f = map.fields[p.key];
    if (f) {
      if (f.code === 'msg_lookup' || Array.isArray(f.milky_field)) { manual.push({ code: 'lookup', param: p.key, field: f.milky_field }); return; }
      if (f.code === null) { manual.push({ code: 'transform', param: p.key, field: f.milky_field, note: f.transform }); return; }
      if ((fieldUse.get(f.milky_field) ?? 0) > 1) { manual.push({ code: 'conflict', param: p.key, field: f.milky_field }); return; }
      if (f.code === 'segments' && message && message.prop === p) {
        const m = messageEdits(message, text, eol, lang);
        if (m === null) manual.push({ code: 'segments', param: p.key, field: f.milky_field });
        else if (m !== 'unchanged') edits.push(...m);
        return;
      }
      // The Milky key is already written: a rename would repeat it (a SyntaxError for Python keywords).
      if (f.milky_field !== p.key && present.has(f.milky_field)) { manual.push({ code: 'conflict', param: p.key, field: f.milky_field }); return; }
      const newValue = transformValue(f, p.value, p, obj);
      if (newValue === null) { manual.push({ code: f.code === 'to_uri' ? 'uri' : f.code === 'segments' ? 'segments' : 'value', param: p.key, field: f.milky_field }); return; }
      if (f.milky_field !== p.key) {
        if (p.shorthand) edits.push({ start: p.propStart, end: p.propEnd, newText: `${formatKey(f.milky_field, obj)}: ${p.key}` });
        else edits.push({ start: p.keyStart, end: p.keyEnd, newText: p.keyQuote ? `${p.keyQuote}${f.milky_field}${p.keyQuote}` : f.milky_field });
      }
      if (newValue && !p.shorthand) edits.push({ start: p.valueStart, end: p.valueEnd, newText: newValue });
      return;
    }
    const selectorParam = map.napcat_params_used_by_selector.includes(p.key);
    if ((map.napcat_params_without_target.includes(p.key) || selectorParam) && !accepted.has(p.key)) {
      if (p.value && (!selectorParam || decidedBySelector)) removed.push(index);
      else manual.push({ code: 'drop', param: p.key });
      return;
    }
    if (!accepted.has(p.key) && !(p.key in constants)) manual.push({ code: 'unknown', param: p.key });
  });
  // Absent NapCat params whose Milky field needs a value anyway (`when_absent` in the map).
  for (const [param, f] of Object.entries(map.fields)) {
    if (present.has(param) || typeof f.milky_field !== 'string' || present.has(f.milky_field) || !f.when_absent || obj.open) continue;
    if ('emit' in f.when_absent) add.push(...Object.entries(f.when_absent.emit));
    else add.push([f.milky_field, f.when_absent.fill]);
  }
  for (const [k, v] of Object.entries(constants)) if (!present.has(k)) add.push([k, v]);
  if (add.length && removed.length && removed.length === obj.props.length) return { edits: [insertProps(obj, add, text, eol, true)], manual };
  edits.push(...removeProps(obj, removed, text));
  if (add.length) edits.push(insertProps(obj, add, text, eol, false));
  return { edits, manual };
}
