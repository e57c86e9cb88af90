// code-server (VS Code 1.139.1 in a browser) on a fresh profile: install a vsix, start, stop.
//
//   const cs = await startCodeServer({ workspace, vsix: ['/path/x.vsix'], settings: {...} });
//   cs.folderUrl  → open this in the browser
//   await cs.setUserSettings({ 'x.y': 1 })   // merges into User/settings.json
//   await cs.stop({ keepLogsIn: dir })       // kills the whole process group
//
// Every instance gets its own temp root holding user-data-dir, extensions-dir, XDG dirs, the
// --config file and the server log. The server is started in its own session/process group
// (spawn detached = setsid(2)), so stopping it also ends the extension host and the file watcher
// that would otherwise outlive the main pid.
import { spawn, execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { assertSetup, freePort, makeTemp, paths, poll, rmrf } from './util.mjs';

const execFileP = promisify(execFile);

/** Settings that keep a fresh profile quiet and deterministic. */
export const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'editor.minimap.enabled': false,
  'editor.hover.delay': 100,
  'editor.lightbulb.enabled': 'on',
  'files.autoSave': 'off',
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
  'problems.autoReveal': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.editor.enablePreview': false,
};

const live = new Set(); // process groups to kill if the runner dies
process.on('exit', () => { for (const pgid of live) try { process.kill(-pgid, 'SIGKILL'); } catch {} });

function csEnv(root, extra = {}) {
  return {
    ...process.env,
    PATH: `${paths.node24Dir}/bin:${process.env.PATH}`,
    XDG_CONFIG_HOME: join(root, 'xdg-config'),
    XDG_DATA_HOME: join(root, 'xdg-data'),
    XDG_CACHE_HOME: join(root, 'xdg-cache'),
    // No marketplace on these machines: point the gallery at a closed loopback port so nothing
    // tries to resolve an outside host.
    EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/item' }),
    ...extra,
  };
}

function profileArgs(p) {
  return ['--config', p.configFile, '--user-data-dir', p.userDataDir, '--extensions-dir', p.extensionsDir];
}

/** Create the temp layout of a fresh profile. */
export function makeProfile({ settings = {}, root = makeTemp('cs') } = {}) {
  const p = {
    root,
    userDataDir: join(root, 'user-data'),
    extensionsDir: join(root, 'extensions'),
    configFile: join(root, 'config.yaml'),
    logFile: join(root, 'code-server.log'),
  };
  p.settingsFile = join(p.userDataDir, 'User/settings.json');
  for (const d of [p.extensionsDir, join(p.userDataDir, 'User'), join(root, 'xdg-config'), join(root, 'xdg-data'), join(root, 'xdg-cache')]) {
    mkdirSync(d, { recursive: true });
  }
  writeFileSync(p.configFile, 'auth: none\ncert: false\n');
  writeFileSync(p.settingsFile, JSON.stringify({ ...BASE_SETTINGS, ...settings }, null, 2));
  return p;
}

/** `code-server --install-extension` for each vsix (or extension id) into the profile. */
export async function installExtensions(profile, vsixes) {
  for (const v of [].concat(vsixes || [])) {
    if (v.endsWith('.vsix') && !existsSync(v)) throw new Error(`vsix not found: ${v}`);
    const { stdout, stderr } = await execFileP(paths.codeServer, [...profileArgs(profile), '--install-extension', v, '--force'],
      { env: csEnv(profile.root), timeout: 120000 }).catch((e) => { throw new Error(`--install-extension ${v} failed: ${e.stderr || e.message}`); });
    const out = `${stdout}\n${stderr}`;
    if (!/successfully installed|already installed/i.test(out)) throw new Error(`--install-extension ${v}: ${out.trim()}`);
  }
}

