/**
 * The Python scanner: NoneBot2 (`bot.call_api`, `bot.<action>(…)`), aiocqhttp (`bot.call_action`),
 * raw HTTP/WebSocket clients (URL paths, `{"action": …, "params": …}` dicts) and plain strings.
 *
 * The core stays pure: the caller hands in a parser that is already initialised (web-tree-sitter
 * with the tree-sitter-python grammar in the node layer, see server/src/node/python-parser.ts).
 * Only the small structural interface below is used, so a test may hand in anything that has it.
 */
import { anyOffsetIn, candidateOffsets, milkyNames, resolveNapcat } from '../catalog';
import { exceedsNesting, MAX_NESTING } from '../nesting';
import { shiftSite } from '../shift';
import { lineStarts, positionAt } from '../text';
import { findEmbeddedActions, findPathNames, looksLikePathText } from './paths';
import { pyChildren } from './pyChildren';
import { PY_FILE_PREFILTER, scanPythonFile, type PyFileFacts, type PyRegion } from './pythonFile';
import type { Literal, ObjectInfo, PropInfo, ScanResult, Site } from './types';
import { NONEBOT_PREFILTER, rememberNoneBotScan, scanNoneBot, shiftedNoneBotScan, type NoneBotScan } from '../framework/nonebot';

// ---- what the scanner needs from a parser --------------------------------------------------------

/** A syntax node, as tree-sitter exposes it (the subset this scanner reads). */
export interface PyNode {
  readonly type: string;
  /** Offsets in the parser's unit (see `PythonParser.indexUnit`). */
  readonly startIndex: number;
  readonly endIndex: number;
  readonly childCount: number;
  child(index: number): PyNode | null;
  /** All children at once (cheaper than `child(i)` in web-tree-sitter: one call into wasm). */
  readonly children?: ReadonlyArray<PyNode | null>;
  childForFieldName(field: string): PyNode | null;
  /** The first child that ends after `index` (parser units); with the siblings, a walk over part of a list. */
  firstChildForIndex?(index: number): PyNode | null;
  readonly nextSibling?: PyNode | null;
  readonly previousSibling?: PyNode | null;
  readonly parent?: PyNode | null;
  /** The smallest node that spans `index` (parser units): with `parent`, a path read from a leaf up. */
  descendantForIndex?(index: number): PyNode | null;
  /** The node or a descendant is an ERROR or MISSING node. */
  readonly hasError: boolean;
  readonly isMissing: boolean;
}

export interface PyTree {
  readonly rootNode: PyNode;
  /** Tells the tree about a change of its text, before an incremental `parse` (see `pythonEditOf`). */
  edit?(edit: PyEdit): void;
  /** Where this (edited) tree and a tree parsed from it differ in structure (parser units). */
  getChangedRanges?(other: PyTree): ReadonlyArray<{ startIndex: number; endIndex: number }>;
  /** Frees the tree (web-tree-sitter trees live in wasm memory). */
  delete(): void;
}

export interface PyPoint { row: number; column: number }

/** One text change in tree-sitter's terms: indices and row/column points, in UTF-16 units. */
export interface PyEdit {
  startIndex: number;
  oldEndIndex: number;
  newEndIndex: number;
  startPosition: PyPoint;
  oldEndPosition: PyPoint;
  newEndPosition: PyPoint;
}

/** The edit that replaces `oldText[start, oldEnd)` by `newText`, for `tree.edit` before a reparse. */
export function pythonEditOf(oldText: string, start: number, oldEnd: number, newText: string): PyEdit {
  // From one newline to the next with indexOf: an edit near the end of a long file is one keystroke.
  const point = (text: string, offset: number, base: PyPoint = { row: 0, column: 0 }, from = 0): PyPoint => {
    let row = base.row;
    let lastNewline = -1;
    for (let i = text.indexOf('\n', from); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) { row++; lastNewline = i; }
    return { row, column: lastNewline < 0 ? base.column + offset - from : offset - lastNewline - 1 };
  };
  const startPosition = point(oldText, start);
  const inserted = point(newText, newText.length, startPosition);
  return {
    startIndex: start, oldEndIndex: oldEnd, newEndIndex: start + newText.length,
    startPosition, oldEndPosition: point(oldText, oldEnd, startPosition, start), newEndPosition: inserted,
  };
}

export interface PythonParser {
  /** Parses `text`; with `oldTree` (already `edit`ed by the caller) the parse is incremental. */
  parse(text: string, oldTree?: PyTree | null): PyTree | null;
  /**
   * What `startIndex`/`endIndex` count. web-tree-sitter parsing a JS string counts UTF-16 code
   * units (the default); a parser fed UTF-8 counts bytes, and the scanner then converts.
   */
  readonly indexUnit?: 'utf16' | 'utf8';
}

// ---- the parser the analyzer uses ---------------------------------------------------------------

let registered: PythonParser | undefined;
let registeredProblem: string | undefined;

/** Hands the core an initialised parser (the node layer does this once, after loading the wasm). */
export function setPythonParser(parser: PythonParser | undefined, problem?: string): void {
  registered = parser;
  registeredProblem = parser ? undefined : problem;
}

export function pythonParser(): PythonParser | undefined {
  return registered;
}

// ---- options and result -------------------------------------------------------------------------

