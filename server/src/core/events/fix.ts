/**
 * Fix planning for OneBot 11 event discriminators: all or nothing per guarded block. The test and its
 * property change together (`e.post_type === 'notice' && e.notice_type === 'group_increase'` →
 * `e.event_type === 'group_member_increase'`) only when every read of the event variable inside the
 * guarded block moves too (`e.group_id` → `e.data.group_id`). Otherwise: no edit, and the steps by
 * hand as data. Pure: facts in, edits and steps out.
 */
import type * as TS from 'typescript';
import { DISCRIMINATORS, eventTable, type EventRow, type FieldMove, type MessageScene, type MissingReason } from '../catalog/events';
import type { Edit } from '../edits';
import { ts } from '../scan/typescript';
import { scanEvents, type EventGuard, type EventScan, type EventSwitch, type Range } from './scan';

export type EventStepCode =
  /** Change the discriminator test(s) to `event_type` (and `data.message_scene`): given with `milky`. */
  | 'event-type'
  /** A read that moves: `field` → `to[0]`. Listed in a manual plan so the steps are complete. */
  | 'move'
  /** The block covers more than one Milky event (group_ban → group_mute | group_whole_mute): split it. */
  | 'several-events'
  /** Milky has no such event (`reason`). */
  | 'no-milky-event'
  /** A read of a field the table does not list for this event. */
  | 'unknown-field'
  /** Milky has no such field (raw_message, font). */
  | 'no-field'
  /** The value is in another id space (message_id → message_seq). */
  | 'lookup'
  /** The value or its shape changes (message → data.segments, sub_type → data.is_set). */
  | 'transform'
  /** The target depends on what the code does not show (operator_id of group_increase). */
  | 'ambiguous-field'
  /** `e.sender` read as a whole: its parts go to different places. */
  | 'whole-object'
  /** The event variable is passed on, returned, spread, destructured or assigned. */
  | 'escapes'
  /** A field of the event is assigned. */
  | 'write'
  /** `e[expr]`: which field is unknown. */
  | 'dynamic-access'
  /** Another OneBot discriminator is read inside the block. */
  | 'discriminator-read'
  /** The event variable's name is declared again inside the block. */
  | 'shadowed'
  /** The condition also tests the event with ||, !==, ! or a second event variable. */
  | 'complex-condition'
  /** An enclosing guard tests the same variable (`if (e.post_type === 'notice') { if (…) }`). */
  | 'enclosing-guard'
  /** A framework subscription: the client and its event API change, not only the name. */
  | 'subscription'
  /**
   * A discriminator of the same variable is read outside the tests in the same function
   * (`if (e.post_type !== 'notice') return;`, `const isNotice = e.post_type === 'notice'`): it decides
   * whether the block runs, and would stop matching once the block speaks Milky.
   */
  | 'outside-read'
  /** The event is not a plain variable (`ctx.event.post_type`) or the handler destructures it. */
  | 'not-identifier'
  /** The default clause of the switch reads the event. */
  | 'default-read'
  /** A switch on message_type, post_type, sub_type or meta_event_type: no single Milky property to switch on. */
  | 'switch-kind';

export interface EventStep {
  code: EventStepCode;
  /** The OneBot field as read (`group_id`, `sender.nickname`). */
  field?: string;
  /** Milky paths (relative to the event). */
  to?: string[];
  milky?: string[];
  scenes?: MessageScene[];
  reasons?: MissingReason[];
  /** Where in the text (the read, the literal). */
  start?: number;
  end?: number;
  note?: string;
}

export interface EventFixPlan {
  kind: 'if' | 'switch' | 'handler';
  /** Guards covered (an if or handler: one; a switch: every case group). */
  guards: number[];
  /** Literal facts covered. */
  literals: number[];
  /** Non-empty only when the whole block migrates: then `manual` is empty. */
  edits: Edit[];
  manual: EventStep[];
}

const DISCRIMINATOR_NAMES: ReadonlySet<string> = new Set(DISCRIMINATORS);

