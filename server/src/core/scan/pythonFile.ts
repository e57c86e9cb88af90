/**
 * Python facts that have no action name next to them, read from the whole tree: aiocqhttp event
 * decorators (`@bot.on_notice('group_increase')`) and the strings NoneBot's OneBot v11 adapter
 * parses as CQ codes (`Message("[CQ:at,qq=1]")`, `bot.send(event, "…")`, `matcher.finish("…")`).
 * Pure: walks a tree the Python scanner already has.
 */
import { pyChildren } from './pyChildren';
import { anyOffsetIn } from '../catalog';
import { moveRange } from '../shift';
import type { PyNode } from './python';

/** An aiocqhttp decorator's event name: a string argument (`group_increase`), or the method when it takes none. */
export interface PyEventName {
  start: number;
  end: number;
  /** As written: the string's content, or the method name (`on_notice`) for every event of the type. */
  napcat: string;
  /** The OneBot post type and what follows it (`notice`, `group_increase`), as aiocqhttp joins them. */
  postType: string;
  detail: string | null;
}

/** A string NoneBot's OneBot v11 adapter sends as a message (it parses CQ codes; the Milky adapter does not). */
export interface PyFrameworkMessage {
  /** The callee's last name (`Message`, `send`, `finish`) as written. */
  start: number;
  end: number;
  written: string;
  /** The string literal as written, quotes included. */
  value: { start: number; end: number };
}

export interface PyFileFacts {
  events: PyEventName[];
  messages: PyFrameworkMessage[];
  /** What the walk read beside the facts, for the next partial walk: the module-level names and the file's flags. */
  module: PyModuleState;
}

/** A module-level name the walk learnt from a top-level statement (`bot = CQHttp()`, `weather = on_command(…)`). */
export interface PyModuleName { start: number; name: string; kind: 'bot' | 'matcher' }

export interface PyModuleState { names: PyModuleName[]; v11: boolean; aiocqhttp: boolean }

/**
 * The part of the module an editor update walks again: top-level statements from `from` to `to`
 * (new text), each with where the next one starts; facts before `from` are kept, those at or after
 * `oldTo` (old text) move by `delta`.
 */
export interface PyRegion { from: number; to: number; oldTo: number; delta: number; statements: [PyNode, number][] }