export interface PyScanOptions {
  /** Report sites even when the tree has ERROR/MISSING nodes (the editor, while typing). */
  tolerant?: boolean;
  /** Parse even when the prefilter finds no name (to learn whether the text parses). */
  alwaysParse?: boolean;
  /** An older tree, already edited with `tree.edit(…)` to match `text`: reparse incrementally. */
  previousTree?: PyTree;
  /** Return the tree (the caller then owns it and must `delete()` it); otherwise it is freed. */
  keepTree?: boolean;
  /** A parser other than the registered one. */
  pythonParser?: PythonParser;
  /**
   * With `previousTree` and `keepTree`: the previous scan's statements and the edit since then, in
   * UTF-16 units (the old text's [start, oldEnd) became [start, newEnd)). A top-level statement
   * that neither the edit nor the reparse touched keeps its sites, shifted, instead of a new walk.
   */
  reuse?: {
    statements: readonly PyStatement[]; start: number; oldEnd: number; newEnd: number;
    /** The previous scan's text, file facts and NoneBot scan: kept where the edit cannot change them. */
    text: string; python?: PyFileFacts; nonebot?: NoneBotScan;
  };
}

/** A top-level statement of a scan: its range, its sites and the `Bot` names it declares for the module. */
export interface PyStatement {
  start: number;
  end: number;
  sites: readonly Site[];
  bots: readonly string[];
}

export interface PyScan extends ScanResult {
  tree?: PyTree;
  /** NoneBot v11 imports, their uses and factory calls (read only when the text names the v11 adapter). */
  nonebot?: NoneBotScan;
  /** With `keepTree`: the scan per top-level statement, for the next `reuse`. */
  statements?: PyStatement[];
  /** How many top-level statements were walked and how many kept (tests, the benchmark). */
  walked?: { visited: number; reused: number };
}

