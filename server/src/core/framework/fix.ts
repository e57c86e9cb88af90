/**
 * The fix plan of one NoneBot v11 import: the import rewritten to nonebot-adapter-milky, the names
 * it binds renamed at every use, its `MessageSegment` factory calls rewritten, all or nothing (a
 * class renamed at its uses but not at its import, or the other way round, breaks the file). Any
 * blocker leaves the plan without edits; the blockers say what is left by hand.
 */
import { MILKY_MODULE, V11_MODULE, milkyModuleOf, nonebot, nonebotName } from '../catalog/nonebot';
import type { Edit } from '../edits';
import type { FrameworkReason, NbImport, NbName, NoneBotScan } from './nonebot';

export interface NbBlocker {
  name: string;
  reason: FrameworkReason;
}

export interface NoneBotPlan {
  imp: number;
  /** Empty when a blocker stops the plan. */
  edits: Edit[];
  blockers: NbBlocker[];
  /** The Milky modules the import becomes. */
  modules: readonly string[];
}

/** The Milky module of one imported name, and the name it becomes; undefined when it is not one name. */
function targetOf(imp: NbImport, n: NbName): { module: string; name: string } | NbBlocker {
  const e = nonebotName(n.name);
  if (!e) return { name: n.name, reason: 'unknown-name' };
  if (e.reason || e.milky.length !== 1) return { name: n.name, reason: e.reason ?? 'no-milky-name' };
  const name = e.milky[0];
  const sub = imp.module.slice(V11_MODULE.length + 1);
  const module = imp.module === V11_MODULE && nonebot.milkyTopLevel.includes(name) ? MILKY_MODULE
    : sub === e.module ? milkyModuleOf(imp.module)! : `${MILKY_MODULE}.${e.module}`;
  return { module, name };
}

/** One import's all-or-nothing plan: import, uses and factory calls together, or blockers and no edit. */
export function planNoneBot(scan: NoneBotScan, i: number, text: string): NoneBotPlan {
  const imp = scan.imports[i];
  const blockers: NbBlocker[] = [...(scan.unsafe.get(i) ?? [])];
  const edits: Edit[] = [];
  const modules: string[] = [];
  if (imp.star) blockers.push({ name: imp.module, reason: 'star' });
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  if (imp.form === 'module') {
    const milky = milkyModuleOf(imp.module);
    if (!milky) blockers.push({ name: imp.module, reason: 'unknown-name' });
    else modules.push(milky);
    // Each `ob.X` must be a name the Milky package itself exports, under the same name.
    for (const u of scan.uses.filter((x) => x.imp === i)) {
      const e = nonebotName(u.name);
      if (imp.module !== V11_MODULE || !e || e.reason || e.milky.length !== 1 || e.milky[0] !== u.name || !nonebot.milkyTopLevel.includes(u.name)) {
        if (!blockers.some((b) => b.name === u.name)) blockers.push({ name: u.name, reason: e?.reason ?? (e ? 'module-use' : 'unknown-name') });
      }
    }
    if (milky) edits.push({ start: imp.moduleStart, end: imp.moduleEnd, newText: milky });
  } else {
    const targets = imp.names.map((n) => targetOf(imp, n));
    targets.forEach((t) => { if ('reason' in t) blockers.push(t); });
    const ok = targets.filter((t): t is { module: string; name: string } => !('reason' in t));
    for (const t of ok) if (!modules.includes(t.module)) modules.push(t.module);
    if (!blockers.length && modules.length === 1) {
      edits.push({ start: imp.moduleStart, end: imp.moduleEnd, newText: modules[0] });
      imp.names.forEach((n, k) => { const t = ok[k]; if (t.name !== n.name) edits.push({ start: n.start, end: n.end, newText: t.name }); });
    } else if (!blockers.length && modules.length > 1) {
      // One statement per Milky module, in the order the names came; the statement is rewritten whole.
      if (imp.comment) blockers.push({ name: imp.module, reason: 'comment' });
      else if (!imp.ownLine || /[^\s]/.test(text.slice(imp.end, (text.indexOf('\n', imp.end) + 1 || text.length + 1) - 1).replace(/\r$/, ''))) blockers.push({ name: imp.module, reason: 'layout' });
      else {
        const lines = modules.map((m) => `from ${m} import ${imp.names.filter((_, k) => ok[k].module === m).map((n) => {
          const t = ok[imp.names.indexOf(n)];
          return n.aliased ? `${t.name} as ${n.local}` : t.name;
        }).join(', ')}`);
        edits.push({ start: imp.start, end: imp.end, newText: lines.join(eol + imp.indent) });
      }
    }
    if (!blockers.length) {
      const renamed = new Map<string, string>();
      imp.names.forEach((n, k) => { if (!n.aliased && ok[k].name !== n.name) renamed.set(n.local, ok[k].name); });
      for (const u of scan.uses) if (u.imp === i && renamed.has(u.name)) edits.push({ start: u.start, end: u.end, newText: renamed.get(u.name)! });
    }
  }
  for (const f of scan.factories) {
    if (f.imp !== i) continue;
    if (f.rewrite === undefined) { if (!blockers.some((b) => b.name === f.factory)) blockers.push({ name: f.factory, reason: f.reason ?? 'arguments' }); continue; }
    edits.push({ start: f.start, end: f.argsEnd, newText: f.rewrite });
  }
  return { imp: i, edits: blockers.length ? [] : edits.sort((a, b) => a.start - b.start), blockers, modules };
}
