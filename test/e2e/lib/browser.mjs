// Drive the VS Code workbench (code-server) with playwright-core + Debian's chromium.
//
//   const b = await launchBrowser();
//   const wb = await b.openWorkbench(cs);            // cs from startCodeServer()
//   await wb.openFile('src/bot.ts');
//   await wb.waitForSquiggles({ severity: 'warning', count: 2 });
//   const rows = await wb.problems({ until: (r) => r.length === 2 });
//   const hover = await wb.hover(posIn(file, 'send_group_msg'));
//   const items = await wb.quickFixMenu(pos); await wb.pickMenuItem(/Milky/);
//   await wb.screenshot('after-fix');
//   await b.close();
//
// Conventions: positions are LSP-style { line, character }, 0-based (util.posOf/posIn make them);
// every wait polls with a timeout; nothing sleeps for a fixed time.
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUT_DIR, makeTemp, paths, poll, rmrf } from './util.mjs';

const require = createRequire(import.meta.url);
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage', '--password-store=basic'];

const SEVERITY_CLASS = { error: 'squiggly-error', warning: 'squiggly-warning', info: 'squiggly-info', hint: 'squiggly-hint' };

/** Launch chromium with a throwaway profile. `outDir` is where screenshots go. */
export async function launchBrowser({ viewport = { width: 1400, height: 900 }, outDir = OUT_DIR, log = () => {} } = {}) {
  const { chromium } = require(paths.playwrightCore);
  const udd = makeTemp('chromium');
  const context = await chromium.launchPersistentContext(udd, {
    executablePath: paths.chromium, headless: true, viewport, args: CHROMIUM_ARGS,
  });
  const pages = [];
  const b = {
    context, pages, outDir,
    /**
     * Open the workbench for a started code-server (its folderUrl, or `folder`). `dev`:
     * { extensionDevelopmentPath, extensionTestsPath } (server paths) run extension tests in the
     * remote (Node) extension host, as `code --extensionDevelopmentPath … --extensionTestsPath …`
     * does: code-server takes neither flag, so they go into the workbench configuration the page
     * is served with (developmentOptions, which VS Code for the web reads for exactly this).
     */
    async openWorkbench(cs, { folder, dev, timeout = 60000 } = {}) {
      const page = context.pages().find((p) => p.url() === 'about:blank') || await context.newPage();
      pages.push(page);
      page.on('pageerror', (e) => log(`pageerror: ${e.message.split('\n')[0].slice(0, 200)}`));
      const url = folder ? `${cs.url}/?folder=${encodeURIComponent(folder)}` : cs.folderUrl;
      if (dev) await routeDevelopmentOptions(page, cs, dev);
      await page.goto(url);
      const wb = new Workbench(page, { outDir, log, cs });
      await wb.waitForWorkbench({ timeout });
      return wb;
    },
    /** Screenshot every open page (used on failure). */
    async screenshotAll(dir, name = 'failure') {
      mkdirSync(dir, { recursive: true });
      const saved = [];
      for (const [i, p] of context.pages().entries()) {
        const file = join(dir, `${name}${i ? `-${i}` : ''}.png`);
        try { await p.screenshot({ path: file, timeout: 10000 }); saved.push(file); } catch {}
      }
      return saved;
    },
    async close() {
      await context.close().catch(() => {});
      rmrf(udd);
    },
  };
  return b;
}

/**
 * Give the workbench developmentOptions for extension tests (see openWorkbench): an init script
 * edits the configuration element as soon as the page's HTML creates it, before workbench.js reads
 * it. (Fulfilling the page through page.route() instead makes Chromium's local-network checks block
 * the workbench's WebSocket.)
 */