/** Callees whose argument lists belong to other APIs: never flagged (as in TS, plus Python's imports). */
const FOREIGN_CALLEES = new Set(['rpc', 'invoke', 'url_for', 'import_module', '__import__']);
/** Decorators that declare the app's own HTTP endpoints (Flask, FastAPI, Starlette, aiohttp, Sanic, Quart). */
const ROUTE_DECORATORS = new Set(['route', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options', 'trace', 'websocket', 'websocket_route', 'api_route', 'view']);
/** Route registrations that are not decorators. */
const ROUTE_CALLS = new Set(['add_url_rule', 'add_api_route', 'add_api_websocket_route', 'add_websocket_route', 'add_route', 'add_get', 'add_post', 'add_put', 'add_delete', 'add_patch']);
/** `bot.call_api(name, **params)` (NoneBot) and `bot.call_action(name, **params)` (aiocqhttp). */
const CALL_FORMS = new Set(['call_api', 'call_action']);
/** Keyword arguments of an HTTP client call that carry the request body. */
const BODY_KEYWORDS = ['json', 'data'];

/** Scans Python source. Offsets in the sites are UTF-16 offsets into `text`. */
export function scanPython(text: string, options: PyScanOptions = {}): PyScan {
  const parser = options.pythonParser ?? registered;
  if (!parser) return { sites: [], syntaxError: registeredProblem ?? 'the Python parser is not loaded', fatal: true };
  const offsets = candidateOffsets(text);
  // Decorators and framework messages carry no action name: their own prefilter decides.
  const fileFacts = PY_FILE_PREFILTER.test(text);
  if (offsets.length === 0 && !fileFacts && !options.alwaysParse && !options.previousTree && !options.keepTree) return { sites: [] };
  if (exceedsNesting(text)) return { sites: [], syntaxError: `too deeply nested (over ${MAX_NESTING} levels)`, fatal: true };
  let tree: PyTree | null;
  try {
    tree = parser.parse(text, options.previousTree ?? null);
  } catch (e) {
    return { sites: [], syntaxError: `parser failed: ${String(e)}`, fatal: true };
  }
  if (!tree) return { sites: [], syntaxError: 'parser failed: no tree', fatal: true };
  const done = (r: ScanResult): PyScan => {
    if (options.keepTree) return { ...r, tree: tree! };
    tree!.delete();
    return r;
  };
  const toUtf16 = parser.indexUnit === 'utf8' ? utf8ToUtf16(text) : undefined;
  const root = tree.rootNode;
  const syntaxError = root.hasError ? describeError(root, text, toUtf16) : undefined;
  if (syntaxError && !options.tolerant) return done({ sites: [], syntaxError });
  let sites: Site[];
  let nonebot: NoneBotScan | undefined;
  let python: PyFileFacts | undefined;
  let kept: Pick<PyScan, 'statements' | 'walked'> = {};
  try {
    // An editor update walks again only the top-level statements the edit or the reparse touched.
    const reuse = options.keepTree && options.previousTree ? options.reuse : undefined;
    let region: PyRegion | undefined;
    if (offsets.length === 0) sites = [];
    else if (!options.keepTree) sites = new PySiteFinder(text, offsets, toUtf16).run(root);
    else {
      const plan = reuse && !toUtf16 ? reusePlan(reuse, options.previousTree!, tree) : undefined;
      const part = plan && new PySiteFinder(text, offsets, toUtf16).runPart(root, plan);
      // A statement that declares other module-level `Bot` names changes what later statements mean.
      const walk = part && sameBots(part.statements, reuse!.statements) ? part : new PySiteFinder(text, offsets, toUtf16).runStatements(root);
      if (walk === part) region = part.region;
      sites = walk.sites;
      kept = { statements: walk.statements, walked: walk.walked };
    }
    // File facts (decorators, framework messages) and the NoneBot scan: the region only, when the previous ones say enough.
    python = fileFacts ? scanPythonFile(root, text, toUtf16, region && reuse?.python ? { previous: reuse.python, region } : undefined) : undefined;
    if (NONEBOT_PREFILTER.test(text)) {
      nonebot = region && reuse?.nonebot ? shiftedNoneBotScan(reuse.nonebot, reuse.text, text, region) : undefined;
      if (!nonebot) {
        const at = (n: PyNode) => (toUtf16 ? toUtf16(n.startIndex) : n.startIndex);
        const to = (n: PyNode) => (toUtf16 ? toUtf16(n.endIndex) : n.endIndex);
        nonebot = scanNoneBot(root, text, at, to);
      }
      if (!nonebot.imports.length) nonebot = undefined;
    }
    rememberNoneBotScan(text, nonebot);
  } catch (e) {
    if (e instanceof RangeError) return done({ sites: [], syntaxError: 'too deeply nested to analyze', fatal: true });
    throw e;
  }
  // In a NoneBot v11 file, `bot.<action>(…)` is a method of the adapter's Bot: the fix may rename it.
  // (Sites kept from the last scan are marked again: the import may have come or gone.)
  for (const x of sites) if (x.callSite === 'method') { if (nonebot) x.framework = 'nonebot'; else delete x.framework; }
  return { ...done({ sites, syntaxError, ...(python ? { python } : {}), ...(nonebot ? { nonebot } : {}) }), ...kept };
}

type Reuse = NonNullable<PyScanOptions['reuse']>;

/**
 * What an update keeps: the old top-level statements that end before every changed place and those
 * that start after it (the edit, and each range where the reparse changed the tree; touching counts,
 * a statement that ends where the edit begins may have grown into it). Only the statements in
 * between, `from`..`to` of the new text, are walked again.
 */
interface ReusePlan { before: readonly PyStatement[]; after: readonly PyStatement[]; delta: number; from: number; to: number }

function reusePlan(reuse: Reuse, oldTree: PyTree, newTree: PyTree): ReusePlan | undefined {
  if (!oldTree.getChangedRanges || !newTree.rootNode.firstChildForIndex) return undefined;
  let from = reuse.start;
  let to = reuse.newEnd;
  for (const r of oldTree.getChangedRanges(newTree)) { from = Math.min(from, r.startIndex); to = Math.max(to, r.endIndex); }
  const delta = reuse.newEnd - reuse.oldEnd;
  const old = reuse.statements;
  let b = 0;
  while (b < old.length && old[b].end < from) b++;
  let a = b;
  while (a < old.length && old[a].start + delta <= to) a++;
  return { before: old.slice(0, b), after: old.slice(a), delta, from: b ? old[b - 1].end : 0, to: a < old.length ? old[a].start + delta : Infinity };
}

function sameBots(a: readonly PyStatement[], b: readonly PyStatement[]): boolean {
  const list = (ss: readonly PyStatement[]) => ss.flatMap((s) => s.bots).join('\n');
  return list(a) === list(b);
}

/**
 * Byte offsets of a UTF-8 encoding → UTF-16 offsets. ASCII text needs no table; otherwise one
 * entry per UTF-16 unit holds its byte offset and a lookup is a binary search.
 */
export function utf8ToUtf16(text: string): ((byte: number) => number) | undefined {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(text)) return undefined;
  const bytesAt = new Uint32Array(text.length + 1);
  let b = 0;
  for (let i = 0; i < text.length; i++) {
    bytesAt[i] = b;
    const c = text.charCodeAt(i);
    if (c < 0x80) b += 1;
    else if (c < 0x800) b += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair is 4 bytes. Its low half starts no character: it gets a byte inside the
      // pair, so that the byte right after the pair maps to the unit after the pair.
      bytesAt[++i] = b + 2;
      b += 4;
      continue;
    } else b += 3;
  }
  bytesAt[text.length] = b;
  return (byte: number) => {
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (bytesAt[mid] < byte) lo = mid + 1; else hi = mid;
    }
    return lo;
  };
}

/** The first ERROR or MISSING node, as `syntax error at line:column`. */
function describeError(root: PyNode, text: string, toUtf16: ((b: number) => number) | undefined): string {
  let n: PyNode = root;
  let what = 'invalid syntax';
  for (;;) {
    let next: PyNode | undefined;
    for (let i = 0; i < n.childCount; i++) {
      const c = n.child(i);
      if (!c) continue;
      if (c.isMissing) { next = undefined; n = c; what = `missing ${c.type}`; break; }
      if (c.type === 'ERROR') { next = undefined; n = c; what = 'invalid syntax'; break; }
      if (c.hasError) { next = c; break; }
    }
    if (!next) break;
    n = next;
  }
  const at = toUtf16 ? toUtf16(n.startIndex) : n.startIndex;
  const p = positionAt(lineStarts(text), Math.min(at, text.length));
  return `syntax error at ${p.line + 1}:${p.character + 1}: ${what}`;
}

// ---- the walk -----------------------------------------------------------------------------------

class PySiteFinder {
  private readonly stack: PyNode[] = [];
  private readonly sites: Site[] = [];
  /** Names annotated `Bot` in the enclosing scopes (function parameters, annotated assignments). */
  private readonly botNames: Set<string>[] = [new Set()];