/**
 * Start code-server on a fresh profile. Options:
 *   workspace   folder to open (absolute path)
 *   vsix        path or array of paths installed first with --install-extension
 *   settings    extra user settings (merged over BASE_SETTINGS)
 *   args        extra code-server arguments
 *   env         extra environment
 *   timeout     ms to wait for /healthz
 *   logDir      where to copy the logs if start-up fails
 */
export async function startCodeServer({ workspace, vsix, settings, args = [], env = {}, timeout = 60000, logDir } = {}) {
  assertSetup();
  const t0 = Date.now();
  const profile = makeProfile({ settings });
  try { await installExtensions(profile, vsix); } catch (e) { if (!process.env.E2E_KEEP_TEMP) rmrf(profile.root); throw e; }
  const tInstalled = Date.now();
  const port = await freePort();
  const out = openSync(profile.logFile, 'a');
  const child = spawn(paths.codeServer, [
    ...profileArgs(profile), '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened', ...args, ...(workspace ? [workspace] : []),
  ], { env: csEnv(profile.root, env), detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  const pgid = child.pid;
  live.add(pgid);
  let exited = null;
  child.on('exit', (code, sig) => { exited = { code, sig }; });

  const url = `http://127.0.0.1:${port}`;
  const cs = {
    ...profile, port, url, pid: pgid, workspace,
    folderUrl: workspace ? `${url}/?folder=${encodeURIComponent(workspace)}` : url,
    timings: { installMs: tInstalled - t0 },
    log: () => (existsSync(profile.logFile) ? readFileSync(profile.logFile, 'utf8') : ''),
    /**
     * Merge keys into User/settings.json (undefined deletes a key). Use before the workbench opens:
     * a running code-server does not notice the write (Workbench.setUserSettings edits it live).
     */
    setUserSettings(obj) {
      const cur = JSON.parse(readFileSync(profile.settingsFile, 'utf8'));
      for (const [k, v] of Object.entries(obj)) { if (v === undefined) delete cur[k]; else cur[k] = v; }
      writeFileSync(profile.settingsFile, JSON.stringify(cur, null, 2));
      return cur;
    },
    /** Copy the server log and VS Code's logs (exthost, output channels) into `dir`. */
    collectLogs(dir) {
      mkdirSync(dir, { recursive: true });
      if (existsSync(profile.logFile)) cpSync(profile.logFile, join(dir, 'code-server.log'));
      const logs = join(profile.userDataDir, 'logs');
      if (existsSync(logs)) cpSync(logs, join(dir, 'vscode-logs'), { recursive: true });
      if (existsSync(profile.settingsFile)) cpSync(profile.settingsFile, join(dir, 'settings.json'));
    },
    /** Kill the whole process group (SIGTERM, then SIGKILL after 5 s); remove the temp root. */
    async stop({ keepLogsIn } = {}) {
      if (keepLogsIn) try { cs.collectLogs(keepLogsIn); } catch {}
      const alive = () => { try { process.kill(-pgid, 0); return true; } catch { return false; } };
      if (alive()) {
        try { process.kill(-pgid, 'SIGTERM'); } catch {}
        await poll(() => !alive(), { timeout: 5000, what: 'code-server group to exit' }).catch(() => {
          try { process.kill(-pgid, 'SIGKILL'); } catch {}
        });
        await poll(() => !alive(), { timeout: 5000, what: 'code-server group to die' }).catch(() => {});
      }
      live.delete(pgid);
      if (!process.env.E2E_KEEP_TEMP) rmrf(profile.root);
    },
  };

  try {
    await poll(async () => {
      if (exited) return true;
      const r = await fetch(`${url}/healthz`).catch(() => null);
      return r && r.ok;
    }, { timeout, interval: 200, what: 'code-server /healthz' });
    if (exited) throw new Error(`code-server exited early (${JSON.stringify(exited)}):\n${cs.log().slice(-2000)}`);
  } catch (e) {
    await cs.stop({ keepLogsIn: logDir });
    throw e;
  }
  cs.timings.startMs = Date.now() - tInstalled;
  return cs;
}
