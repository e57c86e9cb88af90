import type * as TS from 'typescript';
import { anyOffsetIn, camelToNapcat, candidateOffsets, milkyNames, resolveNapcat } from '../catalog';
import { exceedsNesting, MAX_NESTING } from '../nesting';
import { findEmbeddedActions, findPathNames, looksLikePathText } from './paths';
import type { Literal, ObjectInfo, PropInfo, ScanResult, Site } from './types';

// Loaded on first use so that a server can answer `initialize` before paying for the parser.
let tsLib: typeof TS | undefined;
export function ts(): typeof TS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (tsLib ??= require('typescript') as typeof TS);
}

/** `rpc` of `db.rpc(…)`, `invoke` of `invoke(…)` or `x['invoke'](…)`. */
export function calleeNameOf(e: TS.Expression): string | undefined {
  const K = ts().SyntaxKind;
  if (e.kind === K.Identifier) return (e as TS.Identifier).text;
  if (e.kind === K.PropertyAccessExpression) return (e as TS.PropertyAccessExpression).name.text;
  if (e.kind === K.ElementAccessExpression) {
    const a = (e as TS.ElementAccessExpression).argumentExpression;
    if (a.kind === K.StringLiteral) return (a as TS.StringLiteral).text;
  }
  return undefined;
}

function scriptKind(languageId: string): TS.ScriptKind {
  const k = ts().ScriptKind;
  switch (languageId) {
    case 'typescriptreact': return k.TSX;
    case 'javascript': return k.JS;
    case 'javascriptreact': return k.JSX;
    default: return k.TS;
  }
}

/** Callees whose argument lists belong to other APIs (Supabase, Tauri, Flask): never flagged. */
export const FOREIGN_CALLEES = new Set(['rpc', 'invoke', 'url_for']);
/** Receivers of Koishi's camelCase action calls: `bot.internal.sendGroupMsg`, `session.onebot.sendGroupMsg`. */
const CAMEL_RECEIVERS: ReadonlySet<string> = new Set(['internal', 'onebot']);
/** Test runners whose first argument is a title. */
const TEST_FUNCTIONS: ReadonlySet<string> = new Set(['describe', 'it', 'test', 'suite', 'context', 'bench', 'xit', 'xdescribe', 'fit', 'fdescribe']);
/** Where node's `assert.x(…)` takes its message argument. */
const ASSERT_MESSAGE_AT: Record<string, number> = { ok: 1, fail: 0, ifError: Number.POSITIVE_INFINITY };
/** Functions that merge an object's members into another (their members are definitions). */
const MERGE_FUNCTIONS: ReadonlySet<string> = new Set(['assign', 'defineProperties', 'mixin', 'extend', 'merge']);

/** `describe` of `describe.each(…)(…)` or `test.only`: the leftmost name of a callee. */
function rootName(e: TS.Expression, K: typeof TS.SyntaxKind): string | undefined {
  let x: TS.Expression = e;
  for (;;) {
    if (x.kind === K.Identifier) return (x as TS.Identifier).text;
    if (x.kind === K.PropertyAccessExpression) x = (x as TS.PropertyAccessExpression).expression;
    else if (x.kind === K.CallExpression) x = (x as TS.CallExpression).expression;
    else if (x.kind === K.TaggedTemplateExpression) x = (x as TS.TaggedTemplateExpression).tag;
    else return undefined;
  }
}

function isFunctionLike(e: TS.Expression, K: typeof TS.SyntaxKind): boolean {
  return e.kind === K.ArrowFunction || e.kind === K.FunctionExpression;
}

function isStringLike(e: TS.Expression, K: typeof TS.SyntaxKind): boolean {
  return e.kind === K.StringLiteral || e.kind === K.NoSubstitutionTemplateLiteral;
}

