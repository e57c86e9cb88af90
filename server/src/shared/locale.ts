/** The UI languages, once for the client, the server and the CLI. */
export const LOCALES = ['en', 'zh-cn'] as const;
export type Locale = (typeof LOCALES)[number];

/** Picks our locale from an editor locale string (`zh-cn`, `zh-CN`, `zh-hans`, `en-us`…). */
export function toLocale(locale: string | undefined | null): Locale {
  return locale && /^zh/i.test(locale) ? 'zh-cn' : 'en';
}
