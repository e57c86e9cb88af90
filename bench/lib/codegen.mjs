// Deterministic generators of realistic QQ-bot sources: plain JS application code (most files, no
// NapCat names at all), bot plugins and adapters that call NapCat actions in every usual way
// (call helpers, WS frames, URLs, action maps, SDK methods, Koishi `internal` calls), JSON fixtures
// and configs, and a TypeScript flavour for the language-server file. Every file parses.

const VERBS = ['get', 'set', 'load', 'save', 'find', 'update', 'create', 'delete', 'fetch', 'parse', 'build', 'handle',
  'render', 'validate', 'format', 'compute', 'resolve', 'apply', 'check', 'to', 'is', 'has', 'sync', 'read', 'write',
  'list', 'remove', 'add', 'emit', 'init', 'normalize', 'merge', 'split', 'collect', 'schedule', 'retry', 'encode', 'decode'];
const NOUNS = ['User', 'Config', 'Item', 'Order', 'Session', 'Token', 'Cache', 'Status', 'File', 'Image', 'Record', 'Value',
  'Entry', 'Options', 'Path', 'Url', 'Request', 'Response', 'Event', 'Message', 'Queue', 'Task', 'Job', 'Node', 'Tree',
  'List', 'Map', 'Key', 'Index', 'Range', 'Date', 'Time', 'Count', 'Size', 'Buffer', 'Stream', 'Logger', 'Route', 'Handler',
  'Model', 'Schema', 'Field', 'Row', 'Table', 'Query', 'Result', 'Error', 'State', 'Store', 'Payload', 'Meta', 'Header',
  'Body', 'Chunk', 'Block', 'Frame', 'Color', 'Theme', 'Layout', 'Widget', 'Page', 'View', 'Locale', 'Text', 'Label',
  'Icon', 'Asset', 'Template', 'Plugin', 'Module', 'Service', 'Client', 'Server', 'Socket', 'Channel', 'Room', 'Member',
  'Group', 'Friend', 'Profile', 'Avatar', 'Account', 'Role', 'Permission', 'Policy', 'Rule', 'Filter', 'Sort', 'Score',
  'Reward', 'Coupon', 'Invoice', 'Price', 'Cart', 'Product', 'Stock', 'Report', 'Metric', 'Sample', 'Batch'];
const LOCALS = ['data', 'result', 'item', 'entry', 'value', 'opts', 'config', 'ctx', 'req', 'res', 'user', 'list', 'map',
  'key', 'idx', 'count', 'total', 'row', 'rows', 'payload', 'body', 'meta', 'state', 'next', 'prev', 'acc', 'buf', 'chunk',
  'node', 'parent', 'child', 'err', 'info', 'args', 'params', 'query', 'text', 'name', 'id', 'uid', 'gid', 'ts', 'delay',
  'retries', 'limit', 'offset', 'page', 'size', 'score', 'flag', 'mode', 'path', 'url', 'headers', 'timer', 'job', 'task'];
const WORDS = ['ready', 'failed', 'invalid input', 'not found', 'unauthorized', 'retrying', 'connected', 'closed', 'pending',
  'done', 'cache miss', 'rate limited', 'timeout', 'skipping', 'loaded', 'saved', 'user', 'order', 'item', 'config',
  'session expired', 'ok', 'error', 'warning', 'debug', 'info', 'application/json', 'utf-8', 'GET', 'POST', 'default',
  '参数错误', '请求失败', '已保存', '加载中', '未找到用户', '操作成功', '权限不足', '网络异常', '签到成功', '今日运势'];
const MODULES = ['node:fs/promises', 'node:path', 'node:crypto', 'node:events', 'node:util', 'node:os', 'axios', 'lodash',
  'dayjs', 'ws', 'express', 'koa', 'redis', 'pino', 'zod', 'mysql2/promise', 'node-cron', 'yaml', 'sharp', 'undici',
  './utils.js', './config.js', '../lib/store.js', '../lib/logger.js', './constants.js', '../services/index.js'];
const OBJ_KEYS = ['id', 'name', 'type', 'status', 'createdAt', 'updatedAt', 'owner', 'title', 'tags', 'enabled', 'retries',
  'timeout', 'url', 'method', 'headers', 'payload', 'score', 'level', 'count', 'items', 'total', 'page', 'pageSize',
  'user_id', 'group_id', 'message_id', 'nickname', 'card', 'role', 'time', 'self_id', 'post_type', 'sub_type'];

