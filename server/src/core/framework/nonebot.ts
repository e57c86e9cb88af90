/**
 * NoneBot2 code written against nonebot-adapter-onebot v11, read from the tree-sitter tree: the
 * imports of `nonebot.adapters.onebot.v11` (and its submodules), the uses of the names they bind,
 * and the `MessageSegment.<factory>(…)` calls. `planNoneBot` turns one import and everything that
 * hangs on it into one all-or-nothing plan: the import, the renamed names at every use, the
 * factory calls. Pure: the caller hands in the root node.
 */
import { pyChildren } from '../scan/pyChildren';
import { anyOffsetIn } from '../catalog';
import { moveRange } from '../shift';
import { V11_MODULE, nonebotFactory, nonebotName, type FactoryReason, type NameReason } from '../catalog/nonebot';
import type { PyNode } from '../scan/python';

/** Text that can hold a v11 import (cheap; the tree decides). */
export const NONEBOT_PREFILTER = /nonebot\.adapters\.onebot\.v11\b/;

/** Why a name, a factory call or a whole import is not rewritten mechanically. */
export type FrameworkReason =
  | NameReason | FactoryReason
  | 'unknown-name' | 'int-to-str' | 'file-source' | 'arguments' | 'all-or-user'
  | 'star' | 'rebound' | 'name-taken' | 'comment' | 'layout' | 'module-use' | 'message-text';

export interface NbName {
  /** The v11 name and the local name it binds (the alias, or the name itself). */
  name: string;
  local: string;
  start: number;
  end: number;
  aliased: boolean;
}

export interface NbImport {
  form: 'from' | 'module';
  start: number;
  end: number;
  /** The v11 module path as written, its range, and the Milky module that replaces it. */
  module: string;
  moduleStart: number;
  moduleEnd: number;
  names: NbName[];
  /** `import nonebot.adapters.onebot.v11 as ob`: the alias. */
  alias?: string;
  star: boolean;
  /** A comment inside the statement (a regenerated statement would lose it). */
  comment: boolean;
  /** The statement starts its line (after indentation): `indent` is that indentation. */
  ownLine: boolean;
  indent: string;
}

/** A use of a name an import binds: an identifier (`from` form) or the attribute of `ob.X` (module form). */
export interface NbUse {
  imp: number;
  name: string;
  start: number;
  end: number;
}

/** `MessageSegment.<factory>(…)` where MessageSegment comes from a v11 import. */
export interface NbFactoryCall {
  imp: number;
  factory: string;
  /** The factory's name as written. */
  start: number;
  end: number;
  /** The argument list, parentheses included. */
  argsStart: number;
  argsEnd: number;
  /** The new `name(args)` text when the call converts mechanically; else why not. */
  rewrite?: string;
  reason?: FrameworkReason;
  /** The Milky factory the call becomes (`mention_all` for `at('all')`). */
  milky: readonly string[];
}

export interface NoneBotScan {
  imports: NbImport[];
  uses: NbUse[];
  factories: NbFactoryCall[];
  /** Per import: why its names cannot be followed to every use (rebound, in a string, used as a module). */
  unsafe: Map<number, { name: string; reason: FrameworkReason }[]>;
}

/** Where a reference to a name is only read (an annotation, an argument, a base class, an operand…). */
const LOAD_PARENTS = new Set([
  'type', 'argument_list', 'subscript', 'binary_operator', 'tuple', 'list', 'set', 'generic_type', 'type_parameter',
  'union_type', 'expression_list', 'parenthesized_expression', 'return_statement', 'comparison_operator',
  'boolean_operator', 'conditional_expression', 'not_operator', 'call', 'decorator', 'expression_statement',
  'except_clause', 'as_pattern', 'unary_operator', 'await', 'interpolation', 'raise_statement', 'yield', 'assert_statement',
]);

type Pos = (n: PyNode) => number;

const kids = pyChildren;

const isV11Path = (p: string) => p === V11_MODULE || p.startsWith(`${V11_MODULE}.`);

/**
 * The NoneBot scan of the last text scanned (one text at a time): messages and fixes of framework
 * findings need the whole scan, and the analysis that produced those findings has just made it.
 */
let lastScan: { text: string; scan: NoneBotScan | undefined } | undefined;

export function rememberNoneBotScan(text: string, scan: NoneBotScan | undefined): void {
  lastScan = { text, scan };
}