/** Rows that decide field moves: those with a Milky event that NapCat emits, else all with a Milky event. */
function liveRows(rowIds: readonly number[]): EventRow[] {
  const rows = rowIds.map((i) => eventTable.rows.find((r) => r.row === i)!).filter((r) => r.milky.length > 0);
  const emitted = rows.filter((r) => r.status !== 'none');
  return emitted.length ? emitted : rows;
}

interface Read {
  /** The field path as written (`group_id`, `sender.nickname`). */
  path: string[];
  /** Text range of the path part that is replaced (from the first name to the last). */
  replace: Range;
  /** Element access: `e['x']` — the quote and where `[` starts. */
  element?: { quote: string; from: number; optional: boolean };
  start: number;
  end: number;
}

interface ReadScan {
  reads: Read[];
  problems: EventStep[];
}

/** Every use of `name` inside the ranges, classified. */
function collectReads(sf: TS.SourceFile, text: string, name: string, ranges: Range[]): ReadScan {
  const t = ts();
  const K = t.SyntaxKind;
  const reads: Read[] = [];
  const problems: EventStep[] = [];
  const at = (n: TS.Node): { start: number; end: number } => ({ start: n.getStart(sf), end: n.end });

  const bindsName = (b: TS.BindingName): boolean => {
    if (b.kind === K.Identifier) return b.text === name;
    return (b as TS.BindingPattern).elements.some((el) => el.kind === K.BindingElement && bindsName((el as TS.BindingElement).name));
  };

  const onIdentifier = (id: TS.Identifier, stack: TS.Node[]): void => {
    const p = stack[stack.length - 1];
    if (!p) { problems.push({ code: 'escapes', ...at(id) }); return; }
    // Not a reference: a property name, a key, a label.
    if (p.kind === K.PropertyAccessExpression && (p as TS.PropertyAccessExpression).name === id) return;
    if ((p.kind === K.PropertyAssignment || p.kind === K.MethodDeclaration || p.kind === K.PropertyDeclaration || p.kind === K.PropertySignature) && (p as TS.PropertyAssignment).name === id) return;
    if (p.kind === K.BindingElement && (p as TS.BindingElement).propertyName === id) return;
    if (p.kind === K.LabeledStatement || p.kind === K.BreakStatement || p.kind === K.ContinueStatement) return;
    if (p.kind === K.PropertyAccessExpression) {
      const a = p as TS.PropertyAccessExpression;
      const path = [a.name.text];
      let outer: TS.Node = a;
      let depth = 2;
      const g = stack[stack.length - depth];
      if (g && g.kind === K.PropertyAccessExpression && (g as TS.PropertyAccessExpression).expression === a) {
        path.push((g as TS.PropertyAccessExpression).name.text);
        outer = g;
        depth++;
      }
      const replace = { start: a.name.getStart(sf), end: outer === a ? a.name.end : (outer as TS.PropertyAccessExpression).name.end };
      if (isWritten(outer, stack[stack.length - depth])) { problems.push({ code: 'write', field: path.join('.'), ...at(outer) }); return; }
      reads.push({ path, replace, start: a.getStart(sf), end: outer.end });
      return;
    }
    if (p.kind === K.ElementAccessExpression && (p as TS.ElementAccessExpression).expression === id) {
      const a = p as TS.ElementAccessExpression;
      const arg = a.argumentExpression;
      if (arg.kind !== K.StringLiteral && arg.kind !== K.NoSubstitutionTemplateLiteral) { problems.push({ code: 'dynamic-access', ...at(a) }); return; }
      if (isWritten(a, stack[stack.length - 2])) { problems.push({ code: 'write', field: (arg as TS.StringLiteral).text, ...at(a) }); return; }
      const argStart = arg.getStart(sf);
      reads.push({ path: [(arg as TS.StringLiteral).text], replace: { start: argStart + 1, end: arg.end - 1 }, element: { quote: text[argStart], from: id.end, optional: !!a.questionDotToken }, start: a.getStart(sf), end: a.end });
      return;
    }
    problems.push({ code: 'escapes', ...at(id) });
  };

  const isWritten = (target: TS.Node, parent: TS.Node | undefined): boolean => {
    if (!parent) return false;
    if (parent.kind === K.BinaryExpression) {
      const b = parent as TS.BinaryExpression;
      return b.left === target && b.operatorToken.kind >= K.FirstAssignment && b.operatorToken.kind <= K.LastAssignment;
    }
    if (parent.kind === K.PrefixUnaryExpression || parent.kind === K.PostfixUnaryExpression) {
      const op = (parent as TS.PrefixUnaryExpression).operator;
      return op === K.PlusPlusToken || op === K.MinusMinusToken;
    }
    return parent.kind === K.DeleteExpression;
  };

  const visit = (node: TS.Node, stack: TS.Node[]): void => {
    if (t.isFunctionLike(node) && (node as TS.SignatureDeclaration).parameters?.some((prm) => bindsName(prm.name))) return; // its own `name`
    if ((node.kind === K.VariableDeclaration || node.kind === K.BindingElement) && bindsName((node as TS.VariableDeclaration).name)) {
      problems.push({ code: 'shadowed', ...at(node) });
    }
    if (node.kind === K.CatchClause && (node as TS.CatchClause).variableDeclaration && bindsName((node as TS.CatchClause).variableDeclaration!.name)) { return; }
    if ((node.kind === K.FunctionDeclaration || node.kind === K.ClassDeclaration) && (node as TS.FunctionDeclaration).name?.text === name) {
      problems.push({ code: 'shadowed', ...at(node) });
      return;
    }
    if (node.kind === K.Identifier) { if ((node as TS.Identifier).text === name) onIdentifier(node as TS.Identifier, stack); return; }
    if (node.kind === K.ShorthandPropertyAssignment && (node as TS.ShorthandPropertyAssignment).name.text === name) { problems.push({ code: 'escapes', ...at(node) }); return; }
    stack.push(node);
    t.forEachChild(node, (c) => { visit(c, stack); });
    stack.pop();
  };

  for (const r of ranges) {
    // The largest nodes inside the range, each with the path of nodes above it (for the parent checks).
    const descend = (node: TS.Node, stack: TS.Node[]): void => {
      t.forEachChild(node, (c) => {
        const s = c.getStart(sf);
        if (c.end <= r.start || s >= r.end) return;
        if (s >= r.start && c.end <= r.end) { visit(c, [...stack, node]); return; }
        descend(c, [...stack, node]);
      });
    };
    descend(sf, []);
  }
  return { reads, problems };
}

