import type { Kind } from './catalog';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

/** Defaults of the contract: Hints for same-name, Warnings for everything else. */
export const DEFAULT_SEVERITY: Record<Kind, SeveritySetting> = {
  mapped: 'warning',
  ambiguous: 'warning',
  'no-counterpart': 'warning',
  'same-name': 'hint',
  'milky-params': 'warning',
};

/** Only Warnings and Errors fail a check. */
export function failsCheck(s: SeveritySetting): boolean {
  return s === 'error' || s === 'warning';
}