async function routeDevelopmentOptions(page, cs, { extensionDevelopmentPath, extensionTestsPath }) {
  await page.addInitScript(({ origin, extensionDevelopmentPath, extensionTestsPath }) => {
    if (location.origin !== origin) return;
    const patch = (el) => {
      if (el.dataset.e2ePatched) return;
      const cfg = JSON.parse(el.getAttribute('data-settings'));
      const uri = (path) => ({ scheme: 'vscode-remote', authority: cfg.remoteAuthority, path });
      cfg.developmentOptions = { ...cfg.developmentOptions, extensions: [uri(extensionDevelopmentPath)], extensionTestsPath: uri(extensionTestsPath) };
      el.setAttribute('data-settings', JSON.stringify(cfg));
      el.dataset.e2ePatched = '1';
    };
    new MutationObserver((_, obs) => {
      const el = document.getElementById('vscode-workbench-web-configuration');
      if (el) { patch(el); obs.disconnect(); }
    }).observe(document, { childList: true, subtree: true });
  }, { origin: cs.url, extensionDevelopmentPath, extensionTestsPath });
}

export class Workbench {
  constructor(page, { outDir = OUT_DIR, log = () => {}, cs } = {}) {
    this.page = page; this.outDir = outDir; this.log = log; this.cs = cs;
  }

  // ---------- basics ----------------------------------------------------------------------------