/** The remembered scan of exactly this text; `false` when there is none. */
export function rememberedNoneBotScan(text: string): NoneBotScan | undefined | false {
  return lastScan && lastScan.text === text ? lastScan.scan : false;
}

/** The local names a scan follows: what the imports bind and the Milky names they would take. */
function interestingNames(imports: readonly NbImport[]): Set<string> {
  const interesting = new Set<string>();
  for (const imp of imports) {
    if (imp.alias) interesting.add(imp.alias);
    for (const n of imp.names) {
      interesting.add(n.local);
      const t = nonebotName(n.name);
      if (t && t.milky.length === 1) interesting.add(t.milky[0]);
    }
  }
  return interesting;
}

const namesPattern = (names: ReadonlySet<string>, flags = '') => new RegExp(`(?<![\\w])(?:${[...names].join('|')})(?![\\w])`, flags);

/**
 * The previous scan, moved past an edit, when the statements the update walks again (old and new
 * text of the region) hold neither a v11 module path nor a name the scan follows: then nothing the
 * scan reads changed. Undefined when they do (the caller scans the tree).
 */
export function shiftedNoneBotScan(previous: NoneBotScan, oldText: string, text: string, r: { from: number; to: number; oldTo: number; delta: number }): NoneBotScan | undefined {
  const names = interestingNames(previous.imports);
  const quiet = (t: string) => !NONEBOT_PREFILTER.test(t) && !(names.size && namesPattern(names).test(t));
  if (!quiet(oldText.slice(r.from, r.oldTo)) || !quiet(text.slice(r.from, r.to))) return undefined;
  const d = r.delta;
  const after = (x: number) => x >= r.oldTo;
  const move = <T extends { start: number; end: number }>(x: T): T => (after(x.start) ? moveRange(x, d) : x);
  const imports = previous.imports.map((imp) => {
    if (!after(imp.start)) return imp;
    const m: NbImport = { ...move(imp), moduleStart: imp.moduleStart + d, moduleEnd: imp.moduleEnd + d, names: imp.names.map(move) };
    // What precedes it on its line may be the edit.
    const lineStart = text.lastIndexOf('\n', m.start - 1) + 1;
    const before = text.slice(lineStart, m.start);
    m.ownLine = /^[ \t]*$/.test(before);
    m.indent = m.ownLine ? before : '';
    return m;
  });
  const factories = previous.factories.map((f) => (after(f.start) ? { ...move(f), argsStart: f.argsStart + d, argsEnd: f.argsEnd + d } : f));
  return { imports, uses: previous.uses.map(move), factories, unsafe: previous.unsafe };
}