interface Resolved { move?: { read: Read; to: string }; step?: EventStep }

function resolveRead(read: Read, rows: EventRow[]): Resolved {
  const field = read.path.join('.');
  const pos = { start: read.start, end: read.end };
  if (DISCRIMINATOR_NAMES.has(read.path[0])) return { step: { code: 'discriminator-read', field: read.path[0], ...pos } };
  let target: string | undefined;
  let replaceWhole = true;
  let kind: FieldMove['kind'] | 'unknown' | 'whole-object' | undefined;
  let moves: readonly string[] = [];
  for (const r of rows) {
    let f: FieldMove | undefined;
    let whole = true;
    if (read.path.length > 1 && Object.prototype.hasOwnProperty.call(r.fields, field)) f = r.fields[field];
    else if (Object.prototype.hasOwnProperty.call(r.fields, read.path[0])) { f = r.fields[read.path[0]]; whole = read.path.length === 1; }
    let k: typeof kind;
    let to: string | undefined;
    if (!f) k = Object.keys(r.fields).some((key) => key.startsWith(`${read.path[0]}.`)) && read.path.length === 1 ? 'whole-object' : 'unknown';
    else { k = f.kind; to = f.to[0]; moves = f.to; }
    if (kind === undefined) { kind = k; target = to; replaceWhole = whole; continue; }
    if (kind !== k || target !== to || replaceWhole !== whole) return { step: { code: 'ambiguous-field', field, ...pos, note: 'differs between the events this block covers' } };
  }
  switch (kind) {
    case 'move':
      // A move of `a` read as `e.a.b`: only `a` changes, `.b` stays.
      return { move: { read: replaceWhole ? read : { ...read, replace: { start: read.replace.start, end: read.replace.start + read.path[0].length }, path: [read.path[0]] }, to: target! } };
    case 'lookup': return { step: { code: 'lookup', field, to: [...moves], ...pos } };
    case 'transform': return { step: { code: 'transform', field, to: [...moves], ...pos } };
    case 'none': return { step: { code: 'no-field', field, ...pos } };
    case 'ambiguous': return { step: { code: 'ambiguous-field', field, to: [...moves], ...pos } };
    case 'whole-object': return { step: { code: 'whole-object', field, ...pos } };
    default: return { step: { code: 'unknown-field', field, ...pos } };
  }
}