/** `setGroupBan` / `SetGroupBan` → `set_group_ban`. */
function toSnake(name: string): string {
  return name.replace(/^[A-Z]/, (c) => c.toLowerCase()).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Keys of a fetch-style options object: the params are in its body, not the object itself. */
const REQUEST_OPTION_KEYS = new Set(['method', 'headers', 'body', 'json', 'data']);

export interface TsScan extends ScanResult {
  sourceFile?: TS.SourceFile;
}

export interface TsScanOptions {
  /** A previous parse of an older version and the change that led here: reparse incrementally. */
  previous?: { sourceFile: TS.SourceFile; change: TS.TextChangeRange };
  /** Report sites even when the file has syntax errors (the editor, while typing). */
  tolerant?: boolean;
  /** Parse even when the prefilter finds no name (to learn whether the text parses). */
  alwaysParse?: boolean;
}

export function parseTypeScript(text: string, languageId: string, options: TsScanOptions = {}): TS.SourceFile {
  const t = ts();
  if (options.previous) return t.updateSourceFile(options.previous.sourceFile, text, options.previous.change);
  const ext = languageId.startsWith('javascript') ? (languageId.endsWith('react') ? 'x.jsx' : 'x.js') : languageId.endsWith('react') ? 'x.tsx' : 'x.ts';
  // JSDoc is never looked at (comments are never flagged): skip parsing it.
  return t.createSourceFile(ext, text, { languageVersion: t.ScriptTarget.Latest, jsDocParsingMode: t.JSDocParsingMode.ParseNone }, false, scriptKind(languageId));
}

/** The parser's own diagnostics: TypeScript keeps them on the source file without a public accessor. */
export function parseDiagnosticsOf(sf: TS.SourceFile): readonly TS.DiagnosticWithLocation[] {
  return (sf as TS.SourceFile & { parseDiagnostics?: TS.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
}

function syntaxErrorOf(sf: TS.SourceFile): string | undefined {
  const diags = parseDiagnosticsOf(sf);
  if (diags.length === 0) return undefined;
  const d = diags[0];
  const { line, character } = sf.getLineAndCharacterOfPosition(d.start);
  return `syntax error at ${line + 1}:${character + 1}: ${ts().flattenDiagnosticMessageText(d.messageText, ' ')}`;
}

export function scanTypeScript(text: string, languageId: string, options: TsScanOptions = {}): TsScan {
  const offsets = candidateOffsets(text);
  if (offsets.length === 0 && !options.previous && !options.alwaysParse) return { sites: [] };
  if (exceedsNesting(text)) return { sites: [], syntaxError: `too deeply nested (over ${MAX_NESTING} levels)`, fatal: true };
  let sourceFile: TS.SourceFile;
  try {
    sourceFile = parseTypeScript(text, languageId, options);
  } catch (e) {
    return { sites: [], syntaxError: e instanceof RangeError ? 'too deeply nested to parse' : `parser failed: ${String(e)}`, fatal: true };
  }
  const syntaxError = syntaxErrorOf(sourceFile);
  if (syntaxError && !options.tolerant) return { sites: [], syntaxError, sourceFile };
  if (offsets.length === 0) return { sites: [], sourceFile, syntaxError };
  let sites: Site[];
  try {
    sites = new TsSiteFinder(text, sourceFile, offsets).run();
  } catch (e) {
    if (e instanceof RangeError) return { sites: [], syntaxError: 'too deeply nested to analyze', fatal: true };
    throw e;
  }
  return { sites, sourceFile, syntaxError };
}

class TsSiteFinder {
  private readonly t = ts();
  private readonly K = this.t.SyntaxKind;
  private readonly stack: TS.Node[] = [];
  private readonly sites: Site[] = [];
  private quote: string | undefined;

  constructor(private readonly text: string, private readonly sf: TS.SourceFile, private readonly offsets: number[]) {}

  /** The file's own string quote, for text a fix inserts into an object that has no string of its own. */
  private fileQuote(): string {
    if (this.quote) return this.quote;
    let single = 0;
    let double = 0;
    for (const st of this.sf.statements.slice(0, 200)) {
      const t = this.text.slice(st.getStart(this.sf), st.end);
      for (let i = 0; i < t.length; i++) { const c = t.charCodeAt(i); if (c === 39) single++; else if (c === 34) double++; }
    }
    return (this.quote = double > single ? '"' : "'");
  }

  run(): Site[] {
    this.visit(this.sf);
    return this.sites.sort((a, b) => a.start - b.start);
  }

  /** Is any candidate offset inside [pos, end)? Subtrees without one are skipped. */
  private hasCandidate(pos: number, end: number): boolean {
    return anyOffsetIn(this.offsets, pos, end);
  }

  private visit(node: TS.Node): void {
    // A candidate may sit one char before pos (the `.` of `.handle_quick_operation` is inside).
    if (!this.hasCandidate(node.pos, node.end)) return;
    const K = this.K;
    switch (node.kind) {
      case K.StringLiteral:
      case K.NoSubstitutionTemplateLiteral:
        this.onString(node as TS.StringLiteral);
        return;
      case K.TemplateHead:
      case K.TemplateMiddle:
      case K.TemplateTail:
        this.onTemplatePart(node as TS.TemplateLiteralLikeNode);
        return;
      case K.Identifier:
        this.onIdentifier(node as TS.Identifier);
        return;
      case K.JsxText:
        return;
    }
    this.stack.push(node);
    this.t.forEachChild(node, (child) => { this.visit(child); });
    this.stack.pop();
  }

  private parent(depth = 0): TS.Node | undefined {
    return this.stack[this.stack.length - 1 - depth];
  }

  private add(site: Site): void {
    this.sites.push(site);
  }

  // ---- strings -------------------------------------------------------------------------------

  private onString(node: TS.StringLiteral | TS.NoSubstitutionTemplateLiteral): void {
    if (this.isForeignOrModule(node)) return;
    const start = node.getStart(this.sf);
    const quote = this.text[start];
    const contentStart = start + 1;
    const contentEnd = this.text[node.end - 1] === quote && node.end - 1 > start ? node.end - 1 : node.end;
    const raw = this.text.slice(contentStart, contentEnd);
    if (resolveNapcat(raw) || milkyNames.has(raw)) {
      if (this.isEchoValue(node) || this.isLabel(node)) return;
      const callSite = this.stringCallSite(node);
      const site: Site = { start: contentStart, end: contentEnd, written: raw, callSite };
      if (callSite !== 'key') this.attachParams(site, node);
      this.describe(site, node);
      this.add(site);
      return;
    }
    if (looksLikePathText(raw)) {
      for (const p of findPathNames(raw, true)) {
        const site: Site = { start: contentStart + p.offset, end: contentStart + p.offset + p.written.length, written: p.written, callSite: 'url', apiPrefix: p.apiPrefix };
        this.attachUrlParams(site, node);
        this.add(site);
      }
      return;
    }
    for (const e of findEmbeddedActions(raw)) {
      this.add({ start: contentStart + e.offset, end: contentStart + e.offset + e.written.length, written: e.written, callSite: 'frame', frame: true });
    }
  }

  private onTemplatePart(node: TS.TemplateLiteralLikeNode): void {
    const K = this.K;
    const template = this.parent(node.kind === K.TemplateHead ? 0 : 1) as TS.TemplateExpression | undefined;
    if (!template || this.isForeignOrModule(node)) return;
    const start = node.getStart(this.sf);
    const contentStart = start + 1;
    const atEnd = node.kind === K.TemplateTail;
    const contentEnd = atEnd ? (this.text[node.end - 1] === '`' ? node.end - 1 : node.end) : node.end - 2;
    const raw = this.text.slice(contentStart, contentEnd);
    const staticText = [template.head, ...template.templateSpans.map((s) => s.literal)].map((p) => p.text).join('');
    if (looksLikePathText(staticText)) {
      for (const p of findPathNames(raw, atEnd)) {
        // The name must follow a `/` inside this part (a substitution right before it would make
        // the segment known only at run time).
        const site: Site = { start: contentStart + p.offset, end: contentStart + p.offset + p.written.length, written: p.written, callSite: 'url', apiPrefix: p.apiPrefix };
        this.attachUrlParams(site, template);
        this.add(site);
      }
    }
    for (const e of findEmbeddedActions(raw)) {
      this.add({ start: contentStart + e.offset, end: contentStart + e.offset + e.written.length, written: e.written, callSite: 'frame', frame: true });
    }
  }

  private stringCallSite(node: TS.Node): 'string' | 'key' | 'action' {
    const K = this.K;
    const p = this.parent();
    if (!p) return 'string';
    if (p.kind === K.ComputedPropertyName) return 'key';
    if ((p.kind === K.PropertyAssignment || p.kind === K.PropertySignature || p.kind === K.MethodSignature || p.kind === K.MethodDeclaration || p.kind === K.EnumMember || p.kind === K.PropertyDeclaration) && (p as TS.PropertyAssignment).name === node) return 'key';
    if (p.kind === K.PropertyAssignment && (p as TS.PropertyAssignment).initializer === node && this.propName(p as TS.PropertyAssignment) === 'action') return 'action';
    return 'string';
  }

  private propName(p: TS.ObjectLiteralElementLike): string | undefined {
    const n = p.name;
    if (!n) return undefined;
    const K = this.K;
    if (n.kind === K.Identifier || n.kind === K.StringLiteral || n.kind === K.NumericLiteral || n.kind === K.NoSubstitutionTemplateLiteral) return (n as TS.Identifier).text;
    return undefined;
  }

  /** `echo` correlation labels: the value (through ?:, ||, parens) of an `echo` property or variable. */
  private isEchoValue(node: TS.Node): boolean {
    const K = this.K;
    let child: TS.Node = node;
    for (let i = 0; i < this.stack.length; i++) {
      const p = this.parent(i)!;
      switch (p.kind) {
        case K.ParenthesizedExpression:
        case K.ConditionalExpression:
        case K.AsExpression:
        case K.SatisfiesExpression:
        case K.TypeAssertionExpression:
          child = p;
          continue;
        case K.BinaryExpression: {
          const b = p as TS.BinaryExpression;
          const op = b.operatorToken.kind;
          if (op === K.EqualsToken && b.right === child) return this.nameOfTarget(b.left) === 'echo';
          if (op === K.BarBarToken || op === K.QuestionQuestionToken || op === K.PlusToken) { child = p; continue; }
          return false;
        }
        case K.PropertyAssignment:
          return (p as TS.PropertyAssignment).initializer === child && this.propName(p as TS.PropertyAssignment) === 'echo';
        case K.VariableDeclaration:
        case K.Parameter:
        case K.BindingElement: {
          const d = p as TS.VariableDeclaration;
          return d.initializer === child && d.name.kind === K.Identifier && d.name.text === 'echo';
        }
        default:
          return false;
      }
    }
    return false;
  }

  private nameOfTarget(e: TS.Expression): string | undefined {
    const K = this.K;
    if (e.kind === K.Identifier) return (e as TS.Identifier).text;
    if (e.kind === K.PropertyAccessExpression) return (e as TS.PropertyAccessExpression).name.text;
    return undefined;
  }

  private calleeName(e: TS.Expression): string | undefined {
    return calleeNameOf(e);
  }

  /** Inside the arguments of rpc/invoke/url_for, or a module specifier: never an action use. */
  private isForeignOrModule(node: TS.Node): boolean {
    const K = this.K;
    let child: TS.Node = node;
    for (let i = 0; i < this.stack.length; i++) {
      const p = this.parent(i)!;
      switch (p.kind) {
        case K.CallExpression: {
          const c = p as TS.CallExpression;
          if (c.expression !== child) {
            if (c.expression.kind === K.ImportKeyword) return true;
            const name = this.calleeName(c.expression);
            if (name && FOREIGN_CALLEES.has(name)) return true;
            if (name === 'require' && c.expression.kind === K.Identifier && child === node) return true;
          }
          break;
        }
        case K.ImportDeclaration:
        case K.ExportDeclaration:
        case K.ExternalModuleReference:
        case K.ImportType:
        case K.ModuleDeclaration:
          if (p.kind !== K.ModuleDeclaration || (p as TS.ModuleDeclaration).name === child) return true;
          break;
      }
      child = p;
    }
    return false;
  }

  // ---- what a site is: a label, a definition, a member of a set of names ------------------------

  /**
   * Labels, not calls: a test title, an assertion's message, or a string beside an argument that
   * already names the action (`assertSuccess(res, 'set_group_ban')`, `send(Action.setGroupBan, 'set_group_ban')`).
   */
  private isLabel(node: TS.Node): boolean {
    const K = this.K;
    const call = this.parent();
    if (!call || call.kind !== K.CallExpression) return false;
    const c = call as TS.CallExpression;
    const i = c.arguments.indexOf(node as TS.Expression);
    if (i < 0) return false;
    const root = rootName(c.expression, K);
    const name = this.calleeName(c.expression);
    if (i === 0 && root && TEST_FUNCTIONS.has(root)) return true;
    // A OneBot 12 sender (`sendV12Action('get_friend_list')`) speaks another protocol.
    if (name && /v12/i.test(name)) return true;
    if (name === 'expect' && c.expression.kind === K.Identifier) return i === 1;
    if (root === 'assert' && c.expression.kind !== K.Identifier && name) return i >= (ASSERT_MESSAGE_AT[name] ?? 2) && !(name === 'fail' && i > 0);
    if (c.expression.kind === K.Identifier && name === 'assert') return i >= 1;
    if (name && /^assert[A-Z_]/.test(name)) return i >= 1;
    // The action is already given by an earlier argument.
    return c.arguments.slice(0, i).some((a) => this.namesAction(a));
  }

  /** An argument that is itself an action name: a string literal, or `Enum.member` named after one. */
  private namesAction(e: TS.Expression): boolean {
    const K = this.K;
    if (e.kind === K.StringLiteral || e.kind === K.NoSubstitutionTemplateLiteral) { const t = (e as TS.StringLiteral).text; return !!resolveNapcat(t) || milkyNames.has(t); }
    if (e.kind === K.PropertyAccessExpression) return !!resolveNapcat(toSnake((e as TS.PropertyAccessExpression).name.text));
    return false;
  }

  /** Marks definitions of API surface and records the set of names a renamed key or label lives in. */
  private describe(site: Site, node: TS.Node): void {
    if (this.isDefinition(node)) site.definition = true;
    const group = this.groupOf(node);
    if (group) site.group = group;
  }

  /**
   * Definitions, never calls: keys whose function values are merged into an object
   * (`Object.assign(bot, { send_private_msg: () => … })`), class members named after actions, and
   * registrations that generate methods from the name (`Internal.define('get_msg', …)`).
   */
  private isDefinition(node: TS.Node): boolean {
    const K = this.K;
    const p = this.parent();
    if (!p) return false;
    if ((p.kind === K.PropertyDeclaration || p.kind === K.MethodDeclaration || p.kind === K.GetAccessor || p.kind === K.SetAccessor) && (p as TS.PropertyDeclaration).name === node) {
      const owner = this.parent(1);
      if (owner && (owner.kind === K.ClassDeclaration || owner.kind === K.ClassExpression)) return true;
    }
    if (p.kind === K.CallExpression) {
      const c = p as TS.CallExpression;
      const name = this.calleeName(c.expression);
      if (c.arguments[0] === node && name && /^define/.test(name)) return true;
    }
    const isMember = (p.kind === K.PropertyAssignment && isFunctionLike((p as TS.PropertyAssignment).initializer, K)) || p.kind === K.MethodDeclaration;
    if (isMember && (p as TS.PropertyAssignment).name === node) {
      const obj = this.parent(1);
      const call = this.parent(2);
      if (obj?.kind === K.ObjectLiteralExpression && call?.kind === K.CallExpression && (call as TS.CallExpression).arguments.indexOf(obj as TS.Expression) > 0) {
        const name = this.calleeName((call as TS.CallExpression).expression);
        return !!name && MERGE_FUNCTIONS.has(name);
      }
    }
    return false;
  }

  /** The names of the set this site belongs to (keys of one object or type, labels of one switch, values of one enum). */
  private groupOf(node: TS.Node): Site['group'] {
    const K = this.K;
    const p = this.parent();
    if (!p) return undefined;
    const memberName = (m: TS.Node): string | undefined => {
      const n = (m as TS.PropertyAssignment).name;
      if (!n) return undefined;
      return n.kind === K.Identifier || n.kind === K.StringLiteral || n.kind === K.NumericLiteral || n.kind === K.NoSubstitutionTemplateLiteral ? (n as TS.Identifier).text : undefined;
    };
    if ((p as TS.PropertyAssignment).name === node) {
      const owner = this.parent(1);
      if (!owner) return undefined;
      const members = owner.kind === K.ObjectLiteralExpression ? (owner as TS.ObjectLiteralExpression).properties
        : owner.kind === K.InterfaceDeclaration || owner.kind === K.TypeLiteral ? (owner as TS.InterfaceDeclaration).members
          : owner.kind === K.EnumDeclaration ? (owner as TS.EnumDeclaration).members
            : owner.kind === K.ClassDeclaration || owner.kind === K.ClassExpression ? (owner as TS.ClassDeclaration).members : undefined;
      if (!members) return undefined;
      return { start: owner.getStart(this.sf), names: members.map(memberName).filter((x): x is string => x !== undefined) };
    }
    if (p.kind === K.CaseClause && (p as TS.CaseClause).expression === node) {
      const block = this.parent(1) as TS.CaseBlock | undefined;
      if (!block || block.kind !== K.CaseBlock) return undefined;
      return { start: block.getStart(this.sf), names: block.clauses.flatMap((c) => (c.kind === K.CaseClause && isStringLike(c.expression, K) ? [(c.expression as TS.StringLiteral).text] : [])) };
    }
    if (p.kind === K.EnumMember && (p as TS.EnumMember).initializer === node) {
      const e = this.parent(1) as TS.EnumDeclaration | undefined;
      if (!e || e.kind !== K.EnumDeclaration) return undefined;
      return { start: e.getStart(this.sf), names: e.members.flatMap((m) => (m.initializer && isStringLike(m.initializer, K) ? [(m.initializer as TS.StringLiteral).text] : [])) };
    }
    return undefined;
  }

  // ---- params next to a name -----------------------------------------------------------------

  private attachParams(site: Site, node: TS.Node): void {
    const K = this.K;
    const p = this.parent();
    if (!p) return;
    if (p.kind === K.CallExpression || p.kind === K.NewExpression) {
      const args = (p as TS.CallExpression).arguments ?? [];
      const i = args.indexOf(node as TS.Expression);
      if (i >= 0 && i + 1 < args.length) this.setParams(site, args[i + 1]);
      return;
    }
    if (p.kind === K.PropertyAssignment && site.callSite === 'action') {
      const obj = this.parent(1) as TS.ObjectLiteralExpression;
      if (!obj || obj.kind !== K.ObjectLiteralExpression) return;
      let hasEcho = false;
      for (const prop of obj.properties) {
        const name = this.propName(prop);
        if (name === 'echo') hasEcho = true;
        if (name !== 'params') continue;
        site.frame = true;
        if (prop.kind === K.PropertyAssignment) this.setParams(site, (prop as TS.PropertyAssignment).initializer);
        else site.params = { kind: 'opaque' };
      }
      if (hasEcho) site.frame = true;
    }
  }

  private setParams(site: Site, arg: TS.Expression): void {
    const K = this.K;
    let e = arg;
    while (e.kind === K.ParenthesizedExpression || e.kind === K.AsExpression || e.kind === K.SatisfiesExpression) e = (e as TS.ParenthesizedExpression).expression;
    if (e.kind === K.ObjectLiteralExpression && this.text[e.end - 1] === '}') site.params = { kind: 'object', object: this.objectInfo(e as TS.ObjectLiteralExpression) };
    else site.params = { kind: 'opaque' };
  }

  /** For a URL: climb through `+`, templates and parens to a call argument; its next argument is the body. */
  private attachUrlParams(site: Site, node: TS.Node): void {
    const K = this.K;
    let child: TS.Node = node;
    let depth = this.stack.indexOf(node) >= 0 ? this.stack.length - 1 - this.stack.indexOf(node) + 1 : 0;
    for (; depth < this.stack.length; depth++) {
      const p = this.parent(depth)!;
      if (p.kind === K.BinaryExpression || p.kind === K.ParenthesizedExpression || p.kind === K.TemplateExpression || p.kind === K.TemplateSpan) { child = p; continue; }
      if (p.kind !== K.CallExpression) return;
      const args = (p as TS.CallExpression).arguments;
      const i = args.indexOf(child as TS.Expression);
      if (i < 0 || i + 1 >= args.length) return;
      let next = args[i + 1];
      if (next.kind !== K.ObjectLiteralExpression) { site.params = { kind: 'opaque' }; return; }
      const obj = next as TS.ObjectLiteralExpression;
      const isOptions = obj.properties.some((pr) => { const n = this.propName(pr); return n !== undefined && REQUEST_OPTION_KEYS.has(n); });
      if (this.text[obj.end - 1] !== '}') { site.params = { kind: 'opaque' }; return; }
      if (!isOptions) { site.params = { kind: 'object', object: this.objectInfo(obj) }; return; }
      const body = obj.properties.find((pr) => { const n = this.propName(pr); return n === 'body' || n === 'json' || n === 'data'; });
      if (!body || body.kind !== K.PropertyAssignment) return;
      next = (body as TS.PropertyAssignment).initializer;
      if (next.kind === K.CallExpression && this.calleeName((next as TS.CallExpression).expression) === 'stringify') next = (next as TS.CallExpression).arguments[0] ?? next;
      if (next.kind === K.ObjectLiteralExpression && this.text[next.end - 1] === '}') site.params = { kind: 'object', object: this.objectInfo(next as TS.ObjectLiteralExpression) };
      else site.params = { kind: 'opaque' };
      return;
    }
  }

  private literalOf(e: TS.Expression): Literal | undefined {
    const K = this.K;
    switch (e.kind) {
      case K.StringLiteral:
      case K.NoSubstitutionTemplateLiteral:
        return { kind: 'string', value: (e as TS.StringLiteral).text, quote: this.text[e.getStart(this.sf)] };
      case K.NumericLiteral:
        return { kind: 'number', value: Number((e as TS.NumericLiteral).text) };
      case K.PrefixUnaryExpression: {
        const u = e as TS.PrefixUnaryExpression;
        if (u.operator === K.MinusToken && u.operand.kind === K.NumericLiteral) return { kind: 'number', value: -Number((u.operand as TS.NumericLiteral).text) };
        return undefined;
      }
      case K.TrueKeyword: return { kind: 'boolean', value: true };
      case K.FalseKeyword: return { kind: 'boolean', value: false };
      case K.NullKeyword: return { kind: 'null' };
    }
    return undefined;
  }

  private isTextSegmentArray(e: TS.Expression): boolean {
    const K = this.K;
    if (e.kind !== K.ArrayLiteralExpression) return false;
    const els = (e as TS.ArrayLiteralExpression).elements;
    return els.length > 0 && els.every((el) => {
      if (el.kind !== K.ObjectLiteralExpression) return false;
      const o = el as TS.ObjectLiteralExpression;
      const type = o.properties.find((p) => this.propName(p) === 'type');
      return !!type && type.kind === K.PropertyAssignment && this.literalOf((type as TS.PropertyAssignment).initializer)?.kind === 'string' && ((type as TS.PropertyAssignment).initializer as TS.StringLiteral).text === 'text';
    });
  }

  private objectInfo(obj: TS.ObjectLiteralExpression): ObjectInfo {
    const K = this.K;
    const props: PropInfo[] = [];
    let open = false;
    let keyQuote = '';
    let stringQuote = '';
    for (const p of obj.properties) {
      const propStart = p.getStart(this.sf);
      if (p.kind === K.PropertyAssignment) {
        const pa = p as TS.PropertyAssignment;
        const key = this.propName(pa);
        if (key === undefined) { open = true; continue; }
        const keyStart = pa.name.getStart(this.sf);
        const q = pa.name.kind === K.StringLiteral ? this.text[keyStart] : '';
        if (props.length === 0) keyQuote = q;
        const value = this.literalOf(pa.initializer);
        if (value?.kind === 'string' && !stringQuote) stringQuote = value.quote;
        props.push({ key, keyStart, keyEnd: pa.name.end, keyQuote: q, shorthand: false, propStart, propEnd: pa.end, valueStart: pa.initializer.getStart(this.sf), valueEnd: pa.initializer.end, value, textSegments: this.isTextSegmentArray(pa.initializer) });
      } else if (p.kind === K.ShorthandPropertyAssignment) {
        const s = p as TS.ShorthandPropertyAssignment;
        props.push({ key: s.name.text, keyStart: propStart, keyEnd: s.name.end, keyQuote: '', shorthand: true, propStart, propEnd: s.end, valueStart: propStart, valueEnd: s.name.end });
      } else {
        open = true;
      }
    }
    return { start: obj.getStart(this.sf), end: obj.end, props, open, syntax: 'ts', keyQuote, stringQuote: stringQuote || this.fileQuote() };
  }

  // ---- identifiers: SDK methods, Koishi camelCase, unquoted keys ------------------------------

  private onIdentifier(node: TS.Identifier): void {
    const K = this.K;
    const p = this.parent();
    if (!p) return;
    const name = node.text;
    if (p.kind === K.PropertyAccessExpression && (p as TS.PropertyAccessExpression).name === node) {
      const call = this.parent(1);
      if (!call || call.kind !== K.CallExpression || (call as TS.CallExpression).expression !== p) return;
      const napcat = resolveNapcat(name);
      let callSite: 'method' | 'camel' | undefined;
      if (napcat) callSite = 'method';
      else if (camelToNapcat.has(name) && CAMEL_RECEIVERS.has(this.nameOfTarget((p as TS.PropertyAccessExpression).expression) ?? '')) callSite = 'camel';
      if (!callSite || this.isForeignOrModule(node)) return;
      const start = node.getStart(this.sf);
      const site: Site = { start, end: node.end, written: name, callSite };
      const first = (call as TS.CallExpression).arguments[0];
      if (callSite === 'method' && first) this.setParams(site, first);
      this.add(site);
      return;
    }
    const isKey = (p.kind === K.PropertyAssignment || p.kind === K.PropertySignature || p.kind === K.MethodSignature) && (p as TS.PropertyAssignment).name === node;
    const isObjectMethod = p.kind === K.MethodDeclaration && (p as TS.MethodDeclaration).name === node && this.parent(1)?.kind === K.ObjectLiteralExpression;
    if ((isKey || isObjectMethod) && resolveNapcat(name) && !this.isForeignOrModule(node)) {
      const site: Site = { start: node.getStart(this.sf), end: node.end, written: name, callSite: 'key' };
      this.describe(site, node);
      this.add(site);
    }
  }
}
