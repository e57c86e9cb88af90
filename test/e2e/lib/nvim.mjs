// Run headless Neovim against a stdio language server and return what it saw, as JSON.
//
//   const r = await runNvim({
//     server: ['node', 'dist/server.js', '--stdio'], workspace, file: 'src/bot.ts',
//     settings: { napcatMilky: { ... } },
//     steps: [
//       { op: 'wait_diagnostics', min: 1 },
//       { op: 'hover', pos: { at: { text: 'send_group_msg' } } },
//       { op: 'apply_code_action', pos: { at: { text: 'send_group_msg' } }, match: 'Milky' },
//       { op: 'wait_diagnostics', count: 0, fresh: true },
//       { op: 'fix_all', kind: 'source.fixAll.napcatMilky' },
//       { op: 'text' },
//     ],
//   });
//   r.steps[1].text, r.final_text, r.ok, r.error
//
// The step language is documented at the top of nvim-driver.lua. Neovim 0.7 (Debian's) is
// enough: it uses vim.lsp.start_client + buf_attach_client.
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTemp, paths, rmrf } from './util.mjs';

const DRIVER = join(dirname(fileURLToPath(import.meta.url)), 'nvim-driver.lua');

export function nvimVersion() {
  return execFileSync(paths.nvim, ['--version'], { encoding: 'utf8' }).split('\n')[0];
}

/**
 * Options: server (argv of the language server), workspace (root dir), file (relative to it or
 * absolute), steps, settings, initOptions, timeout (ms, whole run), logDir (where the nvim/LSP
 * logs are copied when `r.ok` is false or keepLogs is set), logLevel ('debug'…'error').
 * Resolves with the driver's JSON plus { exitCode, stderr, ms }; rejects only when Neovim produced
 * no result at all.
 */
export async function runNvim({ server, workspace, file, steps = [], settings, initOptions, timeout = 60000, logDir, keepLogs = false, logLevel = 'info', name = 'e2e' }) {
  const t0 = Date.now();
  const tmp = makeTemp('nvim');
  const out = join(tmp, 'result.json');
  const cfgFile = join(tmp, 'config.json');
  const abs = isAbsolute(file) ? file : join(workspace, file);
  if (!existsSync(abs)) throw new Error(`runNvim: file not found: ${abs}`);
  writeFileSync(cfgFile, JSON.stringify({
    name, cmd: server, root_dir: workspace, file: abs, settings, init_options: initOptions, out, steps, log_level: logLevel,
  }, null, 2));
  const env = {
    ...process.env, E2E_NVIM_CONFIG: cfgFile,
    XDG_CONFIG_HOME: join(tmp, 'config'), XDG_DATA_HOME: join(tmp, 'data'),
    XDG_STATE_HOME: join(tmp, 'state'), XDG_CACHE_HOME: join(tmp, 'cache'),
  };
  const child = spawn(paths.nvim, ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${DRIVER}`],
    { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true, cwd: workspace });
  let stderr = '';
  child.stdout.on('data', (d) => { stderr += d; });
  child.stderr.on('data', (d) => { stderr += d; });
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; try { process.kill(-child.pid, 'SIGKILL'); } catch {} }, timeout);
  const exitCode = await new Promise((res) => child.on('exit', (code) => res(code)));
  clearTimeout(timer);
  try { process.kill(-child.pid, 'SIGKILL'); } catch {} // the language server, if it lingers

  let r;
  if (existsSync(out)) r = JSON.parse(readFileSync(out, 'utf8'));
  const keep = () => {
    if (!logDir) return;
    mkdirSync(logDir, { recursive: true });
    writeFileSync(join(logDir, 'nvim-stderr.log'), stderr);
    writeFileSync(join(logDir, 'nvim-config.json'), readFileSync(cfgFile));
    for (const p of [join(tmp, 'cache/nvim/lsp.log'), join(tmp, 'state/nvim/lsp.log')]) if (existsSync(p)) cpSync(p, join(logDir, 'lsp.log'));
    if (r) writeFileSync(join(logDir, 'nvim-result.json'), JSON.stringify(r, null, 2));
  };
  if (!r) {
    keep();
    if (!process.env.E2E_KEEP_TEMP) rmrf(tmp);
    throw new Error(`nvim produced no result (exit ${exitCode}${timedOut ? `, killed after ${timeout} ms` : ''}):\n${stderr.slice(-2000)}`);
  }
  if (!r.ok || keepLogs) keep();
  if (!process.env.E2E_KEEP_TEMP) rmrf(tmp);
  return { ...r, exitCode, stderr, ms: Date.now() - t0, timedOut };
}

/** The result of the step named `name` (or the nth step with op `op`). */
export function step(result, nameOrOp, nth = 0) {
  const hits = result.steps.filter((s) => s.name === nameOrOp || s.op === nameOrOp);
  return hits[nth];
}