  async waitForWorkbench({ timeout = 60000 } = {}) {
    await this.page.waitForSelector('.monaco-workbench', { timeout });
    // The Explorer shows the folder's rows once the workspace is loaded.
    await this.page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout });
  }

  async screenshot(name, { fullPage = false } = {}) {
    mkdirSync(this.outDir, { recursive: true });
    const path = join(this.outDir, `${name.replace(/\.png$/, '')}.png`);
    await this.page.screenshot({ path, fullPage });
    this.log(`screenshot ${path}`);
    return path;
  }

  /** Screenshot of one element (e.g. '.monaco-hover' or the editor group). */
  async screenshotOf(selector, name) {
    mkdirSync(this.outDir, { recursive: true });
    const path = join(this.outDir, `${name.replace(/\.png$/, '')}.png`);
    await this.page.locator(selector).first().screenshot({ path });
    return path;
  }

  press(keys) { return this.page.keyboard.press(keys); }

  /** Close whatever transient widget is open (hover, menu, quick input). */
  async escape(times = 1) { for (let i = 0; i < times; i++) await this.page.keyboard.press('Escape'); }

  // ---------- explorer & editors ----------------------------------------------------------------

  /**
   * Open `relPath` ('a.txt', 'src/bot.ts') by clicking through the Explorer, expanding folders on
   * the way, then wait until its editor tab is active and its text is rendered.
   */
  async openFile(relPath, { timeout = 30000 } = {}) {
    const parts = relPath.split('/').filter(Boolean);
    for (const [i, name] of parts.entries()) {
      const depth = i + 1; // aria-level of rows under the single workspace root
      const row = this.page.locator(`.explorer-folders-view .monaco-list-row[aria-level="${depth}"]`)
        .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRe(name)}$`) }) }).first();
      await row.waitFor({ timeout });
      const isFolder = i < parts.length - 1;
      if (isFolder) {
        if (await row.getAttribute('aria-expanded') !== 'true') await row.click();
        await poll(async () => (await row.getAttribute('aria-expanded')) === 'true', { timeout, what: `folder ${name} expanded` });
      } else {
        await row.click();
      }
    }
    const base = parts[parts.length - 1];
    await this.waitForActiveTab(base, { timeout });
    await this.activeEditor().locator('.view-lines .view-line').first().waitFor({ timeout });
  }

  /** Open a file through Quick Open (Ctrl+P), for files the Explorer does not show. */
  async quickOpen(relPath, { timeout = 30000 } = {}) {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout });
    await input.fill(relPath);
    const row = this.page.locator('.quick-input-list .monaco-list-row').first();
    await row.waitFor({ timeout });
    await this.page.keyboard.press('Enter');
    await this.waitForActiveTab(relPath.split('/').pop(), { timeout });
  }

  /** Wait until the active editor group's active tab is the file `name` (base name). */
  async waitForActiveTab(name, { timeout = 30000 } = {}) {
    await this.page.locator(`.editor-group-container.active .tab.active[data-resource-name="${name}"]`).first().waitFor({ timeout });
  }

  /** Base name of the file in the active tab. */
  activeTab() {
    return this.page.locator('.editor-group-container.active .tab.active').first().getAttribute('data-resource-name').catch(() => null);
  }

  /** The active editor (a locator on its .monaco-editor). */
  activeEditor() {
    return this.page.locator('.editor-group-container.active .editor-container .monaco-editor').first();
  }

  /** Focus the active text editor without moving the cursor when it already has focus. */
  async focusEditor() {
    const focused = await this.page.evaluate(() => {
      const ed = document.querySelector('.editor-group-container.active .editor-container .monaco-editor');
      return !!ed && ed.contains(document.activeElement);
    });
    if (!focused) {
      await this.page.locator('.editor-group-container.active .tab.active').first().click();
      await poll(() => this.page.evaluate(() => {
        const ed = document.querySelector('.editor-group-container.active .editor-container .monaco-editor');
        return !!ed && ed.contains(document.activeElement);
      }), { timeout: 5000, what: 'editor focus' });
    }
  }

  /**
   * Text of the active editor as rendered (lines sorted by position; only lines in the viewport,
   * so keep fixtures short or use fileText() after save()).
   */
  async editorText() {
    return this.activeEditor().evaluate((ed) => {
      const lines = [...ed.querySelectorAll('.view-lines .view-line')]
        .map((el) => ({ top: parseFloat(el.style.top) || 0, text: el.textContent.replace(/\u00a0/g, ' ') }))
        .sort((a, b) => a.top - b.top);
      return lines.map((l) => l.text).join('\n');
    });
  }

  /** Poll until the editor text satisfies `pred` (function or substring); returns the text. */
  async waitForEditorText(pred, { timeout = 15000 } = {}) {
    const test = typeof pred === 'function' ? pred : (t) => t.includes(pred);
    let last;
    return poll(async () => { last = await this.editorText(); return test(last) && last; },
      { timeout, what: `editor text ${typeof pred === 'string' ? JSON.stringify(pred) : 'predicate'}` })
      .catch((e) => { e.message += `\neditor text: ${JSON.stringify(last)}`; throw e; });
  }

  /** Save the active editor and poll until the tab is no longer dirty. */
  async save({ timeout = 15000 } = {}) {
    await this.focusEditor();
    await this.page.keyboard.press('Control+S');
    await poll(async () => !(await this.page.locator('.editor-group-container.active .tab.active.dirty').count()),
      { timeout, what: 'saved (tab not dirty)' });
  }

  /** Read a file of the workspace from disk (code-server runs on this machine). */
  fileText(relPath) { return readFileSync(join(this.cs.workspace, relPath), 'utf8'); }

  /** Go to a position with "Go to Line/Column" (Ctrl+G, 'line:col'). */
  async goto({ line, character }, { timeout = 10000 } = {}) {
    await this.focusEditor();
    const input = this.page.locator('.quick-input-widget input');
    await retry(async () => {
      await this.page.keyboard.press('Control+G');
      await input.waitFor({ state: 'visible', timeout: 3000 });
    }, { what: 'Go to Line box', tries: 4, onRetry: () => this.escape() });
    await input.fill(`:${line + 1}:${character + 1}`);
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout });
    await poll(async () => {
      const s = await this.statusCursor();
      return s && s.line === line + 1 && s.column === character + 1;
    }, { timeout, what: `cursor at ${line + 1}:${character + 1}` });
  }

  /** Cursor position shown in the status bar ('Ln 3, Col 7') as 1-based numbers. */
  async statusCursor() {
    const t = await this.page.locator('#status\\.editor\\.selection').first().innerText().catch(() => '');
    const m = /Ln (\d+), Col (\d+)/.exec(t);
    return m && { line: +m[1], column: +m[2] };
  }

  /** Type text at the cursor (e.g. a snippet prefix). */
  async type(text) { await this.focusEditor(); await this.page.keyboard.type(text); }

  // ---------- diagnostics -----------------------------------------------------------------------

  /** Count squiggles of a severity ('error' | 'warning' | 'info' | 'hint' | 'any') in the active editor. */
  async squiggleCount(severity = 'any') {
    const cls = severity === 'any' ? Object.values(SEVERITY_CLASS) : [SEVERITY_CLASS[severity]];
    return this.activeEditor().evaluate((ed, cls) => ed.querySelectorAll(cls.map((c) => `.${c}`).join(',')).length, cls);
  }

  /**
   * Wait until the active editor shows squiggles: `count` exactly, or at least `min` (default 1).
   * count: 0 waits for all of them to go.
   */
  async waitForSquiggles({ severity = 'any', count, min = 1, timeout = 30000 } = {}) {
    let n;
    await poll(async () => { n = await this.squiggleCount(severity); return count !== undefined ? n === count : n >= min; },
      { timeout, what: `${count !== undefined ? count : `>=${min}`} ${severity} squiggle(s)` });
    return n;
  }

  /** Words under the squiggles (rendered text covered by each squiggle decoration). */
  async squiggledTexts(severity = 'any') {
    const cls = severity === 'any' ? Object.values(SEVERITY_CLASS) : [SEVERITY_CLASS[severity]];
    return this.activeEditor().evaluate((ed, cls) => {
      const out = [];
      const lines = [...ed.querySelectorAll('.view-lines .view-line')];
      for (const sq of ed.querySelectorAll(cls.map((c) => `.${c}`).join(','))) {
        const r = sq.getBoundingClientRect();
        const line = lines.find((l) => { const b = l.getBoundingClientRect(); return b.top <= r.top + r.height / 2 && b.bottom >= r.top + r.height / 2; });
        if (!line) continue;
        let text = '';
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let n; (n = walker.nextNode());) {
          for (let i = 0; i < n.length; i++) {
            const rg = document.createRange(); rg.setStart(n, i); rg.setEnd(n, i + 1);
            const b = rg.getBoundingClientRect();
            const mid = b.left + b.width / 2;
            if (mid >= r.left && mid <= r.right) text += n.data[i];
          }
        }
        out.push(text.replace(/\u00a0/g, ' '));
      }
      return out;
    }, cls);
  }

  /** Open the Problems panel (if it is not showing already). */
  async openProblems({ timeout = 10000 } = {}) {
    const panel = this.page.locator('.markers-panel');
    if (await panel.isVisible().catch(() => false)) return;
    await retry(async () => {
      await this.page.keyboard.press('Control+Shift+M');
      await panel.waitFor({ state: 'visible', timeout: 3000 });
    }, { tries: 3, what: 'Problems panel' });
    await panel.waitFor({ state: 'visible', timeout });
  }

  /**
   * Rows of the Problems panel, polled until `until(rows)` holds (default: at least one marker).
   * Each row: { kind: 'file'|'marker', text, label (aria-label), severity, message, source, code, line, column }.
   */
  async problems({ until = (rows) => rows.some((r) => r.kind === 'marker'), timeout = 20000 } = {}) {
    await this.openProblems();
    let rows;
    await poll(async () => { rows = await this.readProblems(); return until(rows); },
      { timeout, what: 'Problems panel rows' }).catch((e) => { e.message += `\nrows: ${JSON.stringify(rows, null, 1)}`; throw e; });
    return rows;
  }

  /** One read of the Problems panel rows (no waiting). */
  async readProblems() {
    return this.page.locator('.markers-panel .monaco-tl-row').evaluateAll((els) => els.map((el) => {
      const row = el.closest('.monaco-list-row');
      const label = row?.getAttribute('aria-label') || '';
      const text = el.innerText.replace(/\s+/g, ' ').trim();
      const icon = el.querySelector('.marker-icon, .codicon-error, .codicon-warning, .codicon-info');
      const iconCls = icon ? icon.className : '';
      const severity = /error/.test(iconCls) ? 'error' : /warning/.test(iconCls) ? 'warning' : /info/.test(iconCls) ? 'info' : undefined;
      const isFile = !!el.querySelector('.file-icon, .monaco-icon-label.file-icon') && !icon;
      const msg = el.querySelector('.marker-message');
      const pos = /\[Ln (\d+), Col (\d+)\]/.exec(text);
      const src = el.querySelector('.marker-source');
      const code = el.querySelector('.marker-code');
      return {
        kind: isFile ? 'file' : 'marker', text, label, severity,
        message: msg ? msg.innerText.trim() : undefined,
        source: src?.innerText.trim(), code: code?.innerText.trim(),
        line: pos ? +pos[1] : undefined, column: pos ? +pos[2] : undefined,
      };
    }));
  }

  /** The problem counts in the status bar: { errors, warnings, infos }. */
  async statusProblems() {
    const t = await this.page.locator('#status\\.problems').first().innerText().catch(() => '');
    const n = t.match(/\d+/g)?.map(Number) || [];
    return { errors: n[0] ?? 0, warnings: n[1] ?? 0, infos: n[2] ?? 0, text: t.replace(/\s+/g, ' ').trim() };
  }

  // ---------- hover -----------------------------------------------------------------------------

  /**
   * Show the hover at a position (cursor there, then "Show or Focus Hover", Ctrl+K Ctrl+I) and
   * return its text once loaded. `until(text)` can wait for particular content.
   */
  async hover(pos, { until = (t) => t.length > 0, timeout = 15000 } = {}) {
    await this.goto(pos);
    let text = '';
    await retry(async () => {
      await this.page.keyboard.press('Control+K');
      await this.page.keyboard.press('Control+I');
      text = await poll(async () => {
        const t = await this.readHover();
        return t && !/^Loading\.\.\.$/.test(t) && until(t) && t;
      }, { timeout: Math.min(timeout, 5000), what: 'hover content' });
    }, { tries: Math.max(1, Math.floor(timeout / 5000)), what: 'hover', onRetry: () => this.escape() });
    return text;
  }

  /**
   * Text of the visible editor hover: its rows (diagnostic row, provider markdown rows) joined by
   * blank lines, without the status bar row ('View Problem', 'Quick Fix...'). '' when none.
   */
  async readHover() {
    return this.page.evaluate(() => {
      const hovers = [...document.querySelectorAll('.monaco-hover:not(.hidden):not(.workbench-hover) .monaco-hover-content')]
        .filter((h) => h.getClientRects().length);
      return hovers.map((h) => [...h.querySelectorAll(':scope > .hover-row:not(.status-bar), :scope > div > .hover-row:not(.status-bar)')]
        .map((r) => r.innerText.trim()).filter(Boolean).join('\n\n') || h.innerText.trim()).join('\n\n').trim();
    });
  }

  /** Hover with the mouse over the `nth` rendered occurrence of `needle` in the active editor. */
  async hoverText(needle, { nth = 0, until = (t) => t.length > 0, timeout = 15000 } = {}) {
    const rect = await this.textRect(needle, { nth });
    let text = '';
    await retry(async () => {
      await this.page.mouse.move(rect.x + 1, rect.y + rect.height / 2);
      await this.page.mouse.move(rect.x + rect.width / 2, rect.y + rect.height / 2, { steps: 3 });
      text = await poll(async () => {
        const t = await this.readHover();
        return t && !/^Loading\.\.\.$/.test(t) && until(t) && t;
      }, { timeout: Math.min(timeout, 5000), what: 'hover content' });
    }, { tries: Math.max(1, Math.floor(timeout / 5000)), what: 'mouse hover', onRetry: () => this.page.mouse.move(0, 0) });
    return text;
  }

  /** Screen rectangle of the `nth` rendered occurrence of `needle` in the active editor. */
  async textRect(needle, { nth = 0 } = {}) {
    const r = await this.activeEditor().evaluate((ed, { needle, nth }) => {
      const lines = [...ed.querySelectorAll('.view-lines .view-line')]
        .sort((a, b) => (parseFloat(a.style.top) || 0) - (parseFloat(b.style.top) || 0));
      let seen = 0;
      for (const line of lines) {
        const nodes = []; let text = '';
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let n; (n = walker.nextNode());) { nodes.push([n, text.length]); text += n.data; }
        text = text.replace(/\u00a0/g, ' ');
        for (let idx = text.indexOf(needle); idx >= 0; idx = text.indexOf(needle, idx + 1)) {
          if (seen++ < nth) continue;
          const at = (off) => { for (let i = nodes.length - 1; i >= 0; i--) if (nodes[i][1] <= off) return [nodes[i][0], off - nodes[i][1]]; };
          const [sn, so] = at(idx); const [en, eo] = at(idx + needle.length - 1);
          const rg = document.createRange(); rg.setStart(sn, so); rg.setEnd(en, eo + 1);
          const b = rg.getBoundingClientRect();
          return { x: b.left, y: b.top, width: b.width, height: b.height };
        }
      }
      return null;
    }, { needle, nth });
    if (!r) throw new Error(`text ${JSON.stringify(needle)} (#${nth}) not rendered in the active editor`);
    return r;
  }

  // ---------- code actions ----------------------------------------------------------------------

  /** The visible action widget (quick-fix / refactor / source action menu). */
  menu() { return this.page.locator('.action-widget').filter({ has: this.page.locator('.monaco-list') }).first(); }

  /** Read the action menu rows: [{ label, header, disabled, focused }] (headers are group titles). */
  async readMenu() {
    return this.menu().locator('.monaco-list-row').evaluateAll((els) => els.map((el) => ({
      label: (el.querySelector('.title') || el).innerText.replace(/\s+/g, ' ').trim(),
      header: el.classList.contains('group-header'),
      disabled: el.classList.contains('option-disabled') || el.getAttribute('aria-disabled') === 'true',
      focused: el.classList.contains('focused'),
    })));
  }

  /**
   * Put the cursor at `pos` (if given), press Ctrl+. (retrying until the menu shows) and return the
   * action labels, group headers left out. Waits for `until(labels)` (default: any label).
   */
  async quickFixMenu(pos, { until = (l) => l.length > 0, timeout = 15000 } = {}) {
    if (pos) await this.goto(pos);
    else await this.focusEditor();
    let labels;
    await retry(async () => {
      await this.page.keyboard.press('Control+.');
      labels = await poll(async () => {
        if (!(await this.menu().isVisible().catch(() => false))) return false;
        const l = (await this.readMenu()).filter((r) => !r.header).map((r) => r.label);
        return until(l) && l;
      }, { timeout: 3000, what: 'quick-fix menu' });
    }, { tries: Math.max(2, Math.floor(timeout / 3000)), what: 'Ctrl+. menu', onRetry: () => this.escape() });
    return labels;
  }

  /** Choose a menu item by label (string = exact or substring, RegExp), wait for the menu to close. */
  async pickMenuItem(match, { timeout = 10000 } = {}) {
    const rows = await this.readMenu();
    const idx = rows.findIndex((r) => !r.header && (match instanceof RegExp ? match.test(r.label) : r.label === match))
      ?? -1;
    const i = idx >= 0 ? idx : rows.findIndex((r) => !r.header && typeof match === 'string' && r.label.includes(match));
    if (i < 0) throw new Error(`menu item ${match} not in ${JSON.stringify(rows.map((r) => r.label))}`);
    await this.menu().locator('.monaco-list-row').nth(i).click();
    await this.menu().waitFor({ state: 'hidden', timeout });
  }

  /** Ctrl+. at `pos`, pick `match`, and return the menu labels that were offered. */
  async applyQuickFix(pos, match, opts) {
    const labels = await this.quickFixMenu(pos, opts);
    await this.pickMenuItem(match);
    return labels;
  }

  // ---------- commands, notifications, settings --------------------------------------------------

  /**
   * Run a command through the command palette (F1): type `label`, wait for a row whose label
   * matches (exact string, or RegExp), Enter. Returns the row label chosen.
   */
  async runCommand(label, { timeout = 15000 } = {}) {
    const input = this.page.locator('.quick-input-widget input');
    await retry(async () => {
      await this.page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 3000 });
    }, { tries: 3, what: 'command palette', onRetry: () => this.escape() });
    const text = typeof label === 'string' ? label : label.source.replace(/[\\^$]/g, '');
    await input.fill(`>${text}`);
    const rows = this.page.locator('.quick-input-list .monaco-list-row');
    let chosen;
    await poll(async () => {
      const labels = await rows.evaluateAll((els) => els.map((e) => (e.querySelector('.monaco-icon-label .label-name, .label-name') || e).innerText.replace(/\s+/g, ' ').trim()));
      const i = labels.findIndex((l) => (typeof label === 'string' ? l === label || l.endsWith(`: ${label}`) || l.includes(label) : label.test(l)));
      if (i < 0) return false;
      chosen = labels[i];
      await rows.nth(i).click();
      return true;
    }, { timeout, what: `command ${label} in the palette` });
    await input.waitFor({ state: 'hidden', timeout }).catch(() => {});
    return chosen;
  }

  /** Texts of the visible notification toasts. */
  async notifications() {
    return this.page.locator('.notifications-toasts .notification-toast').allInnerTexts()
      .then((a) => a.map((t) => t.replace(/\s+/g, ' ').trim()));
  }

  /** Wait for a toast whose text matches (substring or RegExp); returns it. */
  async waitForNotification(match, { timeout = 15000 } = {}) {
    const test = (t) => (match instanceof RegExp ? match.test(t) : t.includes(match));
    return poll(async () => (await this.notifications()).find(test), { timeout, what: `notification ${match}` });
  }

  /**
   * Change user settings the way a user does: "Preferences: Open User Settings (JSON)", replace the
   * text, save, close. (code-server does not pick up writes to settings.json made behind its back
   * while running; cs.setUserSettings() is for settings known before start.) `obj` is merged into
   * the current settings (undefined deletes a key). Then polls `until()` for the setting's effect.
   */
  async setUserSettings(obj, { until, timeout = 20000 } = {}) {
    const cur = JSON.parse(readFileSync(this.cs.settingsFile, 'utf8').replace(/^\s*\/\/.*$/gm, ''));
    for (const [k, v] of Object.entries(obj)) { if (v === undefined) delete cur[k]; else cur[k] = v; }
    const json = JSON.stringify(cur);
    const inSettings = () => this.page.evaluate(() => {
      const ed = document.activeElement?.closest('.monaco-editor');
      return !!ed && /"workbench\.startupEditor"/.test(ed.innerText);
    });
    await this.runCommand('Preferences: Open User Settings (JSON)');
    await poll(inSettings, { timeout: 10000, what: 'settings.json editor focused' });
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(json); // one line: no auto-indent or auto-close in the way
    await this.page.keyboard.press('Control+S');
    await poll(() => {
      try { return JSON.stringify(JSON.parse(readFileSync(this.cs.settingsFile, 'utf8'))) === json; } catch { return false; }
      // A save can take over 10 s on a loaded 2-core machine (seen once in CI); the poll ends as soon as it lands.
    }, { timeout: 30000, what: 'settings.json saved with the new content' });
    // The model's dirty flag clears a moment after the write lands: should VS Code still ask on
    // close, answer "Save" (the content is the same).
    await this.page.keyboard.press('Control+W');
    const dialog = this.page.locator('.monaco-dialog-box');
    await poll(async () => {
      if (await dialog.isVisible().catch(() => false)) {
        await dialog.locator('.monaco-button', { hasText: /^Save$/ }).first().click().catch(() => {});
        return false;
      }
      return !(await inSettings());
    }, { timeout: 10000, what: 'settings.json editor closed' });
    if (until) await poll(until, { timeout, what: `effect of settings ${JSON.stringify(obj)}` });
    return cur;
  }

  /** Wait for an element to appear (selector), returning its inner text. */
  async waitForText(selector, { timeout = 15000 } = {}) {
    const l = this.page.locator(selector).first();
    await l.waitFor({ state: 'visible', timeout });
    return l.innerText();
  }

  /** Titles of all open editor tabs. */
  async tabs() {
    return this.page.locator('.tabs-container .tab').evaluateAll((els) => els.map((e) => e.getAttribute('data-resource-name')));
  }
}

function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

/** Run `fn` up to `tries` times, calling `onRetry` between attempts. */
export async function retry(fn, { tries = 3, what = 'action', onRetry } = {}) {
  let err;
  for (let i = 1; i <= tries; i++) {
    try { return await fn(i); } catch (e) {
      err = e;
      if (i < tries && onRetry) await onRetry(i);
    }
  }
  err.message = `${what} failed after ${tries} tries: ${err.message}`;
  throw err;
}