  constructor(private readonly text: string, private readonly offsets: number[], private readonly toUtf16: ((b: number) => number) | undefined) {}

  run(root: PyNode): Site[] {
    this.visit(root, this.text.length);
    return this.sites.sort((a, b) => a.start - b.start);
  }

  /**
   * `runStatements` with a plan: the kept statements' sites (those after the edit shifted), and a walk
   * of the new top-level statements between them only, found from the tree with `firstChildForIndex`
   * and siblings. Undefined when the new tree's statements do not line up with the kept ones.
   */
  runPart(root: PyNode, plan: ReusePlan): (ReturnType<PySiteFinder['runStatements']> & { region: PyRegion }) | undefined {
    const statements: PyStatement[] = [...plan.before];
    const region: PyRegion = { from: plan.from, to: plan.to, oldTo: plan.to - plan.delta, delta: plan.delta, statements: [] };
    const walked = { visited: 0, reused: plan.before.length + plan.after.length };
    const module = this.botNames[0];
    for (const st of plan.before) { for (const x of st.sites) this.sites.push(x); for (const b of st.bots) module.add(b); }
    const last = plan.before[plan.before.length - 1];
    let kid = root.firstChildForIndex!(plan.from);
    // The statement before the walked ones must be the last kept one, as it was.
    const prev = kid ? kid.previousSibling : undefined;
    if (last ? !prev || this.start(prev) !== last.start || this.end(prev) !== last.end : prev) return undefined;
    const end = Math.min(plan.to, this.text.length);
    this.stack.push(root);
    try {
      while (kid && this.start(kid) < end) {
        const next = kid.nextSibling ?? null;
        const bound = next ? this.start(next) : this.text.length;
        statements.push(this.statement(kid, bound));
        region.statements.push([kid, bound]);
        walked.visited++;
        kid = next;
      }
    } finally {
      this.stack.pop();
    }
    const first = plan.after[0];
    if (first ? !kid || this.start(kid) !== first.start + plan.delta || this.end(kid) !== first.end + plan.delta : kid) return undefined;
    for (const st of plan.after) {
      const shifted = plan.delta === 0 ? st : { start: st.start + plan.delta, end: st.end + plan.delta, sites: st.sites.map((x) => shiftSite(x, plan.delta)), bots: st.bots };
      for (const x of shifted.sites) this.sites.push(x);
      for (const b of st.bots) module.add(b);
      statements.push(shifted);
    }
    return { sites: this.sites.sort((a, b) => a.start - b.start), statements, walked, region };
  }

  /** Walks one top-level statement (`bound`: where the next one starts) and records what it holds. */
  private statement(kid: PyNode, bound: number): PyStatement {
    const module = this.botNames[0];
    const from = this.sites.length;
    const known = module.size;
    this.visit(kid, bound);
    // A Set keeps insertion order: the names this statement added are the last ones.
    const bots = module.size > known ? [...module].slice(known) : [];
    return { start: this.start(kid), end: this.end(kid), sites: this.sites.slice(from).sort((a, b) => a.start - b.start), bots };
  }

  /**
   * The same walk as `run`, one top-level statement at a time (as `visitChildren` of the module
   * does), recording each statement's sites and module-level `Bot` names for the next update.
   */
  runStatements(root: PyNode): { sites: Site[]; statements: PyStatement[]; walked: { visited: number; reused: number } } {
    const kids = this.children(root);
    const statements: PyStatement[] = [];
    this.stack.push(root);
    try {
      for (let i = 0; i < kids.length; i++) statements.push(this.statement(kids[i], i + 1 < kids.length ? this.start(kids[i + 1]) : this.text.length));
    } finally {
      this.stack.pop();
    }
    const walked = { visited: kids.length, reused: 0 };
    return { sites: this.sites.sort((a, b) => a.start - b.start), statements, walked };
  }

  private start(n: PyNode): number {
    return this.toUtf16 ? this.toUtf16(n.startIndex) : n.startIndex;
  }

  private end(n: PyNode): number {
    return this.toUtf16 ? this.toUtf16(n.endIndex) : n.endIndex;
  }

  private src(n: PyNode): string {
    return this.text.slice(this.start(n), this.end(n));
  }

  private hasCandidate(pos: number, end: number): boolean {
    return anyOffsetIn(this.offsets, pos, end);
  }

  private parent(depth = 0): PyNode | undefined {
    return this.stack[this.stack.length - 1 - depth];
  }

  private children(n: PyNode): PyNode[] {
    return pyChildren(n);
  }

