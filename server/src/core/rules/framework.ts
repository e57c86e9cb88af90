/**
 * The framework rule: NoneBot2 plugins written against nonebot-adapter-onebot v11. The Python
 * scanner reads the v11 imports, the uses of their names and the `MessageSegment` factory calls
 * from the tree (framework/nonebot.ts); this turns them into findings. Each finding names the
 * import it hangs on, whose plan (import + uses + calls, all or nothing) is the fix.
 */
import { nonebotName } from '../catalog/nonebot';
import type { Finding, FrameworkFinding } from '../findings';
import { planNoneBot } from '../framework/fix';
import type { NoneBotScan } from '../framework/nonebot';

export function frameworkFindings(scan: NoneBotScan, text: string): Finding[] {
  const out: FrameworkFinding[] = [];
  const base = { kind: 'framework', framework: 'nonebot' } as const;
  scan.imports.forEach((imp, i) => {
    const plan = planNoneBot(scan, i, text);
    out.push({
      ...base, form: 'import', start: imp.moduleStart, end: imp.moduleEnd, napcat: imp.module, milky: plan.modules,
      mechanical: plan.blockers.length === 0, importAt: imp.start, blockers: plan.blockers,
    });
    const renamed = new Set<string>();
    for (const n of imp.names) {
      const e = nonebotName(n.name);
      // A name that keeps its spelling changes only with the module path (the import's finding).
      if (e && !e.reason && e.milky.length === 1 && e.milky[0] === n.name) continue;
      const reason = !e ? 'unknown-name' as const : e.reason ?? (e.milky.length === 1 ? undefined : 'no-milky-name' as const);
      out.push({ ...base, form: 'name', start: n.start, end: n.end, napcat: n.name, milky: e?.milky ?? [], mechanical: !reason, ...(reason ? { reason } : {}), importAt: imp.start });
      // Uses are reported only where the name is certainly this import's (not rebound, not in a string).
      if (!n.aliased && !(scan.unsafe.get(i) ?? []).some((b) => b.name === n.local)) renamed.add(n.name);
    }
    for (const u of scan.uses) {
      if (u.imp !== i) continue;
      const e = nonebotName(u.name);
      if (imp.form === 'from' ? !renamed.has(u.name) : !(e && (e.reason || e.milky.length !== 1 || e.milky[0] !== u.name))) continue;
      const reason = !e ? 'unknown-name' as const : e.reason ?? (e.milky.length === 1 ? undefined : 'no-milky-name' as const);
      out.push({ ...base, form: 'name', start: u.start, end: u.end, napcat: u.name, milky: e?.milky ?? [], mechanical: !reason, ...(reason ? { reason } : {}), use: true, importAt: imp.start });
    }
  });
  for (const f of scan.factories) {
    out.push({
      ...base, form: 'factory', start: f.start, end: f.end, napcat: f.factory, milky: f.milky, mechanical: f.rewrite !== undefined,
      ...(f.reason && f.rewrite === undefined ? { reason: f.reason } : {}), importAt: scan.imports[f.imp].start,
    });
  }
  return out;
}
