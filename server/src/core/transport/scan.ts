/**
 * Transport and envelope hints in a TypeScript / JavaScript tree: what changes between NapCat's
 * transport and Milky's beyond action names. Pure: facts (ranges, what is there, what Milky has
 * instead); the only edit is the `api/` a generic call helper's URL needs.
 *
 * WebSocket action frames (`{ action, params, echo }`) are not here: the action scanner reports them.
 */
import type * as TS from 'typescript';
import { anyOffsetIn, candidateOffsets, resolveNapcat, milkyNames } from '../catalog';
import { resultChange, type ResultChange } from '../catalog/results';
import type { Edit } from '../edits';
import { calleeNameOf, ts } from '../scan/typescript';

export type TransportHintCode =
  /** NapCat's SSE path `/_events` → Milky's `/event`. */
  | 'sse-path'
  /** `onmessage` (or a 'message' listener) on an EventSource of `/_events`: Milky names its events `milky_event`. */
  | 'sse-onmessage'
  /** `access_token` in the query of an API URL: Milky's API takes only `Authorization: Bearer`. */
  | 'access-token-query'
  /** A NapCat / OneBot retcode compared (1400, 1404, …). */
  | 'retcode'
  /** `.wording` of a response: Milky has `message`. */
  | 'wording'
  /** `status === 'async'`: Milky has no asynchronous calls. */
  | 'async-status'
  /** A WebSocket server in a file that reads OneBot events: Milky has no reverse WebSocket. */
  | 'reverse-ws'
  /** A list result read as an array: Milky wraps it (`data.groups`). */
  | 'list-wrapped'
  /** An object result read field by field: Milky wraps it (`data.group.group_name`). */
  | 'object-wrapped'
  /** A result field Milky renamed (`message_id` → `message_seq`, `user_id` → `uin`). */
  | 'renamed-field';

export interface TransportHint {
  code: TransportHintCode;
  /** UTF-16 offsets of what the hint is about, as written. */
  start: number;
  end: number;
  /** Exactly the text in [start, end). */
  napcat: string;
  /**
   * What Milky has instead, as a short value: `/event`, `milky_event`, `Authorization: Bearer`,
   * `-400`, `http:404`, `http:401`, `retcode!=0`, `none`, `message`, `event-client|webhook`,
   * `data.groups`, `message_seq`, `group.group_name`.
   */
  milky: string;
  /** For result hints: the NapCat action and the Milky endpoint(s). */
  action?: string;
  endpoints?: readonly string[];
  /** For result hints: the field read, the wrapper and the wrapped entity's fields. */
  field?: string;
  wrapper?: string;
  elementFields?: readonly string[];
  /** For retcode: the value compared, and Milky's retcode or HTTP status for that case. */
  retcode?: number;
  milkyRetcode?: number;
  httpStatus?: number;
  /** A short code for the case (`param-error`, `unknown-action`, `bad-token`, `handler-error`, `async`, `different-id`). */
  note?: string;
}

export interface HelperCall {
  /** The action argument's content range and text. */
  start: number;
  end: number;
  written: string;
  /** It is a NapCat action name (or an upstream spelling of one). */
  napcat: boolean;
  /** It is a Milky endpoint name. */
  milky: boolean;
}

/** A function `call(action, params)` that builds `${base}/${action}` from its own parameter. */
export interface CallHelper {
  name: string;
  param: string;
  paramIndex: number;
  /** The URL expression (template or `+` chain). */
  url: { start: number; end: number };
  /** `api/` already precedes the action (or the base constant ends in `/api`). */
  apiPrefix: boolean;
  /** Inserts `api/` before the action once; null when apiPrefix. */
  edit: Edit | null;
  /** Calls of the helper in this file with a literal at paramIndex. */
  calls: HelperCall[];
}

export interface TransportScan {
  hints: TransportHint[];
  helpers: CallHelper[];
  /** Names of variables and params that hold a reshaped result: their uses anywhere may get hints. */
  holders: string[];
}

/** NapCat / OneBot 11 retcodes and what a Milky client sees for the same case (envelope.md §2). */
export const RETCODES: Readonly<Record<number, { milky: string; milkyRetcode?: number; httpStatus?: number; note: string }>> = {
  1400: { milky: '-400', milkyRetcode: -400, note: 'param-error' },
  1401: { milky: 'http:401', httpStatus: 401, note: 'bad-token' },
  1403: { milky: 'http:401', httpStatus: 401, note: 'bad-token' },
  1404: { milky: 'http:404', httpStatus: 404, note: 'unknown-action' },
  1200: { milky: 'retcode!=0', note: 'handler-error' },
  200: { milky: 'retcode!=0', note: 'handler-error' },
  1: { milky: 'none', note: 'async' },
};