  /**
   * `bound` is where the next sibling starts (or the parent's bound): siblings never overlap and a
   * name is never whitespace, so no candidate of this node lies past it. That spares reading every
   * node's end, which costs a call into wasm.
   */
  private visit(node: PyNode, bound: number): void {
    const type = node.type;
    if (type === 'comment') return;
    // Annotations are collected even where no name occurs: they decide receivers further down.
    if (type === 'function_definition' || type === 'lambda') {
      this.enterScope(node);
      try { this.visitChildren(node, bound); } finally { this.botNames.pop(); }
      return;
    }
    if (type === 'expression_statement' && node.child(0)?.type === 'assignment') this.noteAnnotatedAssignment(node.child(0)!);
    if (!this.hasCandidate(this.start(node), bound)) return;
    switch (type) {
      case 'string':
        this.onString(node);
        // Interpolations may hold strings of their own (`f"{d['send_msg']}"`).
        for (const c of this.children(node)) if (c.type === 'interpolation') this.visitIn(node, c, bound);
        return;
      case 'expression_statement':
        // A string alone as a statement is a docstring (or dead text): never flagged.
        if (node.childCount === 1 && (node.child(0)?.type === 'string' || node.child(0)?.type === 'concatenated_string')) return;
        break;
      case 'concatenated_string':
        // `'send_' 'group_msg'`: a name split across literals is not a whole-string name; each
        // part is still a string (a URL part counts like one side of a `+`).
        break;
      case 'call':
        this.onCall(node);
        break;
    }
    this.visitChildren(node, bound);
  }

  private visitChildren(node: PyNode, bound: number): void {
    const kids = this.children(node);
    this.stack.push(node);
    try {
      for (let i = 0; i < kids.length; i++) this.visit(kids[i], i + 1 < kids.length ? this.start(kids[i + 1]) : bound);
    } finally {
      this.stack.pop();
    }
  }

  private visitIn(parent: PyNode, child: PyNode, bound: number): void {
    this.stack.push(parent);
    try { this.visit(child, bound); } finally { this.stack.pop(); }
  }

  // ---- scopes: which names are a `Bot` --------------------------------------------------------

