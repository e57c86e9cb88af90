export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];

/** Only Warnings and Errors fail a check. */
export function failsCheck(s: SeveritySetting): boolean {
  return s === 'error' || s === 'warning';
}