function readEdit(m: { read: Read; to: string }, text: string): Edit | undefined {
  const { read, to } = m;
  const written = text.slice(read.replace.start, read.replace.end);
  if (!read.element) return written === to ? undefined : { start: read.replace.start, end: read.replace.end, newText: to };
  const parts = to.split('.');
  if (parts.length === 1) return written === to ? undefined : { start: read.replace.start, end: read.replace.end, newText: to };
  const q = read.element.quote;
  // `e['group_id']` → `e.data['group_id']`; `e?.['x']` → `e?.data['x']`.
  return { start: read.element.from, end: read.end, newText: `${read.element.optional ? '?.' : '.'}${parts.slice(0, -1).join('.')}[${q}${parts[parts.length - 1]}${q}]` };
}

/** The reads of one block, resolved against its rows: moves (as edits) and what blocks them. */
function planReads(sf: TS.SourceFile, text: string, subject: string, ranges: Range[], rows: EventRow[]): { edits: Edit[]; steps: EventStep[]; blocked: boolean } {
  const { reads, problems } = collectReads(sf, text, subject, ranges);
  const edits: Edit[] = [];
  const steps: EventStep[] = [...problems];
  for (const read of reads) {
    const r = resolveRead(read, rows);
    if (r.step) { steps.push(r.step); continue; }
    const e = readEdit(r.move!, text);
    steps.push({ code: 'move', field: read.path.join('.'), to: [r.move!.to], start: read.start, end: read.end });
    if (e) edits.push(e);
  }
  return { edits, steps, blocked: steps.some((s) => s.code !== 'move') };
}

/** Every function of a file with its range, inner ones after outer ones (computed once per file). */
const functionsCache = new WeakMap<TS.SourceFile, { node: TS.Node; start: number; end: number }[]>();

function functionsOf(sf: TS.SourceFile): { node: TS.Node; start: number; end: number }[] {
  let list = functionsCache.get(sf);
  if (list) return list;
  const t = ts();
  const out: { node: TS.Node; start: number; end: number }[] = [];
  const visit = (n: TS.Node): void => {
    if (t.isFunctionLike(n)) out.push({ node: n, start: n.getStart(sf), end: n.end });
    t.forEachChild(n, visit);
  };
  visit(sf);
  list = out;
  functionsCache.set(sf, list);
  return list;
}

/** The innermost function (or the file) around a range. */
function scopeOf(sf: TS.SourceFile, r: Range): TS.Node {
  let scope: TS.Node = sf;
  // Pre-order: a later containing function is nested in an earlier one.
  for (const f of functionsOf(sf)) if (f.start <= r.start && f.end >= r.end) scope = f.node;
  return scope;
}

const inside = (x: Range, r: Range): boolean => x.start >= r.start && x.end <= r.end;

const testsCache = new WeakMap<EventScan, Range[]>();

/** The ranges of every guard's tests and every switch's discriminant (computed once per scan). */
function testRangesOf(scan: EventScan): Range[] {
  let r = testsCache.get(scan);
  if (!r) { r = [...scan.guards.flatMap((g) => g.tests ?? []), ...scan.switches.map((s) => s.discriminant)]; testsCache.set(scan, r); }
  return r;
}

/**
 * Reads of `subject.<discriminator>` in the scope around `own` that are neither inside `own` nor the
 * tests of a guard (another if of an else-if chain, a switch's discriminant).
 */
