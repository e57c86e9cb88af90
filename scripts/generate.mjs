// Writes every generated artifact: the catalog the core imports, the segment and event tables, snippets,
// the injection grammar and the README table. `--check` exits 1 when a committed copy is stale.
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { buildCatalog } from './catalog-build.mjs';
import { renderArtifacts } from './artifacts.mjs';
import { buildSegmentTable } from './segments-build.mjs';
import { buildEvents, buildResults, renderEvents } from './events-build.mjs';
import { buildNoneBot } from './nonebot-build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const catalog = await buildCatalog();
// The run-time helper cqToMilkySegments comes from the built core (generated there from the segment table).
const coreJs = path.join(root, 'dist/core.js');
if (!existsSync(coreJs)) { console.error('dist/core.js is missing: run npm run build first (the cqToMilkySegments snippet comes from it)'); process.exit(2); }
const { segments } = createRequire(import.meta.url)(coreJs);
const segmentTable = buildSegmentTable();
const outputs = renderArtifacts(catalog, (p) => (existsSync(path.join(root, p)) ? readFileSync(path.join(root, p), 'utf8') : ''), {
  cqHelper: { ts: segments.cqHelperSource('ts'), js: segments.cqHelperSource('js') },
  segmentTable,
});
// The segment table (CQ codes and OneBot segments → Milky segments) has its own source file.
outputs['server/src/core/catalog/segments.generated.json'] = JSON.stringify(segmentTable, null, 1) + '\n';
// The event table (OneBot 11 discriminators → Milky event types) the events scanner imports.
outputs['server/src/core/catalog/events.generated.json'] = renderEvents(buildEvents());
// Result shapes Milky changed (list wrappers, renamed fields), for the transport hints.
outputs['server/src/core/catalog/results.generated.json'] = JSON.stringify(await buildResults(), null, 1) + '\n';
// NoneBot: the v11 adapter's names → nonebot-adapter-milky's (imports, event classes, factories, Bot methods).
outputs['server/src/core/catalog/nonebot.generated.ts'] = buildNoneBot(catalog);
const stale = [];
for (const [rel, text] of Object.entries(outputs)) {
  const file = path.join(root, rel);
  const old = existsSync(file) ? readFileSync(file, 'utf8') : null;
  if (old === text) continue;
  stale.push(rel);
  if (!check) { mkdirSync(path.dirname(file), { recursive: true }); writeFileSync(file, text); }
}
if (check && stale.length) { console.error(`stale generated files (run npm run generate): ${stale.join(', ')}`); process.exit(1); }
console.log(stale.length ? `${check ? 'stale' : 'wrote'}: ${stale.join(', ')}` : 'generated files are current');