/** Reads the v11 imports, their uses and factory calls. `start`/`end` give UTF-16 offsets of a node. */
export function scanNoneBot(root: PyNode, text: string, start: Pos, end: Pos): NoneBotScan {
  const src = (n: PyNode) => text.slice(start(n), end(n));
  const imports: NbImport[] = [];
  const idents: { node: PyNode; parent: PyNode; grand: PyNode | undefined; inImport: number }[] = [];
  const calls: PyNode[] = [];
  const strings: string[] = [];
  // Two pruned walks, like the site scanner's: a subtree is entered only when one of the offsets lies in it
  // (reading nodes costs calls into wasm). First the v11 imports, then the places their names occur.
  const offsetsOf = (re: RegExp): number[] => { const out: number[] = []; for (let m = re.exec(text); m; m = re.exec(text)) out.push(m.index); return out; };
  const walk = (n: PyNode, bound: number, offsets: readonly number[], pass: 1 | 2, parent: PyNode | undefined, grand: PyNode | undefined, inImport: number, inDoc: boolean): void => {
    const type = n.type;
    if (type === 'comment' || !anyOffsetIn(offsets, start(n), bound)) return;
    if (type === 'import_from_statement' || type === 'import_statement') {
      if (pass === 1) { const imp = readImport(n, text, src, start, end); if (imp) imports.push(imp); return; }
      const s = start(n);
      inImport = imports.findIndex((x) => x.start === s);
      if (inImport < 0) inImport = -2;
    }
    if (pass === 2) {
      // A string alone as a statement (a docstring) is prose: naming a class there is no reference.
      if (type === 'expression_statement' && n.childCount === 1 && n.child(0)?.type === 'string') inDoc = true;
      if (type === 'identifier') { if (parent) idents.push({ node: n, parent, grand, inImport }); return; }
      if (type === 'call') calls.push(n);
      if (type === 'string_content') { if (!inDoc) strings.push(src(n)); return; }
    }
    const cs = kids(n);
    for (let k = 0; k < cs.length; k++) walk(cs[k], k + 1 < cs.length ? start(cs[k + 1]) : bound, offsets, pass, n, parent, inImport, inDoc);
  };
  const v11At = offsetsOf(/nonebot\.adapters\.onebot\.v11\b/g);
  if (root.descendantForIndex) {
    for (const n of importsAt(root, v11At, start)) { const imp = readImport(n, text, src, start, end); if (imp) imports.push(imp); }
  } else walk(root, text.length, v11At, 1, undefined, undefined, -1, false);
  // Where the names that matter start: the locals the imports bind and the Milky names they would take.
  const interesting = interestingNames(imports);
  const names = interesting.size ? offsetsOf(namesPattern(interesting, 'g')) : [];
  if (root.descendantForIndex) readPaths(root, names, start, src, imports, idents, calls, strings);
  else walk(root, text.length, names, 2, undefined, undefined, -1, false);
  const at = new Set(names);
  const words = new Set<string>();
  const read = idents.filter((x) => at.has(start(x.node)));
  for (const x of read) words.add(src(x.node));
  const uses: NbUse[] = [];
  const unsafe = new Map<number, { name: string; reason: FrameworkReason }[]>();
  const block = (i: number, name: string, reason: FrameworkReason) => {
    const list = unsafe.get(i) ?? unsafe.set(i, []).get(i)!;
    if (!list.some((b) => b.name === name && b.reason === reason)) list.push({ name, reason });
  };
  // Local names → the import that binds them (a name bound by two v11 imports is followed by neither).
  const locals = new Map<string, { imp: number; name: string } | null>();
  imports.forEach((imp, i) => {
    const bind = (local: string, name: string) => locals.set(local, locals.has(local) ? null : { imp: i, name });
    if (imp.form === 'from') for (const n of imp.names) bind(n.local, n.name);
    else if (imp.alias) bind(imp.alias, '');
  });
  for (const [local, b] of locals) if (b === null) imports.forEach((imp, i) => { if (imp.names.some((n) => n.local === local) || imp.alias === local) block(i, local, 'rebound'); });
  const factoryAt = new Map<number, NbUse & { call: PyNode }>();
  for (const { node, parent, grand, inImport } of read) {
    const local = src(node);
    const b = locals.get(local);
    if (!b) continue;
    if (inImport >= 0) continue; // the binding itself, inside its own import statement
    if (inImport === -2) {
      // Another import binds the name again (`from x import Name`, `import y as Name`); `Name as Other` does not.
      if (bindsIn(node, parent, grand)) block(b.imp, local, 'rebound');
      continue;
    }
    const s = start(node);
    // `x.Name` (the attribute part) and `f(Name=…)` (a keyword) are other names.
    if (parent.type === 'attribute' && parent.childForFieldName('attribute') && start(parent.childForFieldName('attribute')!) === s) continue;
    if (parent.type === 'keyword_argument' && parent.childForFieldName('name') && start(parent.childForFieldName('name')!) === s) continue;
    if (imports[b.imp].form === 'module') {
      // `ob.X`: the use is `X`; anything else hands the module around.
      const attr = parent.type === 'attribute' && parent.childForFieldName('object') && start(parent.childForFieldName('object')!) === s ? parent.childForFieldName('attribute') : null;
      if (!attr) { block(b.imp, local, 'module-use'); continue; }
      const use = { imp: b.imp, name: src(attr), start: start(attr), end: end(attr) };
      uses.push(use);
      if (use.name === 'MessageSegment' && grand?.type === 'attribute') noteFactory(grand, parent, use);
      continue;
    }
    const loads = LOAD_PARENTS.has(parent.type)
      || (parent.type === 'attribute' && start(parent.childForFieldName('object') ?? parent) === s)
      || ((parent.type === 'assignment' || parent.type === 'augmented_assignment') && parent.childForFieldName('right') !== null && start(parent.childForFieldName('right')!) === s)
      || ((parent.type === 'keyword_argument' || parent.type === 'pair' || parent.type === 'default_parameter' || parent.type === 'typed_default_parameter') && parent.childForFieldName('value') !== null && start(parent.childForFieldName('value')!) === s);
    if (!loads) { block(b.imp, local, 'rebound'); continue; }
    const use = { imp: b.imp, name: b.name, start: s, end: end(node) };
    uses.push(use);
    if (b.name === 'MessageSegment' && parent.type === 'attribute') noteFactory(parent, node, use);
    // v11's `Message(text)` parses CQ codes, Milky's makes one text segment: only CQ-free literal text is the same.
    if (b.name === 'Message' && parent.type === 'call' && !cqFreeArguments(parent.childForFieldName('arguments'))) block(b.imp, local, 'message-text');
  }
  function bindsIn(node: PyNode, parent: PyNode, grand: PyNode | undefined): boolean {
    if (parent.type === 'aliased_import') return !!parent.childForFieldName('alias') && start(parent.childForFieldName('alias')!) === start(node);
    if (parent.type !== 'dotted_name' || !grand) return false;
    if (grand.type === 'import_from_statement') return start(grand.childForFieldName('module_name') ?? grand) !== start(parent);
    return grand.type === 'import_statement' && start(parent) === start(node);
  }
  function cqFreeArguments(args: PyNode | null): boolean {
    if (!args || args.type !== 'argument_list') return false;
    const list = kids(args).filter((c) => c.type !== '(' && c.type !== ')' && c.type !== ',');
    if (!list.length) return true;
    return list.length === 1 && list[0].type === 'string' && /^(['"])[^'"\\\n{}]*\1$/.test(src(list[0])) && !src(list[0]).includes('[CQ:');
  }
  function noteFactory(attr: PyNode, objectNode: PyNode, use: NbUse): void {
    // `MessageSegment.at` is the attribute; a call of it is a factory call.
    if (start(attr.childForFieldName('object') ?? attr) !== start(objectNode)) return;
    const name = attr.childForFieldName('attribute');
    if (name) factoryAt.set(start(name), { ...use, call: attr });
  }
  // String contents that name a local (a forward reference `"GroupIncreaseNoticeEvent"`): a rename would miss them.
  for (const [local, b] of locals) {
    if (!b) continue;
    const re = new RegExp(`\\b${local}\\b`);
    if (strings.some((s) => re.test(s))) block(b.imp, local, 'rebound');
  }
  const factories: NbFactoryCall[] = [];
  collectFactories(calls, factoryAt, factories, text, src, start, end);
  // A new local name that the file already uses for something else.
  imports.forEach((imp, i) => {
    if (imp.form !== 'from') return;
    for (const n of imp.names) {
      const target = nonebotName(n.name);
      if (n.aliased || !target || target.milky.length !== 1 || target.milky[0] === n.name) continue;
      if (words.has(target.milky[0])) block(i, n.name, 'name-taken');
    }
  });
  return { imports, uses, factories, unsafe };
}

/**
 * The path from the root to the leaf at each offset (read from the leaf up: a few calls into the
 * parser per offset instead of the children of every node on the way down).
 */
function pathTo(root: PyNode, offset: number): PyNode[] | undefined {
  const leaf = root.descendantForIndex!(offset);
  if (!leaf) return undefined;
  const up: PyNode[] = [];
  for (let n: PyNode | null | undefined = leaf; n; n = n.parent) up.push(n);
  return up.reverse();
}

/** The import statements that hold a v11 path, in order, each once (as the walk from the root finds them). */
function importsAt(root: PyNode, offsets: readonly number[], start: Pos): PyNode[] {
  const out: PyNode[] = [];
  for (const o of offsets) {
    const path = pathTo(root, o);
    if (!path) continue;
    for (const n of path) {
      if (n.type === 'comment') break;
      if (n.type === 'import_from_statement' || n.type === 'import_statement') {
        if (!out.length || start(out[out.length - 1]) !== start(n)) out.push(n);
        break;
      }
    }
  }
  return out;
}

/**
 * What the second walk from the root collects, read on the path to each offset: the identifier
 * there (with its parent and grandparent, the import holding it), the calls around it (each once,
 * outer first) and the string content it lies in, unless in a docstring.
 */
function readPaths(
  root: PyNode, offsets: readonly number[], start: Pos, src: (n: PyNode) => string, imports: readonly NbImport[],
  idents: { node: PyNode; parent: PyNode; grand: PyNode | undefined; inImport: number }[], calls: PyNode[], strings: string[],
): void {
  const seenCalls = new Map<string, PyNode>();
  for (const o of offsets) {
    const path = pathTo(root, o);
    if (!path) continue;
    let inImport = -1;
    let inDoc = false;
    for (let i = 0; i < path.length; i++) {
      const n = path[i];
      const type = n.type;
      if (type === 'comment') break;
      if (type === 'import_from_statement' || type === 'import_statement') {
        const s = start(n);
        inImport = imports.findIndex((x) => x.start === s);
        if (inImport < 0) inImport = -2;
      }
      if (type === 'expression_statement' && n.childCount === 1 && n.child(0)?.type === 'string') inDoc = true;
      if (type === 'identifier') { if (i > 0) idents.push({ node: n, parent: path[i - 1], grand: path[i - 2], inImport }); break; }
      if (type === 'call') { const k = `${start(n)}:${n.endIndex}`; if (!seenCalls.has(k)) seenCalls.set(k, n); }
      if (type === 'string_content') { if (!inDoc) strings.push(src(n)); break; }
    }
  }
  // The walk from the root meets calls in pre-order: by start, the outer one first.
  const ordered = [...seenCalls.values()].map((n) => ({ n, s: start(n), e: n.endIndex })).sort((a, b) => a.s - b.s || b.e - a.e);
  for (const x of ordered) calls.push(x.n);
}

function readImport(n: PyNode, text: string, src: (n: PyNode) => string, start: Pos, end: Pos): NbImport | undefined {
  const s = start(n);
  const lineStart = text.lastIndexOf('\n', s - 1) + 1;
  const before = text.slice(lineStart, s);
  const ownLine = /^[ \t]*$/.test(before);
  const base = { start: s, end: end(n), star: false, comment: false, ownLine, indent: ownLine ? before : '', names: [] as NbName[] };
  const children = kids(n);
  base.comment = children.some((c) => c.type === 'comment');
  if (n.type === 'import_from_statement') {
    const mod = n.childForFieldName('module_name');
    if (!mod || mod.type !== 'dotted_name') return undefined;
    const module = src(mod);
    if (!isV11Path(module)) return undefined;
    const imp: NbImport = { ...base, form: 'from', module, moduleStart: start(mod), moduleEnd: end(mod) };
    for (const c of children) {
      if (c.type === 'wildcard_import') imp.star = true;
      if (start(c) <= start(mod)) continue;
      if (c.type === 'dotted_name') imp.names.push({ name: src(c), local: src(c), start: start(c), end: end(c), aliased: false });
      else if (c.type === 'aliased_import') {
        const name = c.childForFieldName('name');
        const alias = c.childForFieldName('alias');
        if (name && alias) imp.names.push({ name: src(name), local: src(alias), start: start(name), end: end(name), aliased: true });
      } else if (c.type === 'comment') imp.comment = true;
    }
    if (kids(n).some((c) => c.type === '(')) for (const c of kids(n)) if (c.type === 'comment') imp.comment = true;
    return imp;
  }
  // `import nonebot.adapters.onebot.v11 as ob` (one module per statement is what is read).
  const parts = children.filter((c) => c.type === 'dotted_name' || c.type === 'aliased_import');
  const v11 = parts.filter((c) => isV11Path(src(c.type === 'aliased_import' ? c.childForFieldName('name') ?? c : c)));
  if (!v11.length) return undefined;
  const first = v11[0];
  const mod = first.type === 'aliased_import' ? first.childForFieldName('name') ?? first : first;
  const alias = first.type === 'aliased_import' ? first.childForFieldName('alias') : null;
  return {
    ...base, form: 'module', module: src(mod), moduleStart: start(mod), moduleEnd: end(mod),
    ...(alias ? { alias: src(alias) } : {}),
    // Several modules in one statement, or no alias (uses spell the whole path): not followed.
    star: parts.length > 1 || !alias,
  };
}

/** The calls whose callee is a recorded `MessageSegment.<name>` attribute. */
function collectFactories(calls: readonly PyNode[], at: Map<number, NbUse & { call: PyNode }>, out: NbFactoryCall[], text: string, src: (n: PyNode) => string, start: Pos, end: Pos): void {
  if (!at.size) return;
  for (const n of calls) {
    {
      const fn = n.childForFieldName('function');
      const attr = fn?.type === 'attribute' ? fn.childForFieldName('attribute') : null;
      const use = attr ? at.get(start(attr)) : undefined;
      const args = n.childForFieldName('arguments');
      if (use && attr && args && args.type === 'argument_list') {
        const factory = src(attr);
        const f = nonebotFactory(factory);
        const base = { imp: use.imp, factory, start: start(attr), end: end(attr), argsStart: start(args), argsEnd: end(args) };
        if (!f) out.push({ ...base, milky: [], reason: 'unknown-name' });
        else if (f.reason || !f.args) out.push({ ...base, milky: f.milky, reason: f.reason ?? 'unknown-name' });
        else {
          const r = rewriteFactory(f.args, factory, kids(args).filter((c) => c.type !== '(' && c.type !== ')' && c.type !== ','), text, src, args);
          // Already what Milky takes (`text("hi")`): nothing to say.
          if ('text' in r && r.text === text.slice(base.start, base.argsEnd)) continue;
          out.push({ ...base, milky: r.milky ?? f.milky, ...('text' in r ? { rewrite: r.text } : { reason: r.reason }) });
        }
      }
    }
  }
}

type Rewrite = { text: string; milky?: readonly string[] } | { reason: FrameworkReason; milky?: readonly string[] };

/** A factory call's Milky form, when its arguments say enough (literals, a plain variable or attribute). */
function rewriteFactory(rule: string, factory: string, args: PyNode[], _text: string, src: (n: PyNode) => string, list: PyNode): Rewrite {
  if (args.some((a) => a.type === 'comment' || a.type === 'list_splat' || a.type === 'dictionary_splat') || list.hasError) return { reason: 'arguments' };
  const single = (kw: string): PyNode | undefined => {
    if (args.length !== 1) return undefined;
    const a = args[0];
    if (a.type !== 'keyword_argument') return a;
    return a.childForFieldName('name') && src(a.childForFieldName('name')!) === kw ? a.childForFieldName('value') ?? undefined : undefined;
  };
  const literal = (n: PyNode): { kind: 'string'; value: string; quote: string } | { kind: 'int'; value: string } | undefined => {
    if (n.type === 'integer' && /^\d+$/.test(src(n))) return { kind: 'int', value: src(n) };
    if (n.type !== 'string') return undefined;
    const s = src(n);
    const m = /^(['"])([^'"\\\n{}]*)\1$/.exec(s);
    return m ? { kind: 'string', value: m[2], quote: m[1] } : undefined;
  };
  const plain = (n: PyNode) => n.type === 'identifier' || (n.type === 'attribute' && /^[A-Za-z_][\w.]*$/.test(src(n)));
  switch (rule) {
    case 'text': {
      // Positional stays; the keyword is `content` in Milky.
      const a = single('text');
      if (!a) return { reason: 'arguments' };
      return { text: `text(${args[0].type === 'keyword_argument' ? 'content=' : ''}${src(a)})`, milky: ['text'] };
    }
    case 'mention': {
      const a = single('user_id');
      if (!a) return { reason: 'arguments' };
      const l = literal(a);
      if (l?.kind === 'string' && l.value === 'all') return { text: 'mention_all()', milky: ['mention_all'] };
      if (l?.kind === 'string' && /^\d{1,15}$/.test(l.value)) return { text: `mention(user_id=${Number(l.value)})`, milky: ['mention'] };
      if (l?.kind === 'int') return { text: `mention(user_id=${l.value})`, milky: ['mention'] };
      if (plain(a)) return { text: `mention(user_id=${src(a)})`, milky: ['mention'] };
      return { reason: 'all-or-user' };
    }
    case 'face': {
      const a = single('id_');
      if (!a) return { reason: 'arguments' };
      const l = literal(a);
      return l?.kind === 'int' ? { text: `face(face_id="${Number(l.value)}")` } : { reason: 'int-to-str' };
    }
    case 'uri': {
      // `file` may be a URL, a path, base64://, bytes or a BytesIO: only a literal http(s) URL is certain.
      const a = single('file');
      const l = a ? literal(a) : undefined;
      if (l?.kind === 'string' && /^https?:\/\/\S+$/.test(l.value)) return { text: `${factory}(url=${src(a!)})` };
      return { reason: a ? 'file-source' : 'arguments' };
    }
    case 'light_app': {
      const a = single('data');
      if (!a) return { reason: 'arguments' };
      return { text: `light_app(${args[0].type === 'keyword_argument' ? 'json_payload=' : ''}${src(a)})` };
    }
  }
  return { reason: 'arguments' };
}
