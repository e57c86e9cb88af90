/** The kinds of finding, once: their order in reports, settings keys and default severities. */
import type { SeveritySetting } from './severity';

export const ACTION_KINDS = ['mapped', 'ambiguous', 'no-counterpart', 'same-name'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const KINDS = [...ACTION_KINDS, 'milky-params', 'segment', 'event', 'transport', 'framework'] as const;
export type Kind = (typeof KINDS)[number];

/** Per kind: the key under `napcatMilky.severity.` and the default severity of the contract. */
export const KIND_INFO: Record<Kind, { setting: string; severity: SeveritySetting }> = {
  mapped: { setting: 'mapped', severity: 'warning' },
  ambiguous: { setting: 'ambiguous', severity: 'warning' },
  'no-counterpart': { setting: 'noCounterpart', severity: 'warning' },
  'same-name': { setting: 'sameName', severity: 'hint' },
  'milky-params': { setting: 'milkyParams', severity: 'warning' },
  segment: { setting: 'segment', severity: 'warning' },
  event: { setting: 'event', severity: 'warning' },
  transport: { setting: 'transport', severity: 'information' },
  framework: { setting: 'framework', severity: 'warning' },
};

export const DEFAULT_SEVERITY = Object.fromEntries(KINDS.map((k) => [k, KIND_INFO[k].severity])) as Record<Kind, SeveritySetting>;
