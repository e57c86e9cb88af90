/** Message catalogs by locale: every sentence is looked up here, never chosen in code. */
import type { Locale } from '../shared/locale';
import type { Dictionary } from './dictionary';
import { en } from './en';
import { zhCn } from './zh-cn';

export const catalogs: Record<Locale, Dictionary> = { en, 'zh-cn': zhCn };

export function dictionary(locale: Locale): Dictionary {
  return catalogs[locale];
}

/** A name as code in Markdown. */
export const code = (s: string): string => `\`${s}\``;

export type { Dictionary };
export { LOCALES, toLocale, type Locale } from '../shared/locale';
