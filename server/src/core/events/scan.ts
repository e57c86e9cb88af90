/**
 * Finds OneBot 11 / NapCat event discriminators in a TypeScript / JavaScript tree: comparisons
 * (`e.post_type === 'notice'`), switches (`switch (e.notice_type) { case 'group_ban': … }`) and
 * framework event names given to a subscription (`bot.on('notice.group_increase', …)`). Pure: reports
 * facts (offsets, values, Milky candidates, guarded blocks), never text for a person.
 */
import type * as TS from 'typescript';
import { anyOffsetIn } from '../catalog';
import { calleeNameOf, ts } from '../scan/typescript';
import {
  DISCRIMINATORS, POST_TYPES, discriminatorValues, eventTable,
  type Discriminator, type EventRow, type MessageScene, type MissingReason,
} from '../catalog/events';

/** Known values per discriminator (plus `qualifier`, the 4th part of a framework name). Each: allowed values. */
export type EventTuple = Partial<Record<Discriminator | 'qualifier', readonly string[]>>;

export type CompareOperator = '===' | '==' | '!==' | '!=';

export interface Range { start: number; end: number }

/** One OneBot event literal as written. */
export interface EventLiteral {
  /** `compare`: one side of ===/==/!==/!=; `case`: a case label of a switch on a discriminator; `subscription`: a dotted name given to on/once/off/…. */
  form: 'compare' | 'case' | 'subscription';
  /** UTF-16 offsets of the literal's content (inside the quotes). */
  start: number;
  end: number;
  /** Exactly the text in [start, end). */
  napcat: string;
  /** The compared / switched property; null for a subscription. */
  property: Discriminator | null;
  operator?: CompareOperator;
  /** Text of the object whose property is compared (`e`, `ctx.event`); for a subscription, the handler's parameter when it is a plain name. */
  subject: string | null;
  /** What the code shows about the event here: this literal, its && siblings and enclosing guards on the same subject. */
  tuple: EventTuple;
  /** events.json `mapping` rows the tuple matches. */
  rows: number[];
  /** Every Milky event_type it can become; [] when Milky has none. */
  milky: string[];
  /** For message_receive (and message_recall): the message_scene values. */
  scenes: MessageScene[];
  /** Why matched rows have no Milky event (reported even when other rows have one). */
  reasons: MissingReason[];
  /** The guard this literal is a test of, an index into `EventScan.guards`; -1 when none (a loose comparison). */
  guard: number;
}

/** A comparison that a guard tests: what to replace and where it sits in its && chain. */
export interface GuardTest extends Range {
  literal: number;
  property: Discriminator;
  operator: CompareOperator;
  /** Index of its conjunct in `conjuncts`. */
  conjunct: number;
}

/** A block that runs only for some OneBot events: an if body, a case clause group, a subscription handler. */
export interface EventGuard {
  /**
   * `if`: an if body; `case`: a case clause group; `handler`: a subscription's handler; `unless`: the
   * statements after an early exit (`if (e.notice_type !== 'group_increase') return;`).
   */
  kind: 'if' | 'case' | 'handler' | 'unless';
  /** The event variable when it is a plain identifier; null otherwise (then no fix). */
  subject: string | null;
  /** Text of the tested object (for an identifier, the same as subject). */
  subjectText: string;
  /** Everything known about the event inside the block (own tests and enclosing guards). */
  tuple: EventTuple;
  rows: number[];
  milky: string[];
  scenes: MessageScene[];
  reasons: MissingReason[];
  /** Literal facts this guard tests. */
  literals: number[];
  /**
   * `if`: the whole condition and its && conjuncts (each with parentheses as written); the positive
   * discriminator tests among them. `unless`: the condition, its || disjuncts and its negative tests.
   */
  condition?: Range;
  conjuncts?: Range[];
  tests?: GuardTest[];
  /** The condition also tests the subject in a way that cannot be rewritten (||, !==, !, a ternary). */
  complex: boolean;
  /** `case`: which switch (index into `EventScan.switches`). */
  switchIndex?: number;
  /** The guarded statements: if body, the clause group's statements (empty range at the clause end when none), handler body, the statements after an early exit. */
  block: Range;
  /** `unless`: the early-exit if statement itself. */
  statement?: Range;
  /** Nearest enclosing guard on the same subject, or -1. */
  enclosing: number;
}

