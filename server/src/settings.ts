import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SEVERITY, KIND_INFO, KINDS, SEVERITY_SETTINGS, type Kind, type SeveritySetting } from './core';

/** Every `napcatMilky.*` setting, as the server reads it. Declared once in package.json. */
export interface Settings {
  enable: boolean;
  run: 'onType' | 'onSave';
  debounceMs: number;
  severity: Record<Kind, SeveritySetting>;
  maxFileSize: number;
  language: 'auto' | 'en' | 'zh-cn';
  /** Also report definitions of API surface (class members, merged methods, registrations). */
  reportDefinitions: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  run: 'onType',
  debounceMs: 200,
  severity: { ...DEFAULT_SEVERITY },
  maxFileSize: 4 * 1024 * 1024,
  language: 'auto',
  reportDefinitions: false,
};

const SEVERITY_KEYS: Record<string, Kind> = Object.fromEntries(KINDS.map((k) => [KIND_INFO[k].setting, k]));
const SEVERITIES: ReadonlySet<string> = new Set(SEVERITY_SETTINGS);

/** Whether a document is checked at all: the one gate every feature passes. */
export function checks(settings: Settings, textLength: number): 'yes' | 'disabled' | 'too-large' {
  if (!settings.enable) return 'disabled';
  return textLength > settings.maxFileSize ? 'too-large' : 'yes';
}

/** Validates a raw configuration object; anything missing or malformed falls back to the default. */
export function normalizeSettings(raw: unknown): Settings {
  const s: Settings = { ...DEFAULT_SETTINGS, severity: { ...DEFAULT_SETTINGS.severity } };
  if (!raw || typeof raw !== 'object') return s;
  const r = raw as Record<string, unknown>;
  if (typeof r.enable === 'boolean') s.enable = r.enable;
  if (r.run === 'onType' || r.run === 'onSave') s.run = r.run;
  if (typeof r.debounceMs === 'number' && Number.isFinite(r.debounceMs)) s.debounceMs = Math.min(Math.max(0, r.debounceMs), 10_000);
  if (typeof r.maxFileSize === 'number' && Number.isFinite(r.maxFileSize) && r.maxFileSize > 0) s.maxFileSize = r.maxFileSize;
  if (r.language === 'auto' || r.language === 'en' || r.language === 'zh-cn') s.language = r.language;
  if (typeof r.reportDefinitions === 'boolean') s.reportDefinitions = r.reportDefinitions;
  const sev = r.severity;
  if (sev && typeof sev === 'object') {
    for (const [key, kind] of Object.entries(SEVERITY_KEYS)) {
      const v = (sev as Record<string, unknown>)[key];
      if (typeof v === 'string' && SEVERITIES.has(v)) s.severity[kind] = v as SeveritySetting;
    }
  }
  return s;
}

/** Reads settings per resource through workspace/configuration, cached until they change. */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();
  private global: Settings = DEFAULT_SETTINGS;

  constructor(private readonly connection: Connection, private readonly supportsConfiguration: () => boolean) {}

  get(uri: string): Promise<Settings> {
    if (!this.supportsConfiguration()) return Promise.resolve(this.global);
    let p = this.cache.get(uri);
    if (!p) {
      p = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'napcatMilky' }).then(normalizeSettings, () => DEFAULT_SETTINGS);
      this.cache.set(uri, p);
    }
    return p;
  }

  /** didChangeConfiguration: drop the cache; clients without pull send the values themselves. */
  changed(pushed: unknown): void {
    this.cache.clear();
    if (pushed && typeof pushed === 'object' && 'napcatMilky' in pushed) this.global = normalizeSettings((pushed as Record<string, unknown>).napcatMilky);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