const ARRAY_MEMBERS: ReadonlySet<string> = new Set(['map', 'forEach', 'filter', 'find', 'findIndex', 'findLast', 'some', 'every', 'reduce', 'reduceRight', 'length', 'slice', 'includes', 'indexOf', 'flatMap', 'flat', 'at', 'entries', 'keys', 'values', 'sort', 'concat', 'join', 'reverse', 'splice', 'push']);
const HELPER_PARAM = /^(action|api|endpoint|apiName|actionName|method)$/i;

interface Range { start: number; end: number }

/** Every hint of the walk (not the calls') is on a node whose text holds one of these. */
const WALK_WORDS = /_events|access_token|retcode|onmessage|wording|Server|status|\\[ux]/g;
/** `/${`, or a string ending in `/` (then `+`); escapes and line continuations could spell either. */
const HELPER_URL_PARTS = /\/\$\{|\/['"`]|\\[ux]|\\\r?\n/g;

/**
 * Where the text may name an action whose result Milky reshaped (any mention, not only strings): the
 * result's uses, anywhere in the scope of the variable that holds it, get hints, so an editor must
 * re-read that whole scope. With `\u`/`\x` escapes anywhere, a cooked string might spell one: undefined.
 */
export function resultCallOffsets(text: string): number[] | undefined {
  if (/\\[ux]/.test(text)) return undefined;
  const word = /[A-Za-z_$][\w$]*/y;
  return candidateOffsets(text).filter((at) => {
    word.lastIndex = at;
    const m = word.exec(text);
    const action = m ? resolveNapcat(m[0]) : undefined;
    return !!action && !!resultChange(action);
  });
}

/** A word of a hint the walk gives, or of an event source's use (`es.onmessage`, `addEventListener`). */
export const TRANSPORT_WORDS = /_events|access_token|retcode|onmessage|addEventListener|wording|Server|status|\\[ux]/;

export function scanTransport(sf: TS.SourceFile, text: string): TransportScan {
  return new TransportFinder(sf, text).run();
}

class TransportFinder {
  private readonly t = ts();
  private readonly K = this.t.SyntaxKind;
  private readonly hints: TransportHint[] = [];
  private readonly helpers: CallHelper[] = [];
  private readonly readsEvents: boolean;
  private readonly mentionsRetcode: boolean;
  /** Variables holding an EventSource of NapCat's `/_events`. */
  private readonly sseVars = new Set<string>();
  private readonly sseNodes = new Set<TS.Node>();
  private readonly calls: TS.CallExpression[] = [];
  private readonly functions: TS.SignatureDeclaration[] = [];
  private readonly stringInits = new Map<string, string>();
  private readonly seen = new Set<string>();
  private readonly parents = new Map<TS.Node, TS.Node>();
  private readonly holders = new Set<string>();

  /** Where the words the walk's hints need occur (escapes too: a cooked string may spell them). */
  private readonly offsets: number[];
  /** Where a URL part ends in `/` before a substitution or a `+`: a call helper needs one. */
  private readonly helperOffsets: number[];

  constructor(private readonly sf: TS.SourceFile, private readonly text: string) {
    this.offsets = [...text.matchAll(WALK_WORDS)].map((m) => m.index);
    this.helperOffsets = [...text.matchAll(HELPER_URL_PARTS)].map((m) => m.index);
    // Reads `x.post_type` (a bot); an implementation only writes `post_type:` keys.
    this.readsEvents = /\.\s*post_type\b|\[\s*['"`]post_type['"`]\s*\]/.test(text);
    this.mentionsRetcode = /\bretcode\b/.test(text);
  }

  run(): TransportScan {
    this.collect(this.sf);
    this.walk(this.sf, []);
    // Calls are all collected by the first pass; the walk skips the subtrees that cannot hold a hint.
    for (const c of this.calls) this.onCall(c);
    for (const fn of this.functions) this.onFunction(fn);
    this.hints.sort((a, b) => a.start - b.start || a.end - b.end);
    return { hints: this.hints, helpers: this.helpers, holders: [...this.holders] };
  }

  private add(h: Omit<TransportHint, 'napcat'>): void {
    const key = `${h.code}:${h.start}:${h.end}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.hints.push({ ...h, napcat: this.text.slice(h.start, h.end) });
  }

  private strip(e: TS.Expression): TS.Expression {
    const K = this.K;
    while (e.kind === K.ParenthesizedExpression || e.kind === K.AsExpression || e.kind === K.NonNullExpression || e.kind === K.SatisfiesExpression || e.kind === K.TypeAssertionExpression) e = (e as TS.ParenthesizedExpression).expression;
    return e;
  }

  private isString(e: TS.Node): e is TS.StringLiteralLike {
    return e.kind === this.K.StringLiteral || e.kind === this.K.NoSubstitutionTemplateLiteral;
  }

  private nodeText(n: TS.Node): string {
    return this.text.slice(n.getStart(this.sf), n.end);
  }

  /** First pass: EventSource variables, string constants, calls and functions. */
  private collect(node: TS.Node): void {
    const K = this.K;
    if (node.kind === K.VariableDeclaration) {
      const d = node as TS.VariableDeclaration;
      if (d.name.kind === K.Identifier && d.initializer) {
        const init = this.strip(d.initializer);
        if (this.isString(init)) this.stringInits.set(d.name.text, init.text);
        else if (init.kind === K.TemplateExpression || init.kind === K.BinaryExpression) this.stringInits.set(d.name.text, this.nodeText(init));
        if (this.isNapcatEventSource(init)) { this.sseVars.add(d.name.text); this.sseNodes.add(init); }
      }
    }
    if (node.kind === K.CallExpression) this.calls.push(node as TS.CallExpression);
    if (this.t.isFunctionLike(node) && (node as TS.FunctionLikeDeclaration).body && (node as TS.SignatureDeclaration).parameters.length) this.functions.push(node as TS.SignatureDeclaration);
    this.t.forEachChild(node, (c) => { this.collect(c); });
  }

  /** `new EventSource(x)` where x (or the constant it names) contains `/_events`. */
  private isNapcatEventSource(e: TS.Expression): boolean {
    const K = this.K;
    if (e.kind !== K.NewExpression) return false;
    const n = e as TS.NewExpression;
    if (calleeNameOf(n.expression) !== 'EventSource') return false;
    const arg = n.arguments?.[0];
    if (!arg) return false;
    const s = this.strip(arg);
    const txt = s.kind === K.Identifier ? (this.stringInits.get((s as TS.Identifier).text) ?? '') : this.nodeText(s);
    return /\/_events\b/.test(txt);
  }

  private walk(node: TS.Node, stack: TS.Node[]): void {
    if (!anyOffsetIn(this.offsets, node.pos, node.end)) return;
    const K = this.K;
    switch (node.kind) {
      case K.StringLiteral:
      case K.NoSubstitutionTemplateLiteral:
        this.onStringText(node, (node as TS.StringLiteral).text, node.getStart(this.sf) + 1, stack);
        break;
      case K.TemplateHead:
      case K.TemplateMiddle:
      case K.TemplateTail:
        this.onStringText(node, this.text.slice(node.getStart(this.sf) + 1, node.kind === K.TemplateTail ? node.end - 1 : node.end - 2), node.getStart(this.sf) + 1, stack);
        break;
      case K.NewExpression:
        this.onNew(node as TS.NewExpression);
        break;
      case K.BinaryExpression:
        this.onBinary(node as TS.BinaryExpression);
        break;
      case K.SwitchStatement:
        this.onSwitch(node as TS.SwitchStatement);
        break;
      case K.PropertyAccessExpression:
        this.onPropertyAccess(node as TS.PropertyAccessExpression, stack);
        break;
      case K.PropertyAssignment:
      case K.ShorthandPropertyAssignment:
        this.onQueryKey(node as TS.ObjectLiteralElementLike, stack);
        break;
    }
    stack.push(node);
    this.t.forEachChild(node, (c) => { this.walk(c, stack); });
    stack.pop();
  }

  // ---- URLs: /_events, access_token ------------------------------------------------------------

  /** The whole static text of the string or template this part belongs to. */
  private wholeText(node: TS.Node, stack: TS.Node[]): string {
    const K = this.K;
    if (node.kind === K.TemplateHead || node.kind === K.TemplateMiddle || node.kind === K.TemplateTail) {
      const tpl = [...stack].reverse().find((n) => n.kind === K.TemplateExpression) as TS.TemplateExpression | undefined;
      if (tpl) return [tpl.head, ...tpl.templateSpans.map((s) => s.literal)].map((p) => p.text).join('\u0000');
    }
    // A + chain: the strings of its parts.
    let top: TS.Node = node;
    for (let i = stack.length - 1; i >= 0; i--) {
      const p = stack[i];
      if (p.kind === K.BinaryExpression && (p as TS.BinaryExpression).operatorToken.kind === K.PlusToken) top = p;
      else if (p.kind !== K.ParenthesizedExpression) break;
    }
    return top === node ? (node as TS.StringLiteral).text : this.nodeText(top);
  }

  private onStringText(node: TS.Node, raw: string, contentStart: number, stack: TS.Node[]): void {
    // Module specifiers are never URLs.
    const p = stack[stack.length - 1];
    if (p && (p.kind === this.K.ImportDeclaration || p.kind === this.K.ExportDeclaration || p.kind === this.K.ExternalModuleReference)) return;
    // A path or URL part (`/_events`, `host:3000/_events`, `${base}/_events`), not prose that mentions it.
    for (const m of raw.matchAll(/(?<=^|[\w}\]:.-])\/_events(?=$|[?#/'"`])/g)) {
      this.add({ code: 'sse-path', start: contentStart + m.index, end: contentStart + m.index + m[0].length, milky: '/event' });
    }
    const tokens = [...raw.matchAll(/[?&]access_token=/g)];
    if (tokens.length) {
      const whole = this.wholeText(node, stack);
      // Event streams (`/_events`, `/event`, a WebSocket URL) still take the query token in Milky.
      if (/\/_?events?\b|^wss?:|\u0000wss?:/.test(whole)) return;
      for (const m of tokens) {
        const s = contentStart + m.index + 1;
        this.add({ code: 'access-token-query', start: s, end: s + 'access_token'.length, milky: 'Authorization: Bearer' });
      }
    }
  }

  /** `{ params: { access_token } }` (axios, got, request): the token in a query object. */
  private onQueryKey(p: TS.ObjectLiteralElementLike, stack: TS.Node[]): void {
    const K = this.K;
    const name = p.name;
    if (!name || !(name.kind === K.Identifier || name.kind === K.StringLiteral) || (name as TS.Identifier).text !== 'access_token') return;
    const obj = stack[stack.length - 1];
    const holder = stack[stack.length - 2];
    if (!obj || obj.kind !== K.ObjectLiteralExpression || !holder || holder.kind !== K.PropertyAssignment) return;
    const key = (holder as TS.PropertyAssignment).name;
    if (!(key.kind === K.Identifier || key.kind === K.StringLiteral) || !/^(params|query|qs|searchParams)$/.test((key as TS.Identifier).text)) return;
    const start = name.getStart(this.sf) + (name.kind === K.StringLiteral ? 1 : 0);
    this.add({ code: 'access-token-query', start, end: start + 'access_token'.length, milky: 'Authorization: Bearer' });
  }

  // ---- EventSource onmessage, reverse WebSocket ------------------------------------------------

  private onNew(n: TS.NewExpression): void {
    const K = this.K;
    if (!this.readsEvents) return;
    const e = n.expression;
    let server = false;
    if (e.kind === K.Identifier) server = (e as TS.Identifier).text === 'WebSocketServer';
    else if (e.kind === K.PropertyAccessExpression) {
      const pa = e as TS.PropertyAccessExpression;
      server = (pa.name.text === 'Server' || pa.name.text === 'WebSocketServer') && pa.expression.kind === K.Identifier && /^(WebSocket|WS|ws|WebSocketNode)$/.test((pa.expression as TS.Identifier).text);
    }
    if (server) this.add({ code: 'reverse-ws', start: n.getStart(this.sf), end: e.end, milky: 'event-client|webhook' });
  }

  private isSseTarget(e: TS.Expression): boolean {
    const s = this.strip(e);
    if (s.kind === this.K.Identifier) return this.sseVars.has((s as TS.Identifier).text);
    return this.isNapcatEventSource(s);
  }

  private onBinary(b: TS.BinaryExpression): void {
    const K = this.K;
    const op = b.operatorToken.kind;
    // es.onmessage = …
    if (op === K.EqualsToken && b.left.kind === K.PropertyAccessExpression) {
      const pa = b.left as TS.PropertyAccessExpression;
      if (pa.name.text === 'onmessage' && this.isSseTarget(pa.expression)) {
        this.add({ code: 'sse-onmessage', start: pa.name.getStart(this.sf), end: pa.name.end, milky: 'milky_event' });
      }
      return;
    }
    if (op !== K.EqualsEqualsEqualsToken && op !== K.EqualsEqualsToken && op !== K.ExclamationEqualsEqualsToken && op !== K.ExclamationEqualsToken) return;
    for (const [a, v] of [[b.left, b.right], [b.right, b.left]] as const) {
      if (this.isRetcode(a)) this.onRetcodeValue(v);
      else if (this.mentionsRetcode && this.isNamed(a, 'status') && this.isString(this.strip(v)) && (this.strip(v) as TS.StringLiteral).text === 'async') {
        const lit = this.strip(v);
        this.add({ code: 'async-status', start: lit.getStart(this.sf) + 1, end: lit.end - 1, milky: 'none', note: 'async' });
      }
    }
  }

  private isNamed(e: TS.Expression, name: string): boolean {
    const s = this.strip(e);
    if (s.kind === this.K.Identifier) return (s as TS.Identifier).text === name;
    if (s.kind === this.K.PropertyAccessExpression) return (s as TS.PropertyAccessExpression).name.text === name;
    if (s.kind === this.K.ElementAccessExpression) { const a = (s as TS.ElementAccessExpression).argumentExpression; return this.isString(a) && a.text === name; }
    return false;
  }

  private isRetcode(e: TS.Expression): boolean {
    return this.isNamed(e, 'retcode');
  }

  private onRetcodeValue(v: TS.Expression): void {
    const K = this.K;
    const s = this.strip(v);
    if (s.kind !== K.NumericLiteral) return;
    const value = Number((s as TS.NumericLiteral).text);
    const m = RETCODES[value];
    if (!m) return;
    this.add({ code: 'retcode', start: s.getStart(this.sf), end: s.end, milky: m.milky, retcode: value, note: m.note, ...(m.milkyRetcode !== undefined ? { milkyRetcode: m.milkyRetcode } : {}), ...(m.httpStatus !== undefined ? { httpStatus: m.httpStatus } : {}) });
  }

  private onSwitch(s: TS.SwitchStatement): void {
    if (!this.isRetcode(s.expression)) return;
    for (const c of s.caseBlock.clauses) if (c.kind === this.K.CaseClause) this.onRetcodeValue((c as TS.CaseClause).expression);
  }

  private onPropertyAccess(pa: TS.PropertyAccessExpression, stack: TS.Node[]): void {
    if (pa.name.text !== 'wording' || !this.mentionsRetcode) return;
    const p = stack[stack.length - 1];
    // A read, not a key being set.
    if (p && p.kind === this.K.BinaryExpression && (p as TS.BinaryExpression).left === pa && (p as TS.BinaryExpression).operatorToken.kind === this.K.EqualsToken) return;
    this.add({ code: 'wording', start: pa.name.getStart(this.sf), end: pa.name.end, milky: 'message' });
  }

  private onCall(c: TS.CallExpression): void {
    const K = this.K;
    // es.addEventListener('message', …) on a NapCat EventSource.
    if (c.expression.kind === K.PropertyAccessExpression) {
      const pa = c.expression as TS.PropertyAccessExpression;
      const first = c.arguments[0];
      if (pa.name.text === 'addEventListener' && first && this.isString(first) && first.text === 'message' && this.isSseTarget(pa.expression)) {
        this.add({ code: 'sse-onmessage', start: first.getStart(this.sf) + 1, end: first.end - 1, milky: 'milky_event' });
      }
    }
    // url.searchParams.set('access_token', t) / params.append('access_token', t)
    if (c.expression.kind === K.PropertyAccessExpression) {
      const pa = c.expression as TS.PropertyAccessExpression;
      const first = c.arguments[0];
      const owner = pa.expression.kind === K.PropertyAccessExpression ? (pa.expression as TS.PropertyAccessExpression).name.text : pa.expression.kind === K.Identifier ? (pa.expression as TS.Identifier).text : '';
      if ((pa.name.text === 'set' || pa.name.text === 'append') && first && this.isString(first) && first.text === 'access_token' && /^(searchParams|params|query|qs|search)$/i.test(owner)) {
        this.add({ code: 'access-token-query', start: first.getStart(this.sf) + 1, end: first.end - 1, milky: 'Authorization: Bearer' });
      }
    }
    // Results: the first string argument names an action whose result Milky reshaped.
    for (const arg of c.arguments.slice(0, 2)) {
      const a = this.strip(arg);
      if (!this.isString(a)) continue;
      const action = resolveNapcat(a.text);
      const change = action ? resultChange(action) : undefined;
      if (action && change) this.onResult(c, action, change);
      break;
    }
  }

  // ---- result shapes ---------------------------------------------------------------------------

  /**
   * Parent of a node (the tree has no parent pointers). Found by descending from the root along the
   * nodes that contain it, each step remembered: few nodes ever ask, so no map of every node is built.
   */
  private parentOf(target: TS.Node): TS.Node | undefined {
    if (target === this.sf) return undefined;
    const known = this.parents.get(target);
    if (known) return known;
    let node: TS.Node = this.sf;
    for (;;) {
      let next: TS.Node | undefined;
      this.t.forEachChild(node, (c) => {
        if (c === target || (c.pos <= target.pos && target.end <= c.end && c.end > c.pos)) { next = c; return true; }
        return undefined;
      });
      if (!next) return this.parentByWalk(target);
      this.parents.set(next, node);
      if (next === target) return node;
      node = next;
    }
  }

  /** The slow way, for nodes the descent cannot tell apart (zero-width ones): record every parent. */
  private parentByWalk(target: TS.Node): TS.Node | undefined {
    const visit = (n: TS.Node): void => { this.t.forEachChild(n, (c) => { this.parents.set(c, n); visit(c); }); };
    visit(this.sf);
    return this.parents.get(target);
  }

  /** Climbs from a value through parens, await, `as` and `!` to the outermost expression with the same value. */
  private valueTop(e: TS.Node): TS.Node {
    const K = this.K;
    for (;;) {
      const p = this.parentOf(e);
      if (!p) return e;
      if (p.kind === K.ParenthesizedExpression || p.kind === K.AwaitExpression || p.kind === K.AsExpression || p.kind === K.NonNullExpression || p.kind === K.SatisfiesExpression) { e = p; continue; }
      return e;
    }
  }

  private onResult(call: TS.CallExpression, action: string, change: ResultChange): void {
    // The result value R: the call itself (through await), a variable holding it, or the param of .then(r => …).
    const results = this.valuesOf(this.valueTop(call), 2);
    for (const r of results) {
      // `R.data` is the data; so is R itself when the helper already returns `data`.
      this.onData(r, action, change, true, r);
      // Through a variable (`const groups = R.data`), a wrapper hint sits on that `data`.
      for (const d of this.dataOf(r)) for (const v of this.valuesOf(d, 1)) this.onData(v, action, change, false, d);
    }
  }

  /** Uses of the value of `e`: itself, and the references of a `const x = e` / `.then(x => …)` variable. */
  private valuesOf(e: TS.Node, depth: number): TS.Node[] {
    const K = this.K;
    const out: TS.Node[] = [e];
    if (depth <= 0) return out;
    const p = this.parentOf(e);
    if (!p) return out;
    if (p.kind === K.VariableDeclaration && (p as TS.VariableDeclaration).initializer === e) {
      const name = (p as TS.VariableDeclaration).name;
      if (name.kind === K.Identifier) this.holders.add(name.text);
      if (name.kind === K.Identifier) for (const ref of this.referencesAfter(name, p)) out.push(...this.valuesOf(this.valueTop(ref), depth - 1));
      else if (name.kind === K.ObjectBindingPattern) out.push(...this.bindingUses(name));
    }
    if (p.kind === K.PropertyAccessExpression && (p as TS.PropertyAccessExpression).name.text === 'then') {
      const call = this.parentOf(p);
      const fn = call && call.kind === K.CallExpression ? (call as TS.CallExpression).arguments[0] : undefined;
      if (fn && (fn.kind === K.ArrowFunction || fn.kind === K.FunctionExpression)) {
        const prm = (fn as TS.ArrowFunction).parameters[0];
        if (prm && prm.name.kind === K.Identifier) this.holders.add(prm.name.text);
        if (prm && prm.name.kind === K.Identifier) for (const ref of this.referencesIn(prm.name.text, (fn as TS.ArrowFunction).body)) out.push(this.valueTop(ref));
      }
    }
    return out;
  }

  /** `const { data } = R` / `const { data: groups } = R`: the references of the bound data variable. */
  private bindingUses(pattern: TS.ObjectBindingPattern): TS.Node[] {
    const K = this.K;
    const out: TS.Node[] = [];
    for (const el of pattern.elements) {
      const key = el.propertyName && el.propertyName.kind === K.Identifier ? el.propertyName.text : el.name.kind === K.Identifier ? el.name.text : undefined;
      if (key !== 'data') continue;
      if (el.name.kind === K.Identifier) {
        this.holders.add(el.name.text);
        const decl = this.enclosingStatement(pattern);
        for (const ref of this.referencesAfter(el.name, decl ?? pattern)) out.push(this.valueTop(ref));
      }
    }
    return out;
  }

  private enclosingStatement(n: TS.Node): TS.Node | undefined {
    let p = this.parentOf(n);
    while (p && p.kind !== this.K.VariableDeclaration) p = this.parentOf(p);
    return p;
  }

  /** `R.data` nodes (and `R['data']`). */
  private dataOf(r: TS.Node): TS.Node[] {
    const K = this.K;
    const p = this.parentOf(r);
    if (!p) return [];
    if (p.kind === K.PropertyAccessExpression && (p as TS.PropertyAccessExpression).expression === r && (p as TS.PropertyAccessExpression).name.text === 'data') return [this.valueTop(p)];
    return [];
  }

  /** Looks at how a data value is used: as an array, field by field. */
  private onData(d: TS.Node, action: string, change: ResultChange, direct: boolean, anchorNode: TS.Node): void {
    const K = this.K;
    const p = this.parentOf(d);
    if (!p) return;
    const base = { action, endpoints: change.milky };
    // The range a wrapper hint is put on: the `data` name, or the variable as used.
    const anchor = (): Range => {
      const inner = this.strip(anchorNode as TS.Expression);
      if (inner.kind === K.PropertyAccessExpression) { const n = (inner as TS.PropertyAccessExpression).name; return { start: n.getStart(this.sf), end: n.end }; }
      return { start: inner.getStart(this.sf), end: inner.end };
    };
    if (change.wrapperKind === 'array' && change.wrapper) {
      const arrayUse =
        (p.kind === K.PropertyAccessExpression && (p as TS.PropertyAccessExpression).expression === d && ARRAY_MEMBERS.has((p as TS.PropertyAccessExpression).name.text)) ||
        (p.kind === K.ElementAccessExpression && (p as TS.ElementAccessExpression).expression === d && (p as TS.ElementAccessExpression).argumentExpression.kind === K.NumericLiteral) ||
        (p.kind === K.ForOfStatement && (p as TS.ForOfStatement).expression === d) ||
        (p.kind === K.SpreadElement && this.parentOf(p)?.kind === K.ArrayLiteralExpression) ||
        (p.kind === K.CallExpression && (p as TS.CallExpression).arguments.includes(d as TS.Expression) && this.nodeText((p as TS.CallExpression).expression) === 'Array.isArray');
      // R itself used as an array: the helper returns `data` (then Milky's is `R.groups`).
      if (arrayUse) {
        const a = anchor();
        const written = this.text.slice(a.start, a.end);
        this.add({ code: 'list-wrapped', ...a, ...base, milky: `${written}.${change.wrapper}`, wrapper: change.wrapper, elementFields: change.elementFields });
      }
      return;
    }
    if (p.kind !== K.PropertyAccessExpression || (p as TS.PropertyAccessExpression).expression !== d) return;
    const name = (p as TS.PropertyAccessExpression).name;
    const field = name.text;
    if (field === 'data' && direct) return;
    const renamed = change.renamed[field];
    const range = { start: name.getStart(this.sf), end: name.end };
    if (renamed) {
      this.add({ code: 'renamed-field', ...range, ...base, field, milky: renamed.to, ...(renamed.note ? { note: /different value/.test(renamed.note) ? 'different-id' : renamed.note } : {}) });
      return;
    }
    if (change.wrapperKind === 'object' && change.wrapper && change.elementFields.includes(field)) {
      this.add({ code: 'object-wrapped', ...range, ...base, field, milky: `${change.wrapper}.${field}`, wrapper: change.wrapper, elementFields: change.elementFields });
    }
  }

  /** References of a declared name after its declaration, inside the nearest enclosing block or file. */
  private referencesAfter(name: TS.Identifier, decl: TS.Node): TS.Identifier[] {
    const K = this.K;
    let scope: TS.Node | undefined = this.parentOf(decl);
    while (scope && scope.kind !== K.Block && scope.kind !== K.SourceFile && scope.kind !== K.ModuleBlock && scope.kind !== K.CaseClause) scope = this.parentOf(scope);
    return this.referencesIn(name.text, scope ?? this.sf).filter((r) => r.getStart(this.sf) >= decl.end);
  }

  private referencesIn(name: string, root: TS.Node): TS.Identifier[] {
    const K = this.K;
    const out: TS.Identifier[] = [];
    const visit = (n: TS.Node, parent: TS.Node | undefined): void => {
      if (n.kind === K.Identifier) {
        if ((n as TS.Identifier).text !== name) return;
        if (parent && parent.kind === K.PropertyAccessExpression && (parent as TS.PropertyAccessExpression).name === n) return;
        if (parent && (parent.kind === K.PropertyAssignment || parent.kind === K.VariableDeclaration || parent.kind === K.BindingElement || parent.kind === K.Parameter) && (parent as TS.PropertyAssignment).name === n) return;
        out.push(n as TS.Identifier);
        return;
      }
      this.t.forEachChild(n, (c) => { visit(c, n); });
    };
    visit(root, undefined);
    return out;
  }

  // ---- the generic call helper -----------------------------------------------------------------

  private functionName(fn: TS.SignatureDeclaration): string | undefined {
    const K = this.K;
    if (fn.name && (fn.name.kind === K.Identifier || fn.name.kind === K.StringLiteral)) return (fn.name as TS.Identifier).text;
    const p = this.parentOf(fn);
    if (p && p.kind === K.VariableDeclaration && (p as TS.VariableDeclaration).name.kind === K.Identifier) return ((p as TS.VariableDeclaration).name as TS.Identifier).text;
    if (p && p.kind === K.PropertyAssignment && (p as TS.PropertyAssignment).name.kind === K.Identifier) return ((p as TS.PropertyAssignment).name as TS.Identifier).text;
    if (p && p.kind === K.PropertyDeclaration && (p as TS.PropertyDeclaration).name.kind === K.Identifier) return ((p as TS.PropertyDeclaration).name as TS.Identifier).text;
    return undefined;
  }

  private callsOf(name: string, index: number): HelperCall[] {
    const out: HelperCall[] = [];
    for (const c of this.calls) {
      if (calleeNameOf(c.expression) !== name) continue;
      const a = c.arguments[index];
      if (!a || !this.isString(a)) continue;
      const start = a.getStart(this.sf) + 1;
      out.push({ start, end: a.end - 1, written: a.text, napcat: resolveNapcat(a.text) !== undefined, milky: milkyNames.has(a.text) });
    }
    return out;
  }

  /** Does the constant a substitution names end in `/api` (so `api/` is there already)? */
  private baseHasApi(e: TS.Expression | undefined): boolean {
    if (!e) return false;
    const s = this.strip(e);
    const name = s.kind === this.K.Identifier ? (s as TS.Identifier).text : s.kind === this.K.PropertyAccessExpression ? (s as TS.PropertyAccessExpression).name.text : undefined;
    const v = name ? this.stringInits.get(name) : undefined;
    return v !== undefined && /\/api\/?$/.test(v);
  }

  private onFunction(fn: TS.SignatureDeclaration): void {
    const K = this.K;
    const body = (fn as TS.FunctionLikeDeclaration).body;
    if (!body) return;
    const params = fn.parameters.map((p) => (p.name.kind === K.Identifier ? p.name.text : undefined));
    const name = this.functionName(fn);
    if (!name) return;
    let found: CallHelper | undefined;
    const visit = (n: TS.Node): void => {
      if (found || !anyOffsetIn(this.helperOffsets, n.pos, n.end)) return;
      if (n !== body && this.t.isFunctionLike(n)) return; // a nested function's own URL
      if (n.kind === K.TemplateExpression) {
        const tpl = n as TS.TemplateExpression;
        tpl.templateSpans.forEach((span, i) => {
          if (found) return;
          const sub = this.strip(span.expression);
          if (sub.kind !== K.Identifier) return;
          const index = params.indexOf((sub as TS.Identifier).text);
          if (index < 0) return;
          const before = i === 0 ? tpl.head : tpl.templateSpans[i - 1].literal;
          if (!before.text.endsWith('/')) return;
          const prevSub = i === 0 ? undefined : tpl.templateSpans[i - 1].expression;
          if (i === 0 && before.text === '/') { /* relative: `/${action}` with a client's baseURL */ }
          else if (!prevSub && !/^(https?:\/\/|\/)/.test(tpl.head.text)) return;
          const apiPrefix = /(^|\/)api\/$/.test(before.text) || (before.text === '/' && this.baseHasApi(prevSub));
          const at = before.end - 2; // before the `${` of this span
          this.consider(name, params[index]!, index, { start: tpl.getStart(this.sf), end: tpl.end }, apiPrefix, at, (h) => { found = h; });
        });
      }
      if (n.kind === K.BinaryExpression && (n as TS.BinaryExpression).operatorToken.kind === K.PlusToken) {
        const b = n as TS.BinaryExpression;
        const right = this.strip(b.right);
        const index = right.kind === K.Identifier ? params.indexOf((right as TS.Identifier).text) : -1;
        if (index >= 0) {
          const left = this.strip(b.left);
          const last = left.kind === K.BinaryExpression && (left as TS.BinaryExpression).operatorToken.kind === K.PlusToken ? this.strip((left as TS.BinaryExpression).right) : left;
          const prev = left.kind === K.BinaryExpression ? this.strip((left as TS.BinaryExpression).left) : undefined;
          if (this.isString(last) && last.text.endsWith('/')) {
            const apiPrefix = /(^|\/)api\/$/.test(last.text) || (last.text === '/' && this.baseHasApi(prev));
            this.consider(name, params[index]!, index, { start: b.getStart(this.sf), end: b.end }, apiPrefix, last.end - 1, (h) => { found = h; });
          }
        }
      }
      this.t.forEachChild(n, visit);
    };
    visit(body);
  }

  private consider(name: string, param: string, index: number, url: Range, apiPrefix: boolean, at: number, done: (h: CallHelper) => void): void {
    const calls = this.callsOf(name, index);
    // A path join (`${dir}/${file}`) is not a call helper: its calls pass action names, or its parameter is named like one.
    if (!calls.some((c) => c.napcat || c.milky) && !HELPER_PARAM.test(param)) return;
    const h: CallHelper = { name, param, paramIndex: index, url, apiPrefix, edit: apiPrefix ? null : { start: at, end: at, newText: 'api/' }, calls };
    this.helpers.push(h);
    done(h);
  }
}