export interface EventSwitch {
  /** `X.prop` inside `switch (…)`. */
  discriminant: Range;
  /** The property name's range inside the discriminant. */
  property: Discriminator;
  propertyRange: Range;
  subject: string | null;
  subjectText: string;
  /** Guards of its case groups, in order. */
  guards: number[];
  /** Range of the default clause's statements, when there is one. */
  defaultBlock?: Range;
  /** Whole switch statement. */
  range: Range;
  enclosing: number;
}

export interface EventScan {
  literals: EventLiteral[];
  guards: EventGuard[];
  switches: EventSwitch[];
  /** Why the file was left alone (another protocol's code), when it was. */
  quiet?: 'onebot12' | 'icqq' | 'yunzai';
}

/** Subscription methods whose first argument may be a framework event name. */
export const SUBSCRIBE_METHODS: ReadonlySet<string> = new Set(['on', 'once', 'off', 'addListener', 'removeListener', 'prependListener', 'prependOnceListener']);

const DISCRIMINATOR_SET: ReadonlySet<string> = new Set(DISCRIMINATORS);

// Other protocols that reuse OneBot's property names or dotted event names.
const QUIET_MARKERS: ReadonlyArray<[RegExp, NonNullable<EventScan['quiet']>]> = [
  [/\bdetail_type\b/, 'onebot12'],
  [/(?:from\s*|require\s*\(\s*)['"](?:icqq|oicq|@icqqjs\/icqq)['"]/, 'icqq'],
  [/['"][./]*(?:[\w.-]+\/)*lib\/plugins\/plugin(?:\.js)?['"]/, 'yunzai'],
];

// ---- matching rows ---------------------------------------------------------------------------

export function matchRows(t: EventTuple): EventRow[] {
  return eventTable.rows.filter((r) => {
    for (const [prop, vals] of Object.entries(t) as [Discriminator | 'qualifier', readonly string[]][]) {
      if (prop === 'post_type') { if (!vals.includes(r.post_type)) return false; continue; }
      if (prop === 'sub_type') { if (!r.sub_type.some((s) => vals.includes(s))) return false; continue; }
      if (prop === 'qualifier') { if (r.qualifier !== null && !vals.includes(r.qualifier)) return false; continue; }
      if (eventTable.detailProp[r.post_type] !== prop) return false;
      if (!r.detail.some((d) => vals.includes(d))) return false;
    }
    return true;
  });
}

export interface Candidates { rows: number[]; milky: string[]; scenes: MessageScene[]; reasons: MissingReason[] }

export function candidatesOf(rows: readonly EventRow[]): Candidates {
  const milky: string[] = [];
  const scenes: MessageScene[] = [];
  const reasons: MissingReason[] = [];
  for (const r of rows) {
    for (const m of r.milky) if (!milky.includes(m)) milky.push(m);
    if (r.scene && r.milky.length && !scenes.includes(r.scene)) scenes.push(r.scene);
    if (r.reason && !reasons.includes(r.reason)) reasons.push(r.reason);
  }
  return { rows: rows.map((r) => r.row), milky, scenes, reasons };
}

/** Intersection of two tuples (a property known on both sides keeps the common values). */
export function mergeTuples(a: EventTuple, b: EventTuple): EventTuple {
  const out: EventTuple = { ...a };
  for (const [k, v] of Object.entries(b) as [keyof EventTuple, readonly string[]][]) {
    const have = out[k];
    out[k] = have ? have.filter((x) => v.includes(x)) : v;
  }
  return out;
}

/** `notice.notify.poke.group` → its tuple, when it names a OneBot 11 / NapCat event. */
export function tupleOfEventName(name: string): EventTuple | undefined {
  const parts = name.split('.');
  if (parts.length < 2 || parts.length > 4 || parts.some((p) => !/^[a-z_]+$/.test(p))) return undefined;
  const [post, detail, sub, qualifier] = parts;
  if (!POST_TYPES.has(post)) return undefined;
  const t: EventTuple = { post_type: [post], [eventTable.detailProp[post]]: [detail] };
  if (sub !== undefined) t.sub_type = [sub];
  if (qualifier !== undefined) t.qualifier = [qualifier];
  return matchRows(t).length ? t : undefined;
}

// ---- the walk --------------------------------------------------------------------------------

interface Test {
  node: TS.BinaryExpression;
  literalNode: TS.StringLiteralLike;
  subjectNode: TS.Expression;
  subjectText: string;
  subject: string | null;
  property: Discriminator;
  operator: CompareOperator;
  positive: boolean;
}

interface Context { subjectText: string; tuple: EventTuple; guard: number }

/** Text that can hold a finding at all: a discriminator name or a dotted OneBot event name. Cheap; run before parsing. */
/** Every discriminator ends in `_type`; every event name starts with a post type; escapes may spell either. */
const EVENT_WORDS = new RegExp(`_type|${[...POST_TYPES].join('|')}|\\\\[ux]`, 'g');

export const EVENT_PREFILTER = /\b(?:post|message|notice|request|sub|meta_event)_type\b|['"`](?:message|message_sent|notice|request|meta_event)\.[a-z_]/;

export function scanEvents(sf: TS.SourceFile, text: string): EventScan {
  if (!EVENT_PREFILTER.test(text)) return { literals: [], guards: [], switches: [] };
  for (const [re, quiet] of QUIET_MARKERS) if (re.test(text)) return { literals: [], guards: [], switches: [], quiet };
  return new EventFinder(sf, text).run();
}

class EventFinder {
  private readonly t = ts();
  private readonly K = this.t.SyntaxKind;
  private readonly literals: EventLiteral[] = [];
  private readonly guards: EventGuard[] = [];
  private readonly switches: EventSwitch[] = [];
  private readonly ctx: Context[] = [];
  /** Comparisons already reported as part of a chain. */
  private readonly done = new Set<TS.Node>();

  /** Where the words of a discriminator or an event name occur: subtrees without one hold no event. */
  private readonly offsets: number[];

  constructor(private readonly sf: TS.SourceFile, private readonly text: string) {
    this.offsets = [...text.matchAll(EVENT_WORDS)].map((m) => m.index);
  }

  run(): EventScan {
    this.visit(this.sf);
    // Literals in source order; guards refer to them by index, so renumber.
    const order = this.literals.map((l, i) => ({ l, i })).sort((a, b) => a.l.start - b.l.start);
    const renumber = new Map<number, number>(order.map((o, j) => [o.i, j]));
    for (const g of this.guards) {
      g.literals = g.literals.map((i) => renumber.get(i)!).sort((a, b) => a - b);
      for (const t of g.tests ?? []) t.literal = renumber.get(t.literal)!;
    }
    return { literals: order.map((o) => o.l), guards: this.guards, switches: this.switches };
  }

  private range(n: TS.Node): Range {
    return { start: n.getStart(this.sf), end: n.end };
  }

  private enclosingTuple(subjectText: string): { tuple: EventTuple; guard: number } {
    let tuple: EventTuple = {};
    let guard = -1;
    for (const c of this.ctx) {
      if (c.subjectText !== subjectText) continue;
      tuple = mergeTuples(tuple, c.tuple);
      guard = c.guard;
    }
    return { tuple, guard };
  }

  private strip(e: TS.Expression): TS.Expression {
    const K = this.K;
    while (e.kind === K.ParenthesizedExpression || e.kind === K.AsExpression || e.kind === K.NonNullExpression || e.kind === K.SatisfiesExpression || e.kind === K.TypeAssertionExpression) e = (e as TS.ParenthesizedExpression).expression;
    return e;
  }

  private isString(e: TS.Expression): e is TS.StringLiteralLike {
    return e.kind === this.K.StringLiteral || e.kind === this.K.NoSubstitutionTemplateLiteral;
  }

  /** `X.prop` / `X?.prop` / `X['prop']` with prop a discriminator → [X, prop]. */
  private discriminatorAccess(e: TS.Expression): { subjectNode: TS.Expression; property: Discriminator; nameNode: TS.Node } | undefined {
    const K = this.K;
    e = this.strip(e);
    let name: string | undefined;
    let nameNode: TS.Node | undefined;
    let obj: TS.Expression | undefined;
    if (e.kind === K.PropertyAccessExpression) {
      const p = e as TS.PropertyAccessExpression;
      name = p.name.text; nameNode = p.name; obj = p.expression;
    } else if (e.kind === K.ElementAccessExpression) {
      const p = e as TS.ElementAccessExpression;
      if (!this.isString(p.argumentExpression)) return undefined;
      name = p.argumentExpression.text; nameNode = p.argumentExpression; obj = p.expression;
    }
    if (!name || !obj || !nameNode || !DISCRIMINATOR_SET.has(name)) return undefined;
    return { subjectNode: obj, property: name as Discriminator, nameNode };
  }

  private comparison(e: TS.Expression): Test | undefined {
    const K = this.K;
    e = this.strip(e);
    if (e.kind !== K.BinaryExpression) return undefined;
    const b = e as TS.BinaryExpression;
    const op = b.operatorToken.kind;
    const operator: CompareOperator | undefined = op === K.EqualsEqualsEqualsToken ? '===' : op === K.EqualsEqualsToken ? '==' : op === K.ExclamationEqualsEqualsToken ? '!==' : op === K.ExclamationEqualsToken ? '!=' : undefined;
    if (!operator) return undefined;
    let access = this.discriminatorAccess(b.left);
    let lit = this.strip(b.right);
    if (!access || !this.isString(lit)) {
      access = this.discriminatorAccess(b.right);
      lit = this.strip(b.left);
      if (!access || !this.isString(lit)) return undefined;
    }
    const subjectNode = this.strip(access.subjectNode);
    return {
      node: b,
      literalNode: lit,
      subjectNode,
      subjectText: this.text.slice(subjectNode.getStart(this.sf), subjectNode.end),
      subject: subjectNode.kind === K.Identifier ? (subjectNode as TS.Identifier).text : null,
      property: access.property,
      operator,
      positive: operator === '===' || operator === '==',
    };
  }

  /** The conjuncts of an && chain (through parentheses), in source order. */
  private conjuncts(e: TS.Expression, out: TS.Expression[] = []): TS.Expression[] {
    const K = this.K;
    const s = this.strip(e);
    if (s.kind === K.BinaryExpression && (s as TS.BinaryExpression).operatorToken.kind === K.AmpersandAmpersandToken) {
      this.conjuncts((s as TS.BinaryExpression).left, out);
      this.conjuncts((s as TS.BinaryExpression).right, out);
    } else out.push(e);
    return out;
  }

  private contentRange(lit: TS.StringLiteralLike): Range {
    const start = lit.getStart(this.sf) + 1;
    const close = this.text[lit.end - 1];
    const end = lit.end - 1 >= start && (close === '"' || close === "'" || close === '`') ? lit.end - 1 : lit.end;
    return { start, end };
  }

  private tupleOfTests(tests: Test[]): EventTuple {
    let t: EventTuple = {};
    for (const x of tests) if (x.positive) t = mergeTuples(t, { [x.property]: [x.literalNode.text] });
    return t;
  }

  /** Reports each test of a chain as a literal; returns their indices (-1 for a quiet one). */
  private reportTests(tests: Test[], guard: number): number[] {
    const bySubject = new Map<string, Test[]>();
    for (const x of tests) {
      const l = bySubject.get(x.subjectText) ?? [];
      l.push(x);
      bySubject.set(x.subjectText, l);
    }
    return tests.map((x) => {
      this.done.add(x.node);
      const value = x.literalNode.text;
      if (!discriminatorValues[x.property].has(value)) return -1;
      const siblings = this.tupleOfTests((bySubject.get(x.subjectText) ?? []).filter((y) => y !== x));
      const tuple = mergeTuples(mergeTuples(this.enclosingTuple(x.subjectText).tuple, siblings), { [x.property]: [value] });
      if (x.property === 'sub_type' && Object.keys(tuple).length === 1 && /\bdetail_type\b/.test(this.text)) return -1;
      const rows = matchRows(tuple);
      if (rows.length === 0) return -1;
      const { start, end } = this.contentRange(x.literalNode);
      this.literals.push({ form: 'compare', start, end, napcat: this.text.slice(start, end), property: x.property, operator: x.operator, subject: x.subjectText, tuple, ...candidatesOf(rows), guard });
      return this.literals.length - 1;
    });
  }

  private visit(node: TS.Node): void {
    if (!anyOffsetIn(this.offsets, node.pos, node.end)) return;
    const K = this.K;
    if (node.kind === K.Block || node.kind === K.SourceFile || node.kind === K.ModuleBlock) { this.onStatements((node as TS.Block).statements); return; }
    switch (node.kind) {
      case K.IfStatement: this.onIf(node as TS.IfStatement); return;
      case K.SwitchStatement: if (this.onSwitch(node as TS.SwitchStatement)) return; break;
      case K.CallExpression: if (this.onCall(node as TS.CallExpression)) return; break;
      case K.BinaryExpression: this.onBinary(node as TS.BinaryExpression); break;
    }
    this.t.forEachChild(node, (c) => { this.visit(c); });
  }

  /** A statement list: an early exit on a discriminator guards the statements after it. */
  private onStatements(list: readonly TS.Statement[]): void {
    let pushed = 0;
    list.forEach((st, i) => {
      if (!anyOffsetIn(this.offsets, st.pos, st.end)) return;
      const guard = this.t.isIfStatement(st) ? this.onUnless(st, list.slice(i + 1)) : -1;
      if (guard >= 0) {
        const g = this.guards[guard];
        this.ctx.push({ subjectText: g.subjectText, tuple: this.ownUnlessTuple(g), guard });
        pushed++;
        return;
      }
      this.visit(st);
    });
    for (let i = 0; i < pushed; i++) this.ctx.pop();
  }

  private readonly unlessTuples = new Map<number, EventTuple>();

  private ownUnlessTuple(g: EventGuard): EventTuple {
    return this.unlessTuples.get(this.guards.indexOf(g)) ?? {};
  }

  private isJump(st: TS.Statement): boolean {
    const K = this.K;
    if (st.kind === K.Block) { const b = st as TS.Block; return b.statements.length === 1 && this.isJump(b.statements[0]); }
    return st.kind === K.ReturnStatement || st.kind === K.ThrowStatement || st.kind === K.ContinueStatement || st.kind === K.BreakStatement;
  }

  /** The disjuncts of an || chain (through parentheses), in source order. */
  private disjuncts(e: TS.Expression, out: TS.Expression[] = []): TS.Expression[] {
    const K = this.K;
    const s = this.strip(e);
    if (s.kind === K.BinaryExpression && (s as TS.BinaryExpression).operatorToken.kind === K.BarBarToken) {
      this.disjuncts((s as TS.BinaryExpression).left, out);
      this.disjuncts((s as TS.BinaryExpression).right, out);
    } else out.push(e);
    return out;
  }

  /** `if (e.x !== 'a' || e.y !== 'b') return;` → a guard of the statements after it; -1 when it is not one. */
  private onUnless(st: TS.IfStatement, rest: readonly TS.Statement[]): number {
    if (st.elseStatement || !this.isJump(st.thenStatement)) return -1;
    const dis = this.disjuncts(st.expression);
    const tests = dis.map((d) => this.comparison(d));
    if (tests.some((x) => !x || x.positive)) return -1;
    const all = tests as Test[];
    const subjectText = all[0].subjectText;
    if (all.some((x) => x.subjectText !== subjectText)) return -1;
    let own: EventTuple = {};
    for (const x of all) own = mergeTuples(own, { [x.property]: [x.literalNode.text] });
    const encl = this.enclosingTuple(subjectText);
    const tuple = mergeTuples(encl.tuple, own);
    const rows = matchRows(tuple);
    if (rows.length === 0 || all.some((x) => !discriminatorValues[x.property].has(x.literalNode.text))) return -1;
    const guard = this.guards.length;
    const block: Range = rest.length ? { start: rest[0].getStart(this.sf), end: rest[rest.length - 1].end } : { start: st.end, end: st.end };
    this.guards.push({
      kind: 'unless', subject: all[0].subject, subjectText, tuple, ...candidatesOf(rows), literals: [],
      condition: this.range(st.expression), conjuncts: dis.map((d) => this.range(d)), tests: [], complex: false,
      block, statement: this.range(st), enclosing: encl.guard,
    });
    this.unlessTuples.set(guard, own);
    const g = this.guards[guard];
    all.forEach((x, i) => {
      this.done.add(x.node);
      const { start, end } = this.contentRange(x.literalNode);
      this.literals.push({ form: 'compare', start, end, napcat: this.text.slice(start, end), property: x.property, operator: x.operator, subject: x.subjectText, tuple, ...candidatesOf(rows), guard });
      const li = this.literals.length - 1;
      g.literals.push(li);
      g.tests!.push({ ...this.range(x.node), literal: li, property: x.property, operator: x.operator, conjunct: i });
    });
    return guard;
  }

  /** A comparison chain outside an if condition: report it with what its && siblings say. */
  private onBinary(b: TS.BinaryExpression): void {
    if (this.done.has(b)) return;
    const K = this.K;
    if (b.operatorToken.kind === K.AmpersandAmpersandToken) {
      const tests = this.conjuncts(b).map((c) => this.comparison(c)).filter((x): x is Test => !!x && !this.done.has(x.node));
      if (tests.length) this.reportTests(tests, -1);
      return;
    }
    const t = this.comparison(b);
    if (t) this.reportTests([t], -1);
  }

  private onIf(s: TS.IfStatement): void {
    const conj = this.conjuncts(s.expression);
    const found = conj.map((c) => this.comparison(c));
    const tests = found.filter((x): x is Test => !!x);
    const positive = tests.filter((x) => x.positive);
    const subjects = [...new Set(positive.map((x) => x.subjectText))];
    let guard = -1;
    if (subjects.length >= 1) {
      // One guard per if; a condition on two event variables is reported but never rewritten.
      const subjectText = subjects[0];
      const own = positive.filter((x) => x.subjectText === subjectText);
      const encl = this.enclosingTuple(subjectText);
      const tuple = mergeTuples(encl.tuple, this.tupleOfTests(own));
      const rows = matchRows(tuple);
      guard = this.guards.length;
      const ownSubject = own[0].subject;
      this.guards.push({
        kind: 'if', subject: ownSubject, subjectText, tuple, ...candidatesOf(rows), literals: [],
        condition: this.range(s.expression), conjuncts: conj.map((c) => this.range(c)), tests: [],
        complex: subjects.length > 1 || tests.some((x) => !x.positive && x.subjectText === subjectText),
        block: this.range(s.thenStatement), enclosing: encl.guard,
      });
      const g = this.guards[guard];
      const idx = this.reportTests(tests, guard);
      tests.forEach((x, i) => {
        if (idx[i] < 0) return;
        g.literals.push(idx[i]);
        if (x.positive && x.subjectText === subjectText) g.tests!.push({ ...this.range(x.node), literal: idx[i], property: x.property, operator: x.operator, conjunct: found.indexOf(x) });
      });
      if (g.literals.length === 0 || rows.length === 0) {
        for (const i of g.literals) this.literals[i].guard = -1;
        this.guards.pop();
        guard = -1;
      }
    } else if (tests.length) {
      this.reportTests(tests, -1);
    }
    // Other conjuncts: a nested test of the same subject there (`a || b`) makes the guard complex.
    const before = this.literals.length;
    conj.forEach((c, i) => { if (!found[i]) this.visit(c); });
    if (guard < 0) {
      // Tests only inside ||, !, a ternary: still a guarded block, never rewritten.
      const inner = this.literals.slice(before).filter((l) => l.subject !== null);
      if (inner.length) {
        const subjectText = inner[0].subject!;
        const mine = inner.filter((l) => l.subject === subjectText);
        const rows = eventTable.rows.filter((r) => mine.some((l) => l.rows.includes(r.row)));
        const encl = this.enclosingTuple(subjectText);
        guard = this.guards.length;
        const first = this.strip(s.expression);
        this.guards.push({
          kind: 'if', subject: /^[A-Za-z_$][\w$]*$/.test(subjectText) ? subjectText : null, subjectText, tuple: {}, ...candidatesOf(rows),
          literals: mine.map((l) => this.literals.indexOf(l)), condition: this.range(first), conjuncts: conj.map((c) => this.range(c)), tests: [],
          complex: true, block: this.range(s.thenStatement), enclosing: encl.guard,
        });
        for (const l of mine) l.guard = guard;
        this.ctx.push({ subjectText, tuple: {}, guard });
        this.visit(s.thenStatement);
        this.ctx.pop();
        if (s.elseStatement) this.visit(s.elseStatement);
        return;
      }
    }
    if (guard >= 0) {
      const g = this.guards[guard];
      if (this.literals.slice(before).some((l) => l.subject === g.subjectText)) g.complex = true;
      this.ctx.push({ subjectText: g.subjectText, tuple: this.tupleOfTests(tests.filter((x) => x.positive && x.subjectText === g.subjectText)), guard });
      this.visit(s.thenStatement);
      this.ctx.pop();
    } else {
      this.visit(s.thenStatement);
    }
    if (s.elseStatement) this.visit(s.elseStatement);
  }

  private onSwitch(s: TS.SwitchStatement): boolean {
    const access = this.discriminatorAccess(s.expression);
    if (!access) return false;
    const K = this.K;
    const subjectNode = this.strip(access.subjectNode);
    const subjectText = this.text.slice(subjectNode.getStart(this.sf), subjectNode.end);
    const subject = subjectNode.kind === K.Identifier ? (subjectNode as TS.Identifier).text : null;
    const encl = this.enclosingTuple(subjectText);
    const sw: EventSwitch = {
      discriminant: this.range(this.strip(s.expression)), property: access.property, propertyRange: this.range(access.nameNode),
      subject, subjectText, guards: [], range: this.range(s), enclosing: encl.guard,
    };
    const swIndex = this.switches.length;
    this.switches.push(sw);
    this.visit(s.expression);
    // Group clauses that fall through from an empty clause into the next.
    let group: TS.CaseOrDefaultClause[] = [];
    for (const clause of s.caseBlock.clauses) {
      group.push(clause);
      if (clause.statements.length === 0 && clause !== s.caseBlock.clauses[s.caseBlock.clauses.length - 1]) continue;
      this.onClauseGroup(group, sw, swIndex, access.property, encl.tuple);
      group = [];
    }
    return true;
  }

  private onClauseGroup(group: TS.CaseOrDefaultClause[], sw: EventSwitch, swIndex: number, property: Discriminator, outer: EventTuple): void {
    const K = this.K;
    const last = group[group.length - 1];
    const block: Range = last.statements.length ? { start: last.statements[0].getStart(this.sf), end: last.statements[last.statements.length - 1].end } : { start: last.end, end: last.end };
    const values: string[] = [];
    const labels: TS.StringLiteralLike[] = [];
    let hasDefault = false;
    for (const c of group) {
      if (c.kind === K.DefaultClause) { hasDefault = true; continue; }
      const e = this.strip(c.expression);
      if (this.isString(e) && discriminatorValues[property].has(e.text)) { values.push(e.text); labels.push(e); }
      else this.visit(c.expression);
    }
    if (hasDefault) sw.defaultBlock = block;
    let guard = -1;
    if (values.length && !hasDefault) {
      const tuple = mergeTuples(outer, { [property]: values });
      const rows = matchRows(tuple);
      if (rows.length) {
        guard = this.guards.length;
        this.guards.push({ kind: 'case', subject: sw.subject, subjectText: sw.subjectText, tuple, ...candidatesOf(rows), literals: [], complex: false, switchIndex: swIndex, block, enclosing: sw.enclosing });
        sw.guards.push(guard);
      }
    }
    for (const lit of labels) {
      const tuple = mergeTuples(outer, { [property]: [lit.text] });
      const rows = matchRows(tuple);
      if (!rows.length) continue;
      const { start, end } = this.contentRange(lit);
      this.literals.push({ form: 'case', start, end, napcat: this.text.slice(start, end), property, subject: sw.subjectText, tuple, ...candidatesOf(rows), guard });
      if (guard >= 0) this.guards[guard].literals.push(this.literals.length - 1);
    }
    if (guard >= 0) this.ctx.push({ subjectText: sw.subjectText, tuple: { [property]: values }, guard });
    for (const c of group) for (const st of c.statements) this.visit(st);
    if (guard >= 0) this.ctx.pop();
  }

  private onCall(c: TS.CallExpression): boolean {
    const K = this.K;
    if (c.expression.kind !== K.PropertyAccessExpression && c.expression.kind !== K.ElementAccessExpression) return false;
    const method = calleeNameOf(c.expression);
    if (!method || !SUBSCRIBE_METHODS.has(method)) return false;
    const first = c.arguments[0];
    if (!first || !this.isString(first)) return false;
    const tuple = tupleOfEventName(first.text);
    if (!tuple) return false;
    this.visit(c.expression);
    const handler = c.arguments[1] ? this.strip(c.arguments[1]) : undefined;
    const isFn = handler && (handler.kind === K.ArrowFunction || handler.kind === K.FunctionExpression);
    const fn = isFn ? (handler as TS.ArrowFunction | TS.FunctionExpression) : undefined;
    const param = fn?.parameters[0];
    const subject = param && param.name.kind === K.Identifier ? (param.name as TS.Identifier).text : null;
    const rows = matchRows(tuple);
    let guard = -1;
    if (fn) {
      guard = this.guards.length;
      this.guards.push({ kind: 'handler', subject, subjectText: subject ?? '', tuple, ...candidatesOf(rows), literals: [], complex: false, block: this.range(fn.body), enclosing: -1 });
    }
    const { start, end } = this.contentRange(first);
    this.literals.push({ form: 'subscription', start, end, napcat: this.text.slice(start, end), property: null, subject, tuple, ...candidatesOf(rows), guard });
    if (guard >= 0) this.guards[guard].literals.push(this.literals.length - 1);
    for (const a of c.arguments.slice(1)) {
      if (fn && this.strip(a) === fn && subject) {
        this.ctx.push({ subjectText: subject, tuple, guard });
        this.visit(a);
        this.ctx.pop();
      } else this.visit(a);
    }
    return true;
  }
}