/** Text that can hold such a fact at all. Cheap; run before parsing. */
export const PY_FILE_PREFILTER = /\bon_(?:message|notice|request|meta_event)\b|\[CQ:/;
const DECORATOR_HITS = /\bon_(?:message|notice|request|meta_event)\b/g;
const ALL_HITS = /\bon_(?:message|notice|request|meta_event)\b|\[CQ:/g;

/** aiocqhttp's decorator makers and the post type each one subscribes to. */
const DECORATORS: Readonly<Record<string, string>> = { on_message: 'message', on_notice: 'notice', on_request: 'request', on_meta_event: 'meta_event' };
/** NoneBot's OneBot v11 adapter is imported (its `Message` parses CQ codes). */
const NONEBOT_V11 = /^[ \t]*(?:from[ \t]+nonebot\.adapters\.onebot\.v11\b|import[ \t]+nonebot\.adapters\.onebot\.v11\b|from[ \t]+nonebot\.adapters\.onebot[ \t]+import[^\n]*\bv11\b)/m;
/** The file uses aiocqhttp (or NoneBot 1, built on it): a bare `@bot.on_notice` is its decorator. */
const AIOCQHTTP = /^[ \t]*(?:import[ \t]+aiocqhttp\b|from[ \t]+aiocqhttp\b)|\bCQHttp\b|\bnonebot\.get_bot\(\)/m;
/** Constructors of an aiocqhttp bot. */
const BOT_CLASSES = new Set(['CQHttp', 'NoneBot']);
/** NoneBot 2 matcher factories: `x = on_command(…)` makes `x.send/finish/…` a send of the current event. */
const MATCHER_FACTORY = /^on(?:_[a-z]+)*$/;
const MATCHER_SENDS = new Set(['send', 'finish', 'reject', 'pause']);

/** The facts of one tree; undefined when the text holds no word a fact needs. `toUtf16` converts the parser's offsets when they are bytes. */
export function scanPythonFile(root: PyNode, text: string, toUtf16?: (b: number) => number, reuse?: { previous: PyFileFacts; region: PyRegion }): PyFileFacts | undefined {
  if (!PY_FILE_PREFILTER.test(text)) return undefined;
  if (reuse && !toUtf16) {
    const partial = new FileWalk(text, undefined).runRegion(reuse.previous, reuse.region);
    if (partial !== false) return partial;
  }
  return new FileWalk(text, toUtf16).run(root);
}

/** The previous facts before the region, the region's new ones, and the previous ones after it, moved. */
function around<T extends { start: number }>(previous: readonly T[], walked: readonly T[], r: PyRegion, move: (x: T) => T): T[] {
  const out: T[] = [];
  for (const x of previous) if (x.start < r.from) out.push(x);
  out.push(...walked);
  for (const x of previous) if (x.start >= r.oldTo) out.push(move(x));
  return out;
}

class FileWalk {
  private readonly hits: number[] = [];
  private readonly botNames = new Set<string>();
  private readonly matcherNames = new Set<string>(['matcher']);
  private readonly v11: boolean;
  private readonly aiocqhttp: boolean;
  private readonly out: PyFileFacts = { events: [], messages: [], module: { names: [], v11: false, aiocqhttp: false } };
  /** The module-level names, in the order of their statements. */
  private module: PyModuleName[] = [];

  constructor(private readonly text: string, private readonly toUtf16: ((b: number) => number) | undefined) {
    this.v11 = NONEBOT_V11.test(text);
    // Without the v11 adapter a CQ string is no framework message: only decorators are looked for.
    for (const m of text.matchAll(this.v11 ? ALL_HITS : DECORATOR_HITS)) this.hits.push(m.index ?? 0);
    this.aiocqhttp = AIOCQHTTP.test(text);
  }

  private start(n: PyNode): number { return this.toUtf16 ? this.toUtf16(n.startIndex) : n.startIndex; }
  private end(n: PyNode): number { return this.toUtf16 ? this.toUtf16(n.endIndex) : n.endIndex; }
  private src(n: PyNode): string { return this.text.slice(this.start(n), this.end(n)); }

  private kids(n: PyNode): PyNode[] {
    return pyChildren(n);
  }

  run(root: PyNode): PyFileFacts | undefined {
    if (!this.hits.length) return undefined;
    for (const st of this.kids(root)) this.moduleName(st);
    this.walk(root, this.text.length);
    return this.result();
  }

  /**
   * The walk of the statements in the region only, the rest kept from the previous facts; `false`
   * when that is not sound (the file's flags or module-level names changed: every statement may read otherwise).
   */
  runRegion(previous: PyFileFacts, r: PyRegion): PyFileFacts | undefined | false {
    if (!this.hits.length) return undefined;
    const p = previous.module;
    if (p.v11 !== this.v11 || p.aiocqhttp !== this.aiocqhttp) return false;
    for (const [kid] of r.statements) this.moduleName(kid);
    this.module = around(p.names, this.module, r, (x) => ({ ...x, start: x.start + r.delta }));
    const names = (xs: readonly PyModuleName[]) => xs.map((x) => `${x.kind}:${x.name}`).join('\n');
    if (names(this.module) !== names(p.names)) return false;
    for (const x of this.module) (x.kind === 'bot' ? this.botNames : this.matcherNames).add(x.name);
    for (const [kid, bound] of r.statements) this.walk(kid, bound);
    this.out.events = around(previous.events, this.out.events, r, (x) => moveRange(x, r.delta));
    this.out.messages = around(previous.messages, this.out.messages, r, (x) => ({ ...moveRange(x, r.delta), value: moveRange(x.value, r.delta) }));
    return this.result();
  }

  private result(): PyFileFacts | undefined {
    // Kept even without a fact: the next editor update walks only what its edit touched.
    this.out.module = { names: this.module, v11: this.v11, aiocqhttp: this.aiocqhttp };
    return this.out;
  }

  private walk(top: PyNode, topBound: number): void {
    // An explicit stack: a deep tree never overflows the call stack. `bound` is where the next sibling starts.
    const stack: [PyNode, number][] = [[top, topBound]];
    while (stack.length) {
      const [n, bound] = stack.pop()!;
      if (n.type === 'comment' || !anyOffsetIn(this.hits, this.start(n), bound)) continue;
      if (n.type === 'decorator') this.onDecorator(n);
      else if (n.type === 'call' && this.v11) this.onCall(n);
      const kids = this.kids(n);
      for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i], i + 1 < kids.length ? this.start(kids[i + 1]) : bound]);
    }
  }

  /** A top-level `bot = CQHttp(…)` / `app = aiocqhttp.CQHttp(…)` or `weather = on_command(…)`. */
  private moduleName(st: PyNode): void {
    const a = st.type === 'expression_statement' ? st.child(0) : null;
    if (!a || a.type !== 'assignment') return;
    const left = a.childForFieldName('left');
    const right = a.childForFieldName('right');
    if (!left || left.type !== 'identifier' || !right || right.type !== 'call') return;
    const callee = this.lastName(right.childForFieldName('function'));
    if (!callee) return;
    const kind = BOT_CLASSES.has(callee) ? 'bot' : MATCHER_FACTORY.test(callee) || callee === 'command' ? 'matcher' : undefined;
    if (!kind) return;
    const name = this.src(left);
    this.module.push({ start: this.start(st), name, kind });
    (kind === 'bot' ? this.botNames : this.matcherNames).add(name);
  }

  private lastName(fn: PyNode | null): string | undefined {
    if (!fn) return undefined;
    if (fn.type === 'identifier') return this.src(fn);
    if (fn.type === 'attribute') { const a = fn.childForFieldName('attribute'); return a ? this.src(a) : undefined; }
    return undefined;
  }

  /** A receiver whose last name is `bot`, or a name bound to an aiocqhttp bot. */
  private isBot(obj: PyNode | null): boolean {
    if (!obj) return false;
    if (obj.type === 'identifier') { const n = this.src(obj); return n === 'bot' || this.botNames.has(n); }
    return obj.type === 'attribute' && this.lastName(obj) === 'bot';
  }

  /** The string's content when it is a plain literal (no prefix but r/u, no escape, no interpolation). */
  private plainString(n: PyNode): { start: number; end: number; value: string } | undefined {
    if (n.type !== 'string') return undefined;
    const k = this.kids(n);
    if (k.length < 2 || k.length > 3 || k[0].type !== 'string_start' || k[k.length - 1].type !== 'string_end' || k[k.length - 1].isMissing) return undefined;
    if (!/^[rRuU]?["']$/.test(this.src(k[0]))) return undefined;
    const start = this.end(k[0]);
    const end = this.start(k[k.length - 1]);
    if (k.length === 3 && (k[1].type !== 'string_content' || k[1].childCount > 0)) return undefined;
    return { start, end, value: this.text.slice(start, end) };
  }

  private onDecorator(d: PyNode): void {
    const e = d.child(1);
    if (!e) return;
    const fn = e.type === 'call' ? e.childForFieldName('function') : e;
    if (!fn || fn.type !== 'attribute') return;
    const attr = fn.childForFieldName('attribute');
    const method = attr ? this.src(attr) : '';
    const postType = Object.prototype.hasOwnProperty.call(DECORATORS, method) ? DECORATORS[method] : undefined;
    if (!attr || !postType) return;
    const obj = fn.childForFieldName('object');
    if (!this.isBot(obj)) return;
    const args = e.type === 'call' ? e.childForFieldName('arguments') : null;
    const list = args ? this.kids(args).filter((c) => c.type !== '(' && c.type !== ')' && c.type !== ',' && c.type !== 'comment') : [];
    if (args && (args.type !== 'argument_list' || args.hasError)) return;
    const strings = list.map((a) => this.plainString(a));
    // Anything but string arguments (a filter object, a keyword) is another framework's decorator.
    if (strings.some((s) => !s)) return;
    if (strings.length === 0) {
      // Every event of the type: only where the file shows it is aiocqhttp (or the receiver is its bot).
      if (!this.aiocqhttp && !(obj?.type === 'identifier' && this.botNames.has(this.src(obj)))) return;
      this.out.events.push({ start: this.start(attr), end: this.end(attr), napcat: method, postType, detail: null });
      return;
    }
    for (const s of strings) this.out.events.push({ start: s!.start, end: s!.end, napcat: s!.value, postType, detail: s!.value });
  }

  /** `Message("[CQ:…]")`, `v11.Message(…)`, `bot.send(event, "[CQ:…]")`, `matcher.finish("[CQ:…]")` in a file of the v11 adapter. */
  private onCall(c: PyNode): void {
    const fn = c.childForFieldName('function');
    const args = c.childForFieldName('arguments');
    if (!fn || !args || args.type !== 'argument_list') return;
    const list = this.kids(args).filter((x) => x.type !== '(' && x.type !== ')' && x.type !== ',' && x.type !== 'comment');
    const positional = list.filter((x) => x.type !== 'keyword_argument');
    const keyword = (name: string) => list.find((x) => x.type === 'keyword_argument' && this.src(x.childForFieldName('name') ?? x) === name)?.childForFieldName('value') ?? undefined;
    let nameNode: PyNode | null = null;
    let value: PyNode | undefined;
    if (fn.type === 'identifier' && this.src(fn) === 'Message') {
      nameNode = fn;
      value = positional[0] ?? keyword('message');
    } else if (fn.type === 'attribute') {
      const attr = fn.childForFieldName('attribute');
      const obj = fn.childForFieldName('object');
      const method = attr ? this.src(attr) : '';
      if (!attr || !obj) return;
      if (method === 'Message' && obj.type === 'identifier' && this.src(obj) === 'v11') { nameNode = attr; value = positional[0] ?? keyword('message'); }
      else if (method === 'send' && this.isBot(obj)) { nameNode = attr; value = positional[1] ?? keyword('message'); }
      else if (MATCHER_SENDS.has(method) && obj.type === 'identifier' && this.matcherNames.has(this.src(obj))) { nameNode = attr; value = positional[0] ?? keyword('message') ?? keyword('prompt'); }
    }
    if (!nameNode || !value || value.type !== 'string') return;
    const range = { start: this.start(value), end: this.end(value) };
    if (!this.text.slice(range.start, range.end).includes('[CQ:')) return;
    this.out.messages.push({ start: this.start(nameNode), end: this.end(nameNode), written: this.src(nameNode), value: range });
  }
}