function outsideReads(sf: TS.SourceFile, scan: EventScan, subject: string, own: Range[]): EventStep[] {
  const t = ts();
  const K = t.SyntaxKind;
  const tests = testRangesOf(scan);
  const out: EventStep[] = [];
  const scope = scopeOf(sf, own[0]);
  const visit = (n: TS.Node): void => {
    if (n !== scope && t.isFunctionLike(n)) return;
    let prop: string | undefined;
    let obj: TS.Expression | undefined;
    if (n.kind === K.PropertyAccessExpression) { prop = (n as TS.PropertyAccessExpression).name.text; obj = (n as TS.PropertyAccessExpression).expression; }
    else if (n.kind === K.ElementAccessExpression) {
      const a = (n as TS.ElementAccessExpression).argumentExpression;
      if (a.kind === K.StringLiteral || a.kind === K.NoSubstitutionTemplateLiteral) { prop = (a as TS.StringLiteral).text; obj = (n as TS.ElementAccessExpression).expression; }
    }
    if (prop && obj && DISCRIMINATOR_NAMES.has(prop) && obj.kind === K.Identifier && (obj as TS.Identifier).text === subject) {
      const r = { start: n.getStart(sf), end: n.end };
      if (!own.some((o) => inside(r, o)) && !tests.some((x) => inside(r, x))) out.push({ code: 'outside-read', field: prop, ...r });
    }
    t.forEachChild(n, visit);
  };
  visit(scope);
  return out;
}

function singleTarget(g: EventGuard): EventStep | undefined {
  if (g.milky.length === 0) return { code: 'no-milky-event', reasons: g.reasons };
  if (g.milky.length > 1) return { code: 'several-events', milky: g.milky };
  return undefined;
}

function eventCondition(subject: string, op: string, q: string, event: string, scenes: MessageScene[]): string {
  let s = `${subject}.event_type ${op} ${q}${event}${q}`;
  const all: MessageScene[] = ['friend', 'group', 'temp'];
  if (scenes.length === 1) s += ` && ${subject}.data.message_scene ${op} ${q}${scenes[0]}${q}`;
  else if (scenes.length === 2) {
    const other = all.find((x) => !scenes.includes(x))!;
    s += ` && ${subject}.data.message_scene ${op === '==' ? '!=' : '!=='} ${q}${other}${q}`;
  }
  return s;
}

function finish(plan: EventFixPlan, steps: EventStep[], edits: Edit[]): EventFixPlan {
  const sorted = (l: EventStep[]) => l.sort((a, b) => (a.start ?? -1) - (b.start ?? -1));
  if (steps.some((s) => s.code !== 'move' && s.code !== 'event-type')) {
    plan.manual = sorted(steps);
    plan.edits = [];
  } else {
    plan.edits = edits.sort((a, b) => a.start - b.start);
    plan.manual = [];
  }
  return plan;
}

function planIf(sf: TS.SourceFile, text: string, scan: EventScan, gi: number, outer = -1): EventFixPlan {
  const g = scan.guards[gi];
  const plan: EventFixPlan = { kind: 'if', guards: [gi], literals: [...g.literals], edits: [], manual: [] };
  const steps: EventStep[] = [];
  const edits: Edit[] = [];
  const lits = g.literals.map((i) => scan.literals[i]);
  steps.push({ code: 'event-type', milky: g.milky, scenes: g.scenes, start: lits[0]?.start, end: lits[lits.length - 1]?.end });
  const target = singleTarget(g);
  if (target) steps.push(target);
  if (g.complex) steps.push({ code: 'complex-condition', ...g.condition });
  if (g.enclosing >= 0 && g.enclosing !== outer) steps.push({ code: 'enclosing-guard', ...scan.guards[g.enclosing].block });
  if (!g.subject || g.subject !== g.subjectText) { steps.push({ code: 'not-identifier', note: g.subjectText }); return finish(plan, steps, edits); }
  const tests = g.tests ?? [];
  const conj = g.conjuncts ?? [];
  const testConjuncts = new Set(tests.map((x) => x.conjunct));
  const ranges = [...conj.filter((_, i) => !testConjuncts.has(i)), g.block];
  const rows = liveRows(g.rows);
  steps.push(...outsideReads(sf, scan, g.subject, [g.condition ?? g.block, g.block]));
  const r = planReads(sf, text, g.subject, ranges, rows);
  steps.push(...r.steps);
  edits.push(...r.edits);
  if (!target && tests.length) {
    const first = tests[0];
    const lit = scan.literals[first.literal];
    const q = text[lit.start - 1];
    const op = first.operator === '==' ? '==' : '===';
    edits.push({ start: first.start, end: first.end, newText: eventCondition(g.subject, op, q, g.milky[0], g.scenes) });
    for (const x of tests.slice(1)) {
      const prev = conj[x.conjunct - 1];
      edits.push({ start: prev.end, end: conj[x.conjunct].end, newText: '' });
    }
  }
  return finish(plan, steps, edits);
}

