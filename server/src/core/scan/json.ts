import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { anyNamePattern, milkyNames, resolveNapcat } from '../catalog';
import { exceedsNesting, MAX_NESTING } from '../nesting';
import { findEmbeddedActions, findPathNames, looksLikePathText } from './paths';
import type { Literal, ObjectInfo, PropInfo, ScanResult, Site } from './types';

export interface JsonScanOptions {
  tolerant?: boolean;
  /** Parse even when the prefilter finds no name (to learn whether the text parses). */
  alwaysParse?: boolean;
}

/** Scans JSON and JSONC (comments are never looked at: the parser skips them). */
export function scanJson(text: string, options: JsonScanOptions = {}): ScanResult {
  if (!options.alwaysParse && !anyNamePattern.test(text)) return { sites: [] };
  if (exceedsNesting(text)) return { sites: [], syntaxError: `too deeply nested (over ${MAX_NESTING} levels)`, fatal: true };
  const errors: ParseError[] = [];
  let root: JsonNode | undefined;
  try {
    root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  } catch (e) {
    return { sites: [], syntaxError: e instanceof RangeError ? 'too deeply nested to parse' : `parser failed: ${String(e)}`, fatal: true };
  }
  let syntaxError: string | undefined;
  if (errors.length) {
    const e = errors[0];
    syntaxError = `JSON syntax error (${printParseErrorCode(e.error)}) at offset ${e.offset}`;
    if (!options.tolerant) return { sites: [], syntaxError };
  }
  if (!root) return { sites: [], syntaxError };
  const sites: Site[] = [];
  try {
    walk(root, text, sites);
  } catch (e) {
    if (e instanceof RangeError) return { sites: [], syntaxError: 'too deeply nested to analyze', fatal: true };
    throw e;
  }
  sites.sort((a, b) => a.start - b.start);
  return { sites, syntaxError };
}

function rawContent(node: JsonNode, text: string): { raw: string; start: number; end: number } {
  const start = node.offset + 1;
  const end = text[node.offset + node.length - 1] === '"' && node.length > 1 ? node.offset + node.length - 1 : node.offset + node.length;
  return { raw: text.slice(start, end), start, end };
}

function walk(node: JsonNode, text: string, sites: Site[]): void {
  // An explicit stack: JSON may nest deeper than the call stack allows.
  const todo: JsonNode[] = [node];
  while (todo.length) {
    const n = todo.pop()!;
    if (n.type === 'object' || n.type === 'array') {
      for (const c of n.children ?? []) todo.push(c);
    } else if (n.type === 'property') {
      const [keyNode, valueNode] = n.children ?? [];
      if (keyNode) onKey(keyNode, text, sites);
      if (valueNode) {
        if (valueNode.type === 'string') onString(valueNode, text, sites, keyNode?.value as string | undefined, n);
        else todo.push(valueNode);
      }
    } else if (n.type === 'string') {
      onString(n, text, sites, undefined, undefined);
    }
  }
}

function onKey(keyNode: JsonNode, text: string, sites: Site[]): void {
  const { raw, start, end } = rawContent(keyNode, text);
  if (resolveNapcat(raw)) sites.push({ start, end, written: raw, callSite: 'key' });
  else if (looksLikePathText(raw)) {
    // OpenAPI-style path keys: `"/send_group_msg": {…}`.
    for (const p of findPathNames(raw, true)) sites.push({ start: start + p.offset, end: start + p.offset + p.written.length, written: p.written, callSite: 'url', apiPrefix: p.apiPrefix });
  }
}

function onString(node: JsonNode, text: string, sites: Site[], key: string | undefined, prop: JsonNode | undefined): void {
  const { raw, start, end } = rawContent(node, text);
  if (resolveNapcat(raw) || milkyNames.has(raw)) {
    if (key === 'echo') return;
    const site: Site = { start, end, written: raw, callSite: key === 'action' ? 'action' : 'string' };
    if (key === 'action' && prop?.parent) {
      for (const sibling of prop.parent.children ?? []) {
        const [k, v] = sibling.children ?? [];
        if (k?.value === 'echo') site.frame = true;
        if (k?.value !== 'params' || !v) continue;
        site.frame = true;
        if (v.type === 'object' && text[v.offset + v.length - 1] === '}') site.params = { kind: 'object', object: objectInfo(v) };
        else site.params = { kind: 'opaque' };
      }
    }
    sites.push(site);
    return;
  }
  if (looksLikePathText(raw)) {
    for (const p of findPathNames(raw, true)) sites.push({ start: start + p.offset, end: start + p.offset + p.written.length, written: p.written, callSite: 'url', apiPrefix: p.apiPrefix });
    return;
  }
  for (const e of findEmbeddedActions(raw)) sites.push({ start: start + e.offset, end: start + e.offset + e.written.length, written: e.written, callSite: 'frame', frame: true });
}

function literalOf(v: JsonNode): Literal | undefined {
  switch (v.type) {
    case 'string': return { kind: 'string', value: v.value as string, quote: '"' };
    case 'number': return { kind: 'number', value: v.value as number };
    case 'boolean': return { kind: 'boolean', value: v.value as boolean };
    case 'null': return { kind: 'null' };
  }
  return undefined;
}

function isTextSegmentArray(v: JsonNode): boolean {
  if (v.type !== 'array' || !v.children?.length) return false;
  return v.children.every((el) => el.type === 'object' && (el.children ?? []).some((p) => p.children?.[0]?.value === 'type' && p.children?.[1]?.value === 'text'));
}

function objectInfo(obj: JsonNode): ObjectInfo {
  const props: PropInfo[] = [];
  for (const p of obj.children ?? []) {
    const [k, v] = p.children ?? [];
    if (!k || !v) continue;
    props.push({
      key: k.value as string, keyStart: k.offset, keyEnd: k.offset + k.length, keyQuote: '"', shorthand: false,
      propStart: p.offset, propEnd: v.offset + v.length, valueStart: v.offset, valueEnd: v.offset + v.length,
      value: literalOf(v), textSegments: isTextSegmentArray(v),
    });
  }
  return { start: obj.offset, end: obj.offset + obj.length, props, open: false, syntax: 'json', keyQuote: '"', stringQuote: '"' };
}