  private static isBotAnnotation(type: PyNode | null, src: string): boolean {
    if (!type) return false;
    // `Bot`, `v11.Bot`, `"Bot"`, `Optional[Bot]`, `Bot | None`
    const t = src.replace(/^["']|["']$/g, '').trim();
    return /^(?:[A-Za-z_][\w]*\.)*Bot$/.test(t) || /^(?:Optional\[\s*(?:[A-Za-z_]\w*\.)*Bot\s*\]|(?:[A-Za-z_]\w*\.)*Bot\s*\|\s*None)$/.test(t);
  }

  private enterScope(fn: PyNode): void {
    const names = new Set(this.botNames[this.botNames.length - 1]);
    const params = fn.childForFieldName('parameters');
    if (params) {
      for (const p of this.children(params)) {
        if (p.type !== 'typed_parameter' && p.type !== 'typed_default_parameter') continue;
        const type = p.childForFieldName('type');
        const name = p.type === 'typed_default_parameter' ? p.childForFieldName('name') : p.child(0);
        if (!name || name.type !== 'identifier') continue;
        if (PySiteFinder.isBotAnnotation(type, type ? this.src(type) : '')) names.add(this.src(name));
        else names.delete(this.src(name));
      }
    }
    this.botNames.push(names);
  }

  /** `bot: Bot = get_bot()` */
  private noteAnnotatedAssignment(node: PyNode): void {
    const type = node.childForFieldName('type');
    const left = node.childForFieldName('left');
    if (!type || !left || left.type !== 'identifier') return;
    if (PySiteFinder.isBotAnnotation(type, this.src(type))) this.botNames[this.botNames.length - 1].add(this.src(left));
  }

  private isBotReceiver(obj: PyNode): boolean {
    if (obj.type === 'identifier') {
      const name = this.src(obj);
      return name === 'bot' || this.botNames[this.botNames.length - 1].has(name);
    }
    if (obj.type === 'attribute') {
      const attr = obj.childForFieldName('attribute');
      return !!attr && this.src(attr) === 'bot';
    }
    return false;
  }

  // ---- strings --------------------------------------------------------------------------------

  /** The content parts of a string node: static text runs and whether an interpolation follows. */
  private stringParts(node: PyNode): { parts: { start: number; end: number; atEnd: boolean }[]; interpolated: boolean; closed: boolean; prefix: string } | undefined {
    const kids = this.children(node);
    const head = kids[0];
    if (!head || head.type !== 'string_start') return undefined;
    const last = kids[kids.length - 1];
    const closed = !!last && last.type === 'string_end' && !last.isMissing && last.endIndex > last.startIndex;
    const prefix = this.src(head).replace(/["']+$/, '').toLowerCase();
    const parts: { start: number; end: number; atEnd: boolean }[] = [];
    let interpolated = false;
    // Content is everything between string_start and string_end that is not an interpolation.
    let runStart = this.end(head);
    const bodyEnd = closed ? this.start(last) : this.end(node);
    for (const k of kids.slice(1)) {
      if (k.type === 'interpolation') {
        interpolated = true;
        if (this.start(k) > runStart) parts.push({ start: runStart, end: this.start(k), atEnd: false });
        runStart = this.end(k);
      }
    }
    if (bodyEnd > runStart) parts.push({ start: runStart, end: bodyEnd, atEnd: true });
    else if (parts.length) parts[parts.length - 1].atEnd = false;
    return { parts, interpolated, closed, prefix };
  }

  private onString(node: PyNode): void {
    const info = this.stringParts(node);
    if (!info || this.isForeign(node)) return;
    const { parts, interpolated } = info;
    const whole = !interpolated && parts.length === 1 ? parts[0] : undefined;
    if (whole) {
      const raw = this.text.slice(whole.start, whole.end);
      if (resolveNapcat(raw) || milkyNames.has(raw)) {
        if (this.isEchoValue(node)) return;
        const callSite = this.stringCallSite(node);
        const site: Site = { start: whole.start, end: whole.end, written: raw, callSite };
        if (callSite !== 'key') this.attachParams(site, node);
        this.sites.push(site);
        return;
      }
    }
    const staticText = parts.map((p) => this.text.slice(p.start, p.end)).join('');
    if (looksLikePathText(staticText)) {
      for (const part of parts) {
        const raw = this.text.slice(part.start, part.end);
        for (const p of findPathNames(raw, part.atEnd)) {
          const site: Site = { start: part.start + p.offset, end: part.start + p.offset + p.written.length, written: p.written, callSite: 'url', apiPrefix: p.apiPrefix };
          this.attachUrlParams(site, node);
          this.sites.push(site);
        }
      }
      return;
    }
    for (const part of parts) {
      const raw = this.text.slice(part.start, part.end);
      for (const e of findEmbeddedActions(raw)) {
        this.sites.push({ start: part.start + e.offset, end: part.start + e.offset + e.written.length, written: e.written, callSite: 'frame', frame: true });
      }
    }
  }

  /** The string's value without quotes, when it is a plain literal (no interpolation). */
  private stringValue(node: PyNode): string | undefined {
    if (node.type !== 'string') return undefined;
    const info = this.stringParts(node);
    if (!info || info.interpolated) return undefined;
    return info.parts.map((p) => this.text.slice(p.start, p.end)).join('');
  }

  private stringCallSite(node: PyNode): 'string' | 'key' | 'action' {
    const p = this.parent();
    if (!p) return 'string';
    if (p.type === 'pair') {
      if (p.childForFieldName('key')?.startIndex === node.startIndex) return 'key';
      const key = p.childForFieldName('key');
      if (key && this.stringValue(key) === 'action') return 'action';
    }
    if (p.type === 'keyword_argument' && this.keywordName(p) === 'action') return 'action';
    return 'string';
  }

  private keywordName(kw: PyNode): string | undefined {
    const n = kw.childForFieldName('name');
    return n ? this.src(n) : undefined;
  }

  private pairKey(pair: PyNode): string | undefined {
    const k = pair.childForFieldName('key');
    return k ? this.stringValue(k) : undefined;
  }

  /** The callee's last name: `f` of `f(…)`, `post` of `requests.post(…)`. */
  private calleeName(call: PyNode): string | undefined {
    const fn = call.childForFieldName('function');
    if (!fn) return undefined;
    if (fn.type === 'identifier') return this.src(fn);
    if (fn.type === 'attribute') {
      const a = fn.childForFieldName('attribute');
      return a ? this.src(a) : undefined;
    }
    return undefined;
  }

  /** `echo` correlation labels: the value of an `echo` key, keyword or variable (through `x if c else y`, `or`, `+`, parens). */
  private isEchoValue(node: PyNode): boolean {
    let child = node;
    for (let i = 0; i < this.stack.length; i++) {
      const p = this.parent(i)!;
      switch (p.type) {
        case 'parenthesized_expression':
        case 'conditional_expression':
        case 'boolean_operator':
        case 'binary_operator':
          child = p;
          continue;
        case 'pair':
          return p.childForFieldName('value')?.startIndex === child.startIndex && this.pairKey(p) === 'echo';
        case 'keyword_argument':
          return this.keywordName(p) === 'echo';
        case 'assignment': {
          const left = p.childForFieldName('left');
          if (!left || p.childForFieldName('right')?.startIndex !== child.startIndex) return false;
          if (left.type === 'identifier') return this.src(left) === 'echo';
          if (left.type === 'attribute') return this.src(left.childForFieldName('attribute')!) === 'echo';
          if (left.type === 'subscript') {
            const sub = left.childForFieldName('subscript');
            return !!sub && this.stringValue(sub) === 'echo';
          }
          return false;
        }
        default:
          return false;
      }
    }
    return false;
  }

  /** Inside the arguments of rpc/invoke/url_for/import_module, a route declaration or an import: never an action use. */
  private isForeign(node: PyNode): boolean {
    void node;
    for (let i = 0; i < this.stack.length; i++) {
      const p = this.parent(i)!;
      if (p.type === 'import_statement' || p.type === 'import_from_statement' || p.type === 'future_import_statement') return true;
      if (p.type === 'argument_list') {
        const call = this.parent(i + 1);
        if (call?.type === 'call') {
          const name = this.calleeName(call);
          if (name && (FOREIGN_CALLEES.has(name) || ROUTE_CALLS.has(name))) return true;
          if (name && ROUTE_DECORATORS.has(name) && this.parent(i + 2)?.type === 'decorator') return true;
        }
      }
    }
    return false;
  }

  // ---- params next to a name ------------------------------------------------------------------

  private attachParams(site: Site, node: PyNode): void {
    const p = this.parent();
    if (!p) return;
    if (p.type === 'argument_list') {
      const call = this.parent(1);
      const args = this.children(p).filter((c) => c.type !== '(' && c.type !== ')' && c.type !== ',' && c.type !== 'comment');
      const i = args.findIndex((a) => a.startIndex === node.startIndex);
      if (i < 0) return;
      const next = args[i + 1];
      const isCallForm = call?.type === 'call' && CALL_FORMS.has(this.calleeName(call) ?? '') && i === 0;
      const keywordLike = !!next && (next.type === 'keyword_argument' || next.type === 'dictionary_splat');
      if (isCallForm && (!next || keywordLike)) { this.setKwargs(site, p, ['api', 'action']); return; }
      if (next && next.type !== 'keyword_argument') this.setParams(site, next);
      return;
    }
    if (p.type === 'keyword_argument' && site.callSite === 'action') {
      // `call_api(api='send_msg', …)` or `frame(action='send_msg', params={…})`
      const list = this.parent(1);
      const call = this.parent(2);
      if (!list || list.type !== 'argument_list') return;
      if (call?.type === 'call' && CALL_FORMS.has(this.calleeName(call) ?? '')) { this.setKwargs(site, list, ['api', 'action']); return; }
      for (const kw of this.children(list)) {
        const name = kw.type === 'keyword_argument' ? this.keywordName(kw) : undefined;
        if (name === 'echo') site.frame = true;
        if (name !== 'params') continue;
        site.frame = true;
        const v = kw.childForFieldName('value');
        if (v) this.setParams(site, v); else site.params = { kind: 'opaque' };
      }
      return;
    }
    if (p.type === 'keyword_argument' && this.keywordName(p) === 'api') {
      const list = this.parent(1);
      const call = this.parent(2);
      if (list?.type === 'argument_list' && call?.type === 'call' && CALL_FORMS.has(this.calleeName(call) ?? '')) this.setKwargs(site, list, ['api', 'action']);
      return;
    }
    if (p.type === 'pair' && site.callSite === 'action') {
      const dict = this.parent(1);
      if (!dict || dict.type !== 'dictionary') return;
      for (const pair of this.children(dict)) {
        if (pair.type !== 'pair') continue;
        const key = this.pairKey(pair);
        if (key === 'echo') site.frame = true;
        if (key !== 'params') continue;
        site.frame = true;
        const v = pair.childForFieldName('value');
        if (v) this.setParams(site, v); else site.params = { kind: 'opaque' };
      }
    }
  }

  private setParams(site: Site, arg: PyNode): void {
    let e = arg;
    while (e.type === 'parenthesized_expression' && e.childCount === 3 && e.child(1)) e = e.child(1)!;
    if (e.type === 'dictionary' && this.closes(e, '}')) { const info = this.dictInfo(e); if (info) { site.params = { kind: 'object', object: info }; return; } }
    if (e.type === 'call' && this.calleeName(e) === 'dict' && e.childForFieldName('function')?.type === 'identifier') {
      const list = e.childForFieldName('arguments');
      if (list && list.type === 'argument_list') { this.setKwargs(site, list, [], true); return; }
    }
    site.params = { kind: 'opaque' };
  }

  private closes(n: PyNode, ch: string): boolean {
    const last = n.child(n.childCount - 1);
    return !!last && last.type === ch && !last.isMissing && last.endIndex > last.startIndex;
  }

  /** For a URL: climb through `+`, `%`, parens and f-strings to a call argument; the body is `json=`/`data=` or the next argument. */
  private attachUrlParams(site: Site, node: PyNode): void {
    let child = node;
    for (let i = 0; i < this.stack.length; i++) {
      const p = this.parent(i)!;
      if (p.type === 'binary_operator' || p.type === 'parenthesized_expression' || p.type === 'concatenated_string') { child = p; continue; }
      if (p.type !== 'argument_list') return;
      const args = this.children(p).filter((c) => c.type !== '(' && c.type !== ')' && c.type !== ',' && c.type !== 'comment');
      const at = args.findIndex((a) => a.startIndex === child.startIndex && a.endIndex === child.endIndex);
      if (at < 0) return;
      const body = args.find((a) => a.type === 'keyword_argument' && BODY_KEYWORDS.includes(this.keywordName(a) ?? ''));
      if (body) {
        let v = body.childForFieldName('value');
        // `json=json.dumps({...})` / `data=json.dumps({...})`
        if (v?.type === 'call' && this.calleeName(v) === 'dumps') {
          const a = v.childForFieldName('arguments');
          const first = a ? this.children(a).find((c) => c.type !== '(' && c.type !== ')' && c.type !== ',') : undefined;
          if (first && first.type !== 'keyword_argument') v = first;
        }
        if (v) this.setParams(site, v); else site.params = { kind: 'opaque' };
        return;
      }
      const next = args[at + 1];
      if (next && next.type !== 'keyword_argument' && next.type !== 'dictionary_splat' && next.type !== 'list_splat') this.setParams(site, next);
      return;
    }
  }

  // ---- object info: dict literals and keyword arguments ----------------------------------------

  private literalOf(v: PyNode): Literal | undefined {
    switch (v.type) {
      case 'string': {
        const value = this.stringValue(v);
        if (value === undefined || /\\/.test(value)) return undefined;
        const info = this.stringParts(v)!;
        if (info.prefix.includes('b') || info.prefix.includes('f')) return undefined;
        const head = this.src(v.child(0)!);
        const quote = head.slice(info.prefix.length);
        return quote.length === 1 ? { kind: 'string', value, quote } : undefined;
      }
      case 'integer': {
        const s = this.src(v).replace(/_/g, '');
        return /^\d+$/.test(s) ? { kind: 'number', value: Number(s) } : undefined;
      }
      case 'float': {
        const n = Number(this.src(v).replace(/_/g, ''));
        return Number.isFinite(n) ? { kind: 'number', value: n } : undefined;
      }
      case 'unary_operator': {
        const op = v.child(0);
        const arg = v.childForFieldName('argument');
        if (op?.type === '-' && arg && (arg.type === 'integer' || arg.type === 'float')) {
          const l = this.literalOf(arg);
          return l?.kind === 'number' ? { kind: 'number', value: -l.value } : undefined;
        }
        return undefined;
      }
      case 'true': return { kind: 'boolean', value: true };
      case 'false': return { kind: 'boolean', value: false };
      case 'none': return { kind: 'null' };
    }
    return undefined;
  }

  /** `[{"type": "text", "data": {"text": …}}, …]` */
  private isTextSegmentList(v: PyNode): boolean {
    if (v.type !== 'list') return false;
    const els = this.children(v).filter((c) => c.type !== '[' && c.type !== ']' && c.type !== ',');
    return els.length > 0 && els.every((el) => el.type === 'dictionary' && this.children(el).some((pair) => pair.type === 'pair' && this.pairKey(pair) === 'type' && this.stringValue(pair.childForFieldName('value')!) === 'text'));
  }

  private dictInfo(dict: PyNode): ObjectInfo | undefined {
    const props: PropInfo[] = [];
    let open = false;
    let keyQuote = '';
    let stringQuote = '';
    for (const pair of this.children(dict)) {
      if (pair.type === '{' || pair.type === '}' || pair.type === ',' || pair.type === 'comment') continue;
      if (pair.type !== 'pair') { open = true; continue; }
      const k = pair.childForFieldName('key');
      const v = pair.childForFieldName('value');
      const lit = k ? this.literalOf(k) : undefined;
      if (!k || !v || lit?.kind !== 'string') { open = true; continue; }
      if (!keyQuote) keyQuote = lit.quote;
      const value = this.literalOf(v);
      if (value?.kind === 'string' && !stringQuote) stringQuote = value.quote;
      props.push({
        key: lit.value, keyStart: this.start(k), keyEnd: this.end(k), keyQuote: lit.quote, shorthand: false,
        propStart: this.start(pair), propEnd: this.end(pair), valueStart: this.start(v), valueEnd: this.end(v), value, textSegments: this.isTextSegmentList(v),
      });
    }
    const q = keyQuote || stringQuote || '"';
    return { start: this.start(dict), end: this.end(dict), props, open, syntax: 'py', keyQuote: q, stringQuote: stringQuote || q };
  }

  /**
   * Keyword arguments as the params (`call_api('x', group_id=1, **extra)`). `skip` names the
   * keywords that are not params (`api=`). With keywords out of order with other arguments
   * (`f(a=1, *rest, b=2)`) the edits could cross them, so the params are then opaque.
   */
  private setKwargs(site: Site, list: PyNode, skip: string[], allowNone = false): void {
    const props: PropInfo[] = [];
    let open = false;
    let stringQuote = '';
    let lastArgEnd = -1;
    let seenKeyword = false;
    for (const a of this.children(list)) {
      if (a.type === '(' || a.type === ')' || a.type === ',' || a.type === 'comment') continue;
      lastArgEnd = this.end(a);
      if (a.type === 'dictionary_splat' || a.type === 'list_splat') { open = true; if (seenKeyword && a.type === 'list_splat') { site.params = { kind: 'opaque' }; return; } continue; }
      if (a.type !== 'keyword_argument') { if (seenKeyword) { site.params = { kind: 'opaque' }; return; } continue; }
      const name = a.childForFieldName('name');
      const v = a.childForFieldName('value');
      if (!name || !v) { open = true; continue; }
      const key = this.src(name);
      if (skip.includes(key)) { if (!seenKeyword) continue; site.params = { kind: 'opaque' }; return; }
      seenKeyword = true;
      const value = this.literalOf(v);
      if (value?.kind === 'string' && !stringQuote) stringQuote = value.quote;
      props.push({
        key, keyStart: this.start(name), keyEnd: this.end(name), keyQuote: '', shorthand: false,
        propStart: this.start(a), propEnd: this.end(a), valueStart: this.start(v), valueEnd: this.end(v), value, textSegments: this.isTextSegmentList(v),
      });
    }
    if (!props.length && !open && !allowNone) return;
    if (!this.closes(list, ')')) { site.params = { kind: 'opaque' }; return; }
    const start = this.start(list);
    site.params = {
      kind: 'object',
      object: {
        start, end: this.end(list), props, open, syntax: 'py', keyQuote: '', stringQuote: stringQuote || "'",
        kwargs: { appendAt: lastArgEnd < 0 ? start + 1 : lastArgEnd, hasArgs: lastArgEnd >= 0 },
      },
    };
  }

  // ---- calls: `bot.<action>(…)` -------------------------------------------------------------

  private onCall(call: PyNode): void {
    const fn = call.childForFieldName('function');
    if (!fn || fn.type !== 'attribute') return;
    const attr = fn.childForFieldName('attribute');
    const obj = fn.childForFieldName('object');
    if (!attr || !obj) return;
    const name = this.src(attr);
    if (!resolveNapcat(name) || !this.isBotReceiver(obj)) return;
    // A decorator `@bot.send_msg(…)` is not a call of the action either way; it still counts as a use.
    const site: Site = { start: this.start(attr), end: this.end(attr), written: name, callSite: 'method' };
    const list = call.childForFieldName('arguments');
    if (list && list.type === 'argument_list') this.setKwargs(site, list, []);
    this.sites.push(site);
  }
}
