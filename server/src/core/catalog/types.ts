/** Shapes of the generated runtime catalog (catalog.generated.ts): what the tools need, nothing build-only. */
import type { Locale } from '../../shared/locale';
import type { ActionKind } from '../kinds';

/** A text in every UI language. */
export type Localized = Record<Locale, string>;

export type Scalar = string | number | boolean;

/** How a NapCat param value becomes its Milky field (the part of mapping.json's `transform` before `;`). */
export type TransformCode = 'copy' | 'to_int' | 'to_bool' | 'to_string' | 'to_uri' | 'segments' | 'msg_lookup';

/** What Milky needs when the NapCat param is absent (structured in data/reference/mapping.json). */
export type WhenAbsent = { emit: Record<string, Scalar> } | { fill: Scalar };

export interface FieldMap {
  milky_field: string | string[];
  /** mapping.json's transform as written, for hovers. */
  transform: string;
  /** Its code; null when the text starts with something that is no code (a decision). */
  code: TransformCode | null;
  when_absent?: WhenAbsent;
}

export interface ParamMap {
  fields: Record<string, FieldMap>;
  set?: Record<string, Scalar>;
  milky_required_without_source: string[];
  napcat_params_without_target: string[];
  napcat_params_used_by_selector: string[];
}

/** A condition on a call site's params (data/reference/selectors.json). */
export type Condition =
  | { param: string; is: Scalar }
  | { param: string; present: boolean }
  | { param: string; nonEmpty: true }
  | { param: string; literal: false }
  | { closed: true }
  | { all: Condition[] };

export interface SelectorCase {
  when: Condition;
  /** The target picked, or null: the code does not decide. */
  pick: string | null;
  by: string;
}

export interface NapcatEntry {
  kind: ActionKind;
  /** Every Milky candidate: table, milky_candidates and selector targets. */
  milky: readonly string[];
  label: Localized;
  /** Why there is no counterpart, for no-counterpart names. */
  why: Localized | null;
  /** What the table's authors found upstream (a name NapCat never had). */
  upstreamNote: Localized | null;
  notInNapcatSource: boolean;
  /** NapCat's own spelling when it differs (`.handle_quick_operation`). */
  spelling: string | null;
  /** Param maps by Milky target. */
  params: Record<string, ParamMap | null>;
  /** Constants Milky needs, by target (the map's `set` and the selector's cases for this name). */
  constants: Record<string, Record<string, Scalar>>;
  select: SelectorCase[] | null;
}

export interface MilkyField {
  name: string;
  type: string;
  optional: boolean;
  default?: unknown;
}

export interface MilkyEntry {
  category: string;
  label: Localized;
  doc: Localized;
  input: MilkyField[];
  output: string[];
}

export interface Catalog {
  milkyVersion: string;
  napcat: Record<string, NapcatEntry>;
  milky: Record<string, MilkyEntry>;
  transforms: Record<string, Localized>;
}