export class CodeGen {
  constructor(rnd, napcatNames) {
    this.r = rnd;
    this.names = napcatNames;
    this.ids = 0;
  }

  // ---- tokens ------------------------------------------------------------------------------

  fnName() {
    const r = this.r;
    let s = r.pick(VERBS) + r.pick(NOUNS);
    if (r.chance(0.3)) s += r.pick(NOUNS);
    return s;
  }
  className() { return this.r.pick(NOUNS) + this.r.pick(['Service', 'Manager', 'Store', 'Controller', 'Repository', 'Helper', 'Queue', 'Cache', 'Client']); }
  local() { return this.r.pick(LOCALS); }
  word() { return this.r.pick(WORDS); }
  str() {
    const r = this.r;
    const q = r.chance(0.7) ? "'" : '"';
    const w = r.chance(0.3) ? `${this.word()} ${this.word()}` : this.word();
    return q + w + q;
  }
  num() {
    const r = this.r;
    return String(r.pick([0, 1, 2, 3, 10, 30, 60, 100, 250, 500, 1000, 3000, 60_000, 86400, r.int(0, 99999)]));
  }
  napcat() { return this.r.pick(this.names); }

  // ---- expressions -------------------------------------------------------------------------

  expr(depth = 0) {
    const r = this.r;
    if (depth > 2) return r.pick([() => this.local(), () => this.num(), () => this.str(), () => `${this.local()}.${r.pick(OBJ_KEYS)}`])();
    switch (r.int(0, 15)) {
      case 0: return this.num();
      case 1: return this.str();
      case 2: return `${this.local()}.${r.pick(OBJ_KEYS)}`;
      case 3: return `${this.fnName()}(${this.argList(depth + 1)})`;
      case 4: return `${this.sync ? '' : 'await '}${this.fnName()}(${this.argList(depth + 1)})`;
      case 5: return `\`${this.word()} \${${this.local()}.${r.pick(OBJ_KEYS)}} ${this.word()}\``;
      case 6: return this.objectLiteral(depth + 1);
      case 7: return `[${Array.from({ length: r.int(0, 4) }, () => this.expr(depth + 1)).join(', ')}]`;
      case 8: return `${this.operand(depth + 1)} ${r.pick(['+', '-', '*', '||', '&&', '??', '===', '!==', '<', '>='])} ${this.operand(depth + 1)}`;
      case 9: return `${this.local()} ? ${this.operand(depth + 1)} : ${this.operand(depth + 1)}`;
      case 10: return `(${this.local()}) => ${this.arrowBody(depth + 1)}`;
      case 11: return `${this.local()}.${r.pick(['map', 'filter', 'find', 'some', 'every'])}((${this.local()}) => ${this.arrowBody(depth + 1)})`;
      case 12: return `new ${r.pick(['Map', 'Set', 'Date', 'URL', 'Error', 'AbortController'])}(${r.chance(0.5) ? this.expr(depth + 1) : ''})`;
      case 13: return r.pick(['/^[a-z0-9_-]+$/i', '/\\s+/g', '/^\\d{5,12}$/', '/\\[CQ:(\\w+),([^\\]]*)\\]/g', '/(?:https?:)?\\/\\/[^\\s]+/']);
      case 14: return `${this.local()}?.${r.pick(OBJ_KEYS)} ?? ${this.operand(depth + 1)}`;
      default: return `Math.${r.pick(['max', 'min', 'floor', 'round'])}(${this.expr(depth + 1)}, ${this.num()})`;
    }
  }
  /** An expression usable as an operand: parenthesized unless it is one token. */
  operand(depth) {
    const e = this.expr(depth);
    return /^[\w.$'"]+$/.test(e) ? e : `(${e})`;
  }
  arrowBody(depth) {
    const e = this.syncExpr(depth);
    return e.startsWith('{') ? `(${e})` : e;
  }
  /** An expression without `await` (arrow bodies, constructors). */
  syncExpr(depth) {
    const was = this.sync;
    this.sync = true;
    try { return this.expr(depth); } finally { this.sync = was; }
  }
  argList(depth) { return Array.from({ length: this.r.int(0, 3) }, () => this.expr(depth)).join(', '); }
  objectLiteral(depth) {
    const r = this.r;
    const n = r.int(1, 5);
    const keys = new Set();
    for (let i = 0; i < n; i++) keys.add(r.pick(OBJ_KEYS));
    return `{ ${[...keys].map((k) => `${k}: ${this.expr(depth + 1)}`).join(', ')} }`;
  }

  // ---- statements --------------------------------------------------------------------------

  stmt(ind, depth) {
    const r = this.r;
    const p = ' '.repeat(ind);
    const deeper = depth < 3;
    switch (r.int(0, deeper ? 15 : 8)) {
      case 0: case 1: return `${p}const ${this.local()}${++this.ids} = ${this.expr()};`;
      case 2: return `${p}let ${this.local()}${++this.ids} = ${this.expr()};`;
      case 3: return `${p}${this.local()}.${r.pick(OBJ_KEYS)} = ${this.expr()};`;
      case 4: return `${p}await ${this.fnName()}(${this.argList(1)});`;
      case 5: return `${p}${r.pick(['logger', 'log', 'console'])}.${r.pick(['info', 'warn', 'debug', 'error'])}(${this.str()}, ${this.local()});`;
      case 6: return `${p}// ${r.pick(['TODO', 'NOTE', 'FIXME', 'HACK'])}: ${this.word()} ${this.word()} when ${this.local()} is ${this.word()}`;
      case 7: return `${p}if (!${this.local()}) return ${this.expr()};`;
      case 8: return `${p}${this.local()}${r.pick(['.push', '.add', '.delete', '.set'])}(${this.expr()});`;
      case 9: return `${p}if (${this.expr()}) {\n${this.block(ind + 2, depth + 1)}\n${p}}${r.chance(0.4) ? ` else {\n${this.block(ind + 2, depth + 1)}\n${p}}` : ''}`;
      case 10: return `${p}for (const ${this.local()} of ${this.local()}) {\n${this.block(ind + 2, depth + 1)}\n${p}}`;
      case 11: return `${p}for (let i = 0; i < ${this.local()}.length; i++) {\n${this.block(ind + 2, depth + 1)}\n${p}}`;
      case 12: return `${p}try {\n${this.block(ind + 2, depth + 1)}\n${p}} catch (err) {\n${p}  logger.error(${this.str()}, err);\n${p}  throw err;\n${p}}`;
      case 13: {
        const cases = Array.from({ length: r.int(1, 4) }, () => `${p}  case ${this.str()}:\n${this.block(ind + 4, depth + 1)}\n${p}    break;`).join('\n');
        return `${p}switch (${this.local()}.${r.pick(OBJ_KEYS)}) {\n${cases}\n${p}  default:\n${p}    break;\n${p}}`;
      }
      case 14: return `${p}const { ${r.pick(OBJ_KEYS)}: ${this.local()}${++this.ids}, ${r.pick(['title', 'name', 'owner', 'tags'])}: ${this.local()}${++this.ids} } = ${this.expr()};`;
      default: return `${p}while (${this.local()}.length > ${this.num()}) {\n${p}  ${this.local()}.shift();\n${p}}`;
    }
  }
  block(ind, depth) {
    const n = this.r.int(1, depth === 0 ? 9 : 4);
    const out = [];
    for (let i = 0; i < n; i++) out.push(this.stmt(ind, depth));
    return out.join('\n');
  }
  jsdoc(ind) {
    const p = ' '.repeat(ind);
    return `${p}/**\n${p} * ${this.word()} ${this.word()} ${this.word()}.\n${p} * @param {object} ${this.local()}\n${p} * @returns {Promise<${this.r.pick(['void', 'object', 'string', 'number'])}>}\n${p} */`;
  }
  fn(ind = 0, exported = true, ts = false) {
    const r = this.r;
    const p = ' '.repeat(ind);
    const params = Array.from({ length: r.int(0, 3) }, (_, i) => `${this.local()}${i}${ts ? `: ${r.pick(['string', 'number', 'any', 'Options', 'Record<string, unknown>'])}` : ''}`);
    // Always async: the bodies may `await`.
    const head = `${exported ? 'export ' : ''}async function ${this.fnName()}${++this.ids}(${params.join(', ')})${ts ? `: ${r.pick(['Promise<void>', 'Promise<unknown>', 'any'])}` : ''}`;
    return `${r.chance(0.5) ? this.jsdoc(ind) + '\n' : ''}${p}${head} {\n${this.block(ind + 2, 0)}\n${p}  return ${this.expr()};\n${p}}`;
  }
  klass(ts = false) {
    const r = this.r;
    const methods = Array.from({ length: r.int(2, 6) }, () => {
      const params = Array.from({ length: r.int(0, 2) }, (_, i) => `${this.local()}${i}${ts ? ': any' : ''}`);
      return `  ${r.chance(0.3) ? 'static ' : ''}async ${this.fnName()}(${params.join(', ')}) {\n${this.block(4, 1)}\n    return ${this.expr()};\n  }`;
    });
    return `export class ${this.className()}${++this.ids} {\n  constructor(${this.local()}) {\n    this.${r.pick(OBJ_KEYS)} = ${this.syncExpr(0)};\n  }\n\n${methods.join('\n\n')}\n}`;
  }
  header(kind) {
    const r = this.r;
    const lines = [];
    if (r.chance(0.3)) lines.push(`/*!\n * ${this.className()} — ${this.word()} ${this.word()}\n * Copyright (c) ${r.int(2019, 2025)} contributors. MIT License.\n */`);
    const n = r.int(1, 6);
    const seen = new Set();
    for (let i = 0; i < n; i++) {
      const m = r.pick(MODULES);
      if (seen.has(m)) continue;
      seen.add(m);
      const local = `${this.local()}Mod${i}`;
      lines.push(kind === 'cjs' ? `const ${local} = require('${m.replace(/\.js$/, '.cjs')}');` : `import ${local} from '${m}';`);
    }
    lines.push(kind === 'cjs' && r.chance(0.5) ? "const logger = require('pino')();" : 'const logger = console;');
    return lines.join('\n');
  }
  /** Plain application code: no NapCat action names (a camelCase identifier may still collide). */
  unrelatedModule(kind, targetBytes) {
    const parts = [this.header(kind)];
    let size = parts[0].length;
    while (size < targetBytes) {
      const piece = this.r.chance(0.25) ? this.klass() : this.fn(0, kind !== 'cjs');
      parts.push(kind === 'cjs' ? piece.replace(/^export /gm, '') : piece);
      size += piece.length + 2;
    }
    if (kind === 'cjs') parts.push(`module.exports = { ${this.fnName()}: ${this.local()}Mod0 };`);
    return parts.join('\n\n') + '\n';
  }

  // ---- bot code with NapCat names -----------------------------------------------------------

  params() {
    const r = this.r;
    const keys = r.pick([
      ['group_id', 'message'], ['user_id', 'message'], ['group_id', 'user_id'], ['message_id'], [],
      ['group_id', 'user_id', 'duration'], ['flag', 'approve'], ['group_id', 'no_cache'], ['user_id', 'times'],
    ]);
    if (!keys.length) return '{}';
    return `{ ${keys.map((k) => `${k}: ${k === 'message' ? `[{ type: 'text', data: { text: ${this.str()} } }]` : k === 'approve' || k === 'no_cache' ? r.pick(['true', 'false']) : `${this.local()}.${r.pick(['group_id', 'user_id', 'message_id', 'id'])}`}`).join(', ')} }`;
  }
  /** One statement that uses (or merely mentions) a NapCat action name. */
  botStmt(ind) {
    const r = this.r;
    this.botStmts = (this.botStmts ?? 0) + 1;
    const p = ' '.repeat(ind);
    const n = this.napcat();
    const q = r.chance(0.7) ? "'" : '"';
    switch (r.int(0, 17)) {
      case 0: case 1: case 2: return `${p}await bot.callApi(${q}${n}${q}, ${this.params()});`;
      case 3: return `${p}const ${this.local()}${++this.ids} = await ctx.bot.call(${q}${n}${q}, ${this.params()});`;
      case 4: return `${p}ws.send(JSON.stringify({ action: ${q}${n}${q}, params: ${this.params()}, echo: \`req-\${++seq}\` }));`;
      case 5: return `${p}await axios.post(\`\${baseUrl}/${n}\`, ${this.params()}, { headers: { Authorization: \`Bearer \${token}\` } });`;
      case 6: return `${p}const res${++this.ids} = await fetch(apiBase + '/${n}', { method: 'POST', body: JSON.stringify(${this.params()}) });`;
      case 7: return `${p}await napcat.${n}(${this.params()});`;
      case 8: return `${p}// ${n} returns retcode 1400 when the ${this.word()} is ${this.word()}`;
      case 9: return `${p}logger.info(\`${n} ok for \${${this.local()}.id}\`);`;
      case 10: return `${p}if (frame.action === ${q}${n}${q}) {\n${this.block(ind + 2, 2)}\n${p}}`;
      case 11: return `${p}queue.push({ action: ${q}${n}${q}, params: ${this.params()}, echo: ${q}${n}${q} });`;
      case 12: return `${p}ws.send('{"action":"${n}","params":{},"echo":"' + seq++ + '"}');`;
      case 13: return `${p}const url${++this.ids} = \`http://127.0.0.1:3000/${n}?access_token=\${token}\`;`;
      case 14: { const camel = n.replace(/(?!^)_([a-z0-9])/g, (_, c) => c.toUpperCase()); return `${p}await session.bot.internal.${camel}(${this.local()}.group_id);`; }
      case 15: return `${p}metrics.increment('napcat.${n}.calls');`;
      default: return `${p}return this.call(${q}${n}${q}, ${this.params()});`;
    }
  }
  botFunction(ind, ts = false) {
    const r = this.r;
    const p = ' '.repeat(ind);
    const body = [];
    const n = r.int(2, 8);
    for (let i = 0; i < n; i++) body.push(r.chance(0.45) ? this.botStmt(ind + 2) : this.stmt(ind + 2, 1));
    const evt = ts ? 'e: MessageEvent' : 'e';
    return `${p}export async function ${r.pick(['on', 'handle', 'reply', 'sync', 'check'])}${this.r.pick(NOUNS)}${++this.ids}(${evt}) {\n${p}  const bot = e.bot;\n${body.join('\n')}\n${p}  return ${this.expr()};\n${p}}`;
  }
  actionMap() {
    const r = this.r;
    const entries = Array.from({ length: r.int(4, 14) }, () => {
      const n = this.napcat();
      return `  ${this.fnName()}${++this.ids}: '${n}',`;
    });
    return `export const ACTIONS_${++this.ids} = {\n${entries.join('\n')}\n};`;
  }
  dispatcher() {
    const r = this.r;
    const cases = Array.from({ length: r.int(3, 10) }, () => `    case '${this.napcat()}':\n      return handle${this.r.pick(NOUNS)}(params);`);
    return `export function dispatch${++this.ids}(action, params) {\n  switch (action) {\n${cases.join('\n')}\n    default:\n      throw new Error(\`unknown action \${action}\`);\n  }\n}`;
  }
  /** A bot plugin / adapter: mostly ordinary code, with NapCat calls in many shapes. */
  botModule(kind, targetBytes) {
    const r = this.r;
    const parts = [this.header(kind), `const baseUrl = process.env.NAPCAT_HTTP ?? 'http://127.0.0.1:3000';\nconst apiBase = baseUrl;\nconst token = process.env.NAPCAT_TOKEN;\nlet seq = 0;`];
    let size = parts.join('').length;
    while (size < targetBytes) {
      const k = r.weighted({ bot: 5, plain: 4, klass: 1, map: 1, dispatch: 1 });
      let piece = k === 'bot' ? this.botFunction(0) : k === 'plain' ? this.fn(0) : k === 'klass' ? this.klass() : k === 'map' ? this.actionMap() : this.dispatcher();
      if (kind === 'cjs') piece = piece.replace(/^export /gm, '');
      parts.push(piece);
      size += piece.length + 2;
    }
    if (kind === 'cjs') parts.push('module.exports = {};');
    return parts.join('\n\n') + '\n';
  }

  // ---- JSON ----------------------------------------------------------------------------------

  jsonValue(depth) {
    const r = this.r;
    if (depth > 2) return r.pick([() => r.int(0, 1e6), () => this.word(), () => r.chance(0.5), () => null])();
    switch (r.int(0, 5)) {
      case 0: return r.int(0, 1e9);
      case 1: return this.word();
      case 2: return r.chance(0.5);
      case 3: return Array.from({ length: r.int(0, 4) }, () => this.jsonValue(depth + 1));
      default: {
        const o = {};
        for (let i = r.int(1, 5); i > 0; i--) o[r.pick(OBJ_KEYS)] = this.jsonValue(depth + 1);
        return o;
      }
    }
  }
  oneBotEvent() {
    const r = this.r;
    const group = r.chance(0.6);
    return {
      time: 1718000000 + r.int(0, 1e6), self_id: 10001, post_type: 'message', message_type: group ? 'group' : 'private',
      sub_type: group ? 'normal' : 'friend', message_id: r.int(1e6, 9e6), user_id: r.int(1e4, 9e9),
      ...(group ? { group_id: r.int(1e5, 9e8) } : {}),
      message: [{ type: 'text', data: { text: `${this.word()} ${this.word()}` } }],
      raw_message: `${this.word()} ${this.word()}`, font: 0,
      sender: { user_id: r.int(1e4, 9e9), nickname: this.word(), card: '', role: r.pick(['member', 'admin', 'owner']) },
    };
  }
  /** JSON: mostly without action names (configs, locales, event fixtures), some API recordings. */
  jsonFile(kind, targetBytes) {
    const r = this.r;
    switch (kind) {
      case 'events': {
        const arr = [];
        let size = 0;
        while (size < targetBytes) { const e = this.oneBotEvent(); arr.push(e); size += 420; }
        return JSON.stringify(arr, null, 2) + '\n';
      }
      case 'locale': {
        const o = {};
        let size = 0;
        while (size < targetBytes) { o[`${r.pick(NOUNS).toLowerCase()}.${this.fnName()}${++this.ids}`] = `${this.word()}，${this.word()}`; size += 50; }
        return JSON.stringify(o, null, 2) + '\n';
      }
      case 'recording': {
        const arr = [];
        let size = 0;
        while (size < targetBytes) {
          const n = this.napcat();
          arr.push({ request: { action: n, params: this.jsonValue(1), echo: String(r.int(1, 1e5)) }, response: { status: 'ok', retcode: 0, data: this.jsonValue(1), echo: String(r.int(1, 1e5)) } });
          size += 300;
        }
        return JSON.stringify({ description: 'Recorded NapCat API traffic, replayed by the integration tests.', recordings: arr }, null, 2) + '\n';
      }
      case 'paths': {
        const o = {};
        for (let i = r.int(5, 40); i > 0; i--) o[`/${this.napcat()}`] = { post: { summary: `${this.word()}`, tags: ['onebot'] } };
        return JSON.stringify({ openapi: '3.0.0', info: { title: 'NapCat', version: '4.0.0' }, paths: o }, null, 2) + '\n';
      }
      default: { // config / package.json-like: no names
        const o = { name: `${this.local()}-${this.local()}`, version: `${r.int(0, 3)}.${r.int(0, 20)}.${r.int(0, 9)}`, private: true };
        let size = 0;
        while (size < targetBytes) { o[`${this.local()}${++this.ids}`] = this.jsonValue(0); size += 120; }
        return JSON.stringify(o, null, 2) + '\n';
      }
    }
  }

  // ---- TypeScript (the language-server file) ------------------------------------------------

  /** A TS module of about `lines` lines with about `calls` NapCat call sites. */
  tsBotFile(lines, calls) {
    const r = this.r;
    const head = [
      "import type { MessageEvent } from './types';",
      "import { createLogger } from '../lib/logger';",
      '',
      'const logger = createLogger(\'bot\');',
      "const baseUrl: string = process.env.NAPCAT_HTTP ?? 'http://127.0.0.1:3000';",
      'const apiBase = baseUrl;',
      'const token = process.env.NAPCAT_TOKEN;',
      'let seq = 0;',
      'declare const bot: { callApi(action: string, params?: object): Promise<any> };',
      'declare const ctx: any, ws: any, axios: any, napcat: any, session: any, metrics: any, frame: any, queue: any[];',
      '',
      'export interface Options {\n  retries: number;\n  timeout?: number;\n  tags: string[];\n}',
    ];
    const out = head.join('\n').split('\n');
    this.botStmts = 0;
    while (out.length < lines) {
      // Keep the share of bot statements even along the file: ~`calls` of them in `lines` lines.
      const piece = this.botStmts / calls < out.length / lines ? this.botFunction(0, true) : r.chance(0.2) ? this.klass(true) : this.fn(0, true, true);
      out.push('', ...piece.split('\n'));
    }
    return out.join('\n') + '\n';
  }
}
