#!/usr/bin/env node
// Python scanner timings (issue 12): load, cold and warm parse and scan of a generated ~2,000-line
// NoneBot2/aiocqhttp bot file, and the incremental reparse after a one-character edit
// (tree.edit + parser.parse(text, oldTree)). Needs `npm run build` first.
//
//   node bench/python.mjs [--lines 2000] [--runs 20]
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const arg = (name, d) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : d; };
const LINES = arg('--lines', 2000);
const RUNS = arg('--runs', 20);

/** A deterministic bot module: every call form, plus ordinary code around it. */
export function generateBot(lines) {
  const out = [
    '"""Generated NoneBot2 + aiocqhttp style bot module for the benchmark."""',
    'import json', 'import requests', 'from dataclasses import dataclass',
    'from nonebot import on_command, logger', 'from nonebot.adapters.onebot.v11 import Bot, GroupMessageEvent, MessageSegment', '',
  ];
  const blocks = [
    (i) => [`@on_command("cmd${i}").handle()`, `async def handle_${i}(bot: Bot, event: GroupMessageEvent):`, `    """Handler ${i}: replies with send_group_msg."""`, `    await bot.call_api("send_group_msg", group_id=event.group_id, message=f"[CQ:at,qq={event.user_id}] hi ${i}")`, `    logger.info(f"handled {event.message_id} in ${i}")`, ''],
    (i) => [`async def mute_${i}(b: Bot, gid: int, uid: int):`, `    # set_group_ban with a duration`, `    await b.set_group_ban(group_id=gid, user_id=uid, duration=${i % 600})`, `    return {"ok": True, "n": ${i}}`, ''],
    (i) => [`def frame_${i}(uid):`, `    return json.dumps({"action": "send_private_msg", "params": {"user_id": uid, "message": "x${i}"}, "echo": "e${i}"})`, ''],
    (i) => [`def status_${i}(base):`, `    r = requests.post(f"{base}/get_status", json={"n": ${i}})`, `    return r.json().get("data", {})`, ''],
    (i) => [`@dataclass`, `class Item${i}:`, `    name: str = "item${i}"`, `    count: int = ${i}`, `    def total(self) -> int:`, `        return sum(x * 2 for x in range(self.count) if x % 3)`, ''],
    (i) => [`async def recall_${i}(bot, mid, gid):`, `    match mid:`, `        case 0:`, `            pass`, `        case _:`, `            await bot.call_action('delete_msg', message_id=mid, group_id=gid)`, ''],
  ];
  for (let i = 0; out.length < lines; i++) out.push(...blocks[i % blocks.length](i));
  return out.slice(0, lines).join('\n') + '\n';
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

async function main() {
  const core = require(path.join(root, 'dist/core.js'));
  const node = require(path.join(root, 'dist/node.js'));
  const text = generateBot(LINES);
  let t = performance.now();
  const parser = await node.loadPythonParser();
  const load = performance.now() - t;
  core.setPythonParser(parser);

  t = performance.now();
  let tree = parser.parse(text);
  const coldParse = performance.now() - t;
  tree.delete();
  const parseTimes = [];
  for (let i = 0; i < RUNS; i++) { t = performance.now(); parser.parse(text).delete(); parseTimes.push(performance.now() - t); }

  t = performance.now();
  const first = core.scanPython(text);
  const coldScan = performance.now() - t;
  const scanTimes = [];
  for (let i = 0; i < RUNS; i++) { t = performance.now(); core.scanPython(text); scanTimes.push(performance.now() - t); }
  const analyzeTimes = [];
  for (let i = 0; i < RUNS; i++) { t = performance.now(); core.analyze(text, 'python'); analyzeTimes.push(performance.now() - t); }

  // Incremental: one character typed in the middle of the file, then the reparse from the old tree.
  const incTimes = [];
  const incScanTimes = [];
  let current = text;
  tree = parser.parse(current);
  for (let i = 0; i < RUNS; i++) {
    const at = current.indexOf('count: int = ', (current.length >> 1) + i * 97) + 'count: int = '.length;
    const next = current.slice(0, at) + '1' + current.slice(at);
    const edit = core.pythonEditOf(current, at, at, '1');
    t = performance.now();
    tree.edit(edit);
    const reparsed = parser.parse(next, tree);
    incTimes.push(performance.now() - t);
    tree.delete();
    // The same, through the scanner (reparse + site walk), keeping the tree for the next round.
    reparsed.edit(core.pythonEditOf(next, at, at + 1, ''));
    t = performance.now();
    const r = core.scanPython(current, { previousTree: reparsed, keepTree: true });
    incScanTimes.push(performance.now() - t);
    reparsed.delete();
    tree = r.tree;
  }
  tree.delete();

  const ms = (x) => `${x.toFixed(1)} ms`;
  const result = {
    lines: LINES, chars: text.length, sites: first.sites.length, runs: RUNS, node: process.version,
    loadMs: load, coldParseMs: coldParse, warmParseMedianMs: median(parseTimes), warmParseMinMs: Math.min(...parseTimes),
    coldScanMs: coldScan, warmScanMedianMs: median(scanTimes), warmScanMinMs: Math.min(...scanTimes), warmAnalyzeMedianMs: median(analyzeTimes),
    incrementalReparseMedianMs: median(incTimes), incrementalReparseMaxMs: Math.max(...incTimes), incrementalScanMedianMs: median(incScanTimes), incrementalScanMinMs: Math.min(...incScanTimes),
  };
  console.log(`python: ${LINES} lines, ${text.length} chars, ${first.sites.length} sites, ${RUNS} runs, node ${process.version}`);
  console.log(`  load (runtime + grammar wasm): ${ms(load)}`);
  console.log(`  parse: cold ${ms(coldParse)}, warm median ${ms(result.warmParseMedianMs)} (min ${ms(result.warmParseMinMs)})`);
  console.log(`  scan (parse + sites): cold ${ms(coldScan)}, warm median ${ms(result.warmScanMedianMs)} (min ${ms(result.warmScanMinMs)}); analyze (findings) warm median ${ms(result.warmAnalyzeMedianMs)}`);
  console.log(`  incremental after a one-char edit: reparse median ${ms(result.incrementalReparseMedianMs)} (max ${ms(result.incrementalReparseMaxMs)}); reparse + site walk median ${ms(result.incrementalScanMedianMs)} (min ${ms(result.incrementalScanMinMs)})`);
  if (process.argv.includes('--json')) console.log(JSON.stringify(result));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