function planSwitch(sf: TS.SourceFile, text: string, scan: EventScan, si: number, outer = -1): EventFixPlan {
  const sw: EventSwitch = scan.switches[si];
  const plan: EventFixPlan = { kind: 'switch', guards: [...sw.guards], literals: sw.guards.flatMap((gi) => scan.guards[gi].literals), edits: [], manual: [] };
  const steps: EventStep[] = [];
  const edits: Edit[] = [];
  if (sw.property !== 'notice_type' && sw.property !== 'request_type') steps.push({ code: 'switch-kind', field: sw.property, ...sw.discriminant });
  if (sw.enclosing >= 0 && sw.enclosing !== outer) steps.push({ code: 'enclosing-guard', ...scan.guards[sw.enclosing].block });
  if (!sw.subject || sw.subject !== sw.subjectText) { steps.push({ code: 'not-identifier', note: sw.subjectText }); return finish(plan, steps, edits); }
  steps.push(...outsideReads(sf, scan, sw.subject, [sw.range]));
  const pr = sw.propertyRange;
  const quoted = text[pr.start] === '"' || text[pr.start] === "'" || text[pr.start] === '`';
  edits.push(quoted ? { start: pr.start + 1, end: pr.end - 1, newText: 'event_type' } : { start: pr.start, end: pr.end, newText: 'event_type' });
  for (const gi of sw.guards) {
    const g = scan.guards[gi];
    const lits = g.literals.map((i) => scan.literals[i]);
    steps.push({ code: 'event-type', milky: g.milky, scenes: g.scenes, start: lits[0]?.start, end: lits[lits.length - 1]?.end });
    // Each label is checked below; a fall-through group may join several Milky events.
    if (g.milky.length === 0) { steps.push({ code: 'no-milky-event', reasons: g.reasons, start: lits[0]?.start, end: lits[0]?.end }); continue; }
    const r = planReads(sf, text, sw.subject, [g.block], liveRows(g.rows));
    steps.push(...r.steps);
    edits.push(...r.edits);
    // Each label names one OneBot event of this group; a group of labels may share one Milky event.
    const seen = new Set<string>();
    for (const l of lits) {
      const m = l.milky.length === 1 ? l.milky[0] : undefined;
      if (!m) { steps.push({ code: l.milky.length ? 'several-events' : 'no-milky-event', milky: l.milky, reasons: l.reasons, start: l.start, end: l.end }); continue; }
      // Two labels that become one Milky event: keep the first, the second would be a duplicate case.
      if (seen.has(m)) { steps.push({ code: 'several-events', milky: [m], start: l.start, end: l.end, note: 'two cases become one Milky event' }); continue; }
      seen.add(m);
      edits.push({ start: l.start, end: l.end, newText: m });
    }
  }
  if (sw.defaultBlock) {
    const { reads, problems } = collectReads(sf, text, sw.subject, [sw.defaultBlock]);
    if (reads.length || problems.length) steps.push({ code: 'default-read', ...sw.defaultBlock });
  }
  return finish(plan, steps, edits);
}

function planHandler(sf: TS.SourceFile, text: string, scan: EventScan, gi: number): EventFixPlan {
  const g = scan.guards[gi];
  const plan: EventFixPlan = { kind: 'handler', guards: [gi], literals: [...g.literals], edits: [], manual: [] };
  const lit = scan.literals[g.literals[0]];
  const steps: EventStep[] = [{ code: 'subscription', milky: g.milky, scenes: g.scenes, reasons: g.reasons, start: lit?.start, end: lit?.end }];
  const target = singleTarget(g);
  if (target) steps.push(target);
  if (!g.subject) steps.push({ code: 'not-identifier', note: 'the handler destructures the event' });
  else steps.push(...planReads(sf, text, g.subject, [g.block], liveRows(g.rows)).steps);
  return finish(plan, steps, []);
}

