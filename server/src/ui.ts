import type { Locale } from './core';

/** Server UI strings (code action titles, notices) in both languages. */
const STRINGS = {
  migrateTo: { en: 'Migrate to Milky `{target}`', 'zh-cn': '迁移到 Milky `{target}`' },
  migrateToPreferred: { en: 'Migrate to Milky `{target}` (preferred)', 'zh-cn': '迁移到 Milky `{target}`（推荐）' },
  addApi: { en: 'Call Milky at `/api/{target}`', 'zh-cn': '改为 Milky 地址 `/api/{target}`' },
  migrateParams: { en: 'Migrate params for Milky `{target}`', 'zh-cn': '按 Milky `{target}` 迁移参数' },
  ignoreLine: { en: 'Ignore this line (napcat-milky)', 'zh-cn': '忽略此行（napcat-milky）' },
  disableFile: { en: 'Disable napcat-milky for this file', 'zh-cn': '在此文件中禁用 napcat-milky' },
  fixAll: { en: 'Migrate all NapCat calls that need no choice (napcat-milky)', 'zh-cn': '迁移所有无需选择的 NapCat 调用（napcat-milky）' },
  tooLarge: { en: 'napcat-milky: this file is larger than napcatMilky.maxFileSize ({size} KB) and is not checked.', 'zh-cn': 'napcat-milky：文件超过 napcatMilky.maxFileSize（{size} KB），不做检查。' },
  skipped: { en: 'napcat-milky: this file is not checked: {reason}.', 'zh-cn': 'napcat-milky：此文件未检查：{reason}。' },
  migrateLabel: { en: 'Migrate NapCat calls to Milky', 'zh-cn': '将 NapCat 调用迁移到 Milky' },
  scanning: { en: 'Scanning {done}/{total} files', 'zh-cn': '正在扫描 {done}/{total} 个文件' },
} as const;

export type UiKey = keyof typeof STRINGS;

export function uiText(key: UiKey, locale: Locale, args: Record<string, string> = {}): string {
  return STRINGS[key][locale].replace(/\{(\w+)\}/g, (_, k: string) => args[k] ?? '');
}
