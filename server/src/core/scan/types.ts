import type { PyFileFacts } from './pythonFile';

/** What a scanner reports: places where an action name is used, with the context the analyzer needs. */

export type CallSite = 'string' | 'action' | 'key' | 'url' | 'method' | 'camel' | 'frame';

/** A literal value as written in the source: only these can be rewritten mechanically. */
export type Literal =
  | { kind: 'string'; value: string; quote: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' };

export interface PropInfo {
  key: string;
  keyStart: number;
  keyEnd: number;
  /** Quote character around the key as written, '' when unquoted. */
  keyQuote: string;
  /** `{ message_id }`: key and value are one identifier. */
  shorthand: boolean;
  propStart: number;
  propEnd: number;
  valueStart: number;
  valueEnd: number;
  value?: Literal;
  /** Array literal whose elements are all `{ type: 'text', data: { text: <string> } }`. */
  textSegments?: boolean;
}

export interface ObjectInfo {
  start: number;
  end: number;
  props: PropInfo[];
  /** A spread, computed key or method: the key set is not fully known. */
  open: boolean;
  syntax: 'ts' | 'json' | 'py';
  /**
   * Python keyword arguments as the params (`call_api('x', group_id=1)`): `start`/`end` are the
   * argument list's parentheses, keys are unquoted names written `key=value`, and new keys are
   * appended at `appendAt` (the end of the last argument; `hasArgs` says whether one exists).
   * Absent for a dict literal (`syntax: 'py'` with quoted keys).
   */
  kwargs?: { appendAt: number; hasArgs: boolean };
  /** Key style for inserted keys: quote char or ''. */
  keyQuote: string;
  stringQuote: string;
}

/** The params next to a name: an object literal the fix can read, or something known only at run time. */
export type ParamsArg = { kind: 'object'; object: ObjectInfo } | { kind: 'opaque' };

interface SiteCommon {
  /** UTF-16 offsets of the name as written (for `.handle_quick_operation`, from the dot). */
  start: number;
  end: number;
  /** The name as written. */
  written: string;
  /** The params next to the name (second argument, `params` sibling, SDK argument, request body). */
  params?: ParamsArg;
  /** A WebSocket-style `{ action, params, echo }` frame or JSON text embedded in a string. */
  frame?: boolean;
  /** API surface named after the action (a class member, a merged method, a registration): renaming breaks its callers. */
  definition?: boolean;
  /** The set of names this one must stay distinct in: keys of one object or type, labels of one switch, values of one enum. */
  group?: { start: number; names: readonly string[] };
  /** A method call on a NoneBot v11 `Bot` (the file imports the v11 adapter): the Milky adapter's Bot has the Milky method. */
  framework?: 'nonebot';
}

/** A URL site knows whether `api/` already precedes the name; no other site has that fact. */
export type Site =
  | (SiteCommon & { callSite: 'url'; apiPrefix: boolean })
  | (SiteCommon & { callSite: Exclude<CallSite, 'url'> });

/** The params object literal of a site, when it has one. */
export function paramsObject(site: Site): ObjectInfo | undefined {
  return site.params?.kind === 'object' ? site.params.object : undefined;
}

export interface ScanResult {
  sites: Site[];
  /** Python: decorators and framework messages, which have no action name (scan/pythonFile.ts). */
  python?: PyFileFacts;
  /** Set when the text cannot be parsed; no sites then. */
  syntaxError?: string;
  /** The parser itself could not cope (too deeply nested, threw): nothing can be analyzed. */
  fatal?: boolean;
}