/**
 * Early exits: `if (e.post_type !== 'notice') return; if (e.notice_type !== 'group_increase') return; …`
 * — a run of consecutive ones on the same variable is one plan: the first condition becomes
 * `e.event_type !== 'group_member_increase'`, the others go, every read after them moves.
 */
function planUnless(sf: TS.SourceFile, text: string, scan: EventScan, chain: number[]): EventFixPlan {
  const first = scan.guards[chain[0]];
  const last = scan.guards[chain[chain.length - 1]];
  const plan: EventFixPlan = { kind: 'if', guards: [...chain], literals: chain.flatMap((gi) => scan.guards[gi].literals).sort((a, b) => a - b), edits: [], manual: [] };
  const steps: EventStep[] = [];
  const edits: Edit[] = [];
  const lits = plan.literals.map((i) => scan.literals[i]);
  steps.push({ code: 'event-type', milky: last.milky, scenes: last.scenes, start: lits[0]?.start, end: lits[lits.length - 1]?.end });
  const target = singleTarget(last);
  if (target) steps.push(target);
  if (first.enclosing >= 0) steps.push({ code: 'enclosing-guard', ...scan.guards[first.enclosing].block });
  if (!first.subject || first.subject !== first.subjectText) { steps.push({ code: 'not-identifier', note: first.subjectText }); return finish(plan, steps, edits); }
  const statements = chain.map((gi) => scan.guards[gi].statement!);
  steps.push(...outsideReads(sf, scan, first.subject, [...statements, last.block]));
  const r = planReads(sf, text, first.subject, [last.block], liveRows(last.rows));
  steps.push(...r.steps);
  edits.push(...r.edits);
  if (!target) {
    const test = first.tests![0];
    const lit = scan.literals[test.literal];
    const q = text[lit.start - 1];
    const op = test.operator === '!=' ? '!=' : '!==';
    const eq = op === '!=' ? '==' : '===';
    let cond = `${first.subject}.event_type ${op} ${q}${last.milky[0]}${q}`;
    const all: MessageScene[] = ['friend', 'group', 'temp'];
    if (last.scenes.length === 1) cond += ` || ${first.subject}.data.message_scene ${op} ${q}${last.scenes[0]}${q}`;
    else if (last.scenes.length === 2) cond += ` || ${first.subject}.data.message_scene ${eq} ${q}${all.find((x) => !last.scenes.includes(x))}${q}`;
    edits.push({ start: first.condition!.start, end: first.condition!.end, newText: cond });
    for (let i = 1; i < statements.length; i++) edits.push({ start: statements[i - 1].end, end: statements[i].end, newText: '' });
  }
  return finish(plan, steps, edits);
}

/** The if statement whose condition is exactly `cond`. */
function ifAt(sf: TS.SourceFile, cond: Range): TS.IfStatement | undefined {
  const t = ts();
  let found: TS.IfStatement | undefined;
  const down = (n: TS.Node): void => {
    t.forEachChild(n, (c) => {
      if (found || c.getStart(sf) > cond.start || c.end < cond.end) return;
      if (t.isIfStatement(c) && c.expression.getStart(sf) === cond.start && c.expression.end === cond.end) { found = c; return; }
      down(c);
    });
  };
  down(sf);
  return found;
}

/**
 * `if (e.post_type === 'notice') { <only guards of e: if / else-if chains, switches without default> }`:
 * the outer test goes once every inner block migrates (each inner test already names one Milky
 * event, and nothing else in the block runs). Returns the merged plan, or undefined.
 */
function planPostTypeWrapper(sf: TS.SourceFile, text: string, scan: EventScan, gi: number): EventFixPlan | undefined {
  const t = ts();
  const g = scan.guards[gi];
  const tests = g.tests ?? [];
  if (g.kind !== 'if' || g.complex || g.enclosing >= 0 || !g.subject || g.subject !== g.subjectText) return undefined;
  if (tests.length !== 1 || tests[0].property !== 'post_type' || (g.conjuncts ?? []).length !== 1 || !g.condition) return undefined;
  const stmt = ifAt(sf, g.condition);
  if (!stmt || stmt.elseStatement) return undefined;
  const body = t.isBlock(stmt.thenStatement) ? [...stmt.thenStatement.statements] : [stmt.thenStatement];
  if (body.length === 0) return undefined;
  const inner: EventFixPlan[] = [];
  for (const st of body) {
    if (t.isSwitchStatement(st)) {
      const si = scan.switches.findIndex((x) => x.range.start === st.getStart(sf) && x.range.end === st.end);
      if (si < 0 || scan.switches[si].enclosing !== gi || scan.switches[si].defaultBlock) return undefined;
      inner.push(planSwitch(sf, text, scan, si, gi));
      continue;
    }
    // An if / else-if chain: each link a guard of this block, and no final else.
    let link: TS.Statement | undefined = st;
    let any = false;
    while (link) {
      if (!t.isIfStatement(link)) return undefined;
      const c = { start: link.expression.getStart(sf), end: link.expression.end };
      const hi = scan.guards.findIndex((x) => x.kind === 'if' && x.condition?.start === c.start && x.condition.end === c.end);
      if (hi < 0 || scan.guards[hi].enclosing !== gi) return undefined;
      inner.push(planIf(sf, text, scan, hi, gi));
      any = true;
      link = link.elseStatement;
    }
    if (!any) return undefined;
  }
  if (inner.some((p) => p.edits.length === 0)) return undefined;
  // `if (e.post_type === 'notice') { … }` → `{ … }`.
  const drop: Edit = { start: stmt.getStart(sf), end: stmt.thenStatement.getStart(sf), newText: '' };
  return {
    kind: 'if',
    guards: [gi, ...inner.flatMap((p) => p.guards)],
    literals: [...g.literals, ...inner.flatMap((p) => p.literals)].sort((a, b) => a - b),
    edits: [drop, ...inner.flatMap((p) => p.edits)].sort((a, b) => a.start - b.start),
    manual: [],
  };
}

/**
 * One plan per guarded if, per switch on a discriminator and per subscription handler. A plan has
 * edits (the whole block migrates) or manual steps (nothing changes), never both.
 */
export function planEventFixes(sf: TS.SourceFile, text: string, scan: EventScan = scanEvents(sf, text)): EventFixPlan[] {
  const plans: EventFixPlan[] = [];
  // Post-type wrappers whose whole content migrates: one plan for the wrapper and what it holds.
  const merged = new Set<number>();
  scan.guards.forEach((_, i) => {
    const p = planPostTypeWrapper(sf, text, scan, i);
    if (p) { plans.push(p); for (const x of p.guards) merged.add(x); }
  });
  // Runs of early exits: each guard of a run has the previous one as its enclosing guard, right before it.
  scan.guards.forEach((g, i) => {
    if (g.kind !== 'unless' || merged.has(i)) return;
    const chain = [i];
    for (;;) {
      const prev = scan.guards[chain[chain.length - 1]];
      const next = scan.guards.findIndex((x, j) => x.kind === 'unless' && x.enclosing === chain[chain.length - 1] && x.subjectText === prev.subjectText && x.statement?.start === prev.block.start && !merged.has(j));
      if (next < 0) break;
      chain.push(next);
    }
    for (const x of chain) merged.add(x);
    plans.push(planUnless(sf, text, scan, chain));
  });
  scan.guards.forEach((g, i) => {
    if (merged.has(i)) return;
    if (g.kind === 'if') plans.push(planIf(sf, text, scan, i));
    else if (g.kind === 'handler') plans.push(planHandler(sf, text, scan, i));
  });
  scan.switches.forEach((sw, i) => { if (sw.guards.length && !sw.guards.some((x) => merged.has(x))) plans.push(planSwitch(sf, text, scan, i)); });
  return plans.sort((a, b) => (scan.literals[a.literals[0]]?.start ?? 0) - (scan.literals[b.literals[0]]?.start ?? 0));
}
