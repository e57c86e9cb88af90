/** Shapes of the generated catalog (server/src/core/catalog/catalog.generated.json). */

export type Kind = 'mapped' | 'ambiguous' | 'no-counterpart' | 'same-name' | 'milky-params';

export interface FieldMap {
  milky_field: string | string[];
  /** A transform code, optionally followed by "; a note" (see data/reference/README). */
  transform: string;
}

export interface ParamMap {
  fields: Record<string, FieldMap>;
  set?: Record<string, string | number | boolean>;
  milky_required_without_source: string[];
  milky_optional_unfilled: string[];
  napcat_params_without_target: string[];
  napcat_params_used_by_selector?: string[];
  note?: string;
}

export interface SelectorCase {
  when: string;
  milky?: string;
  set?: Record<string, string | number | boolean> | string;
}

export interface Selector {
  napcat?: string;
  milky?: string;
  decided_by: string[];
  cases: SelectorCase[];
  note?: string;
}

export interface NapcatEntry {
  rows: number[];
  /** Union of the table's Milky column over every row listing this name: decides the kind. */
  tableMilky: string[];
  /** Every Milky candidate: table, milky_candidates and selector targets. */
  milky: string[];
  kind: Exclude<Kind, 'milky-params'>;
  labelZh: string;
  labelEn: string;
  params: Record<string, ParamMap | null>;
  selector: Selector | null;
  upstream: { notInSource: boolean; notInDocs: boolean } | null;
  spelling: string | null;
  note: string | null;
  napcatParams: { name: string; type: string; required: boolean }[] | null;
  inNapcat: boolean;
  whyEn: string | null;
  whyZh: string | null;
  upstreamEn: string | null;
  upstreamZh: string | null;
}

export interface MilkyField {
  name: string;
  type: string;
  optional: boolean;
  default?: unknown;
}

export interface MilkyEntry {
  category: string;
  labelZh: string;
  labelEn: string;
  docEn: string;
  docZh: string;
  input: MilkyField[];
  output: string[];
}

export interface SeedRow {
  labelZh: string;
  napcat: string[];
  milky: string[];
  milkyCandidates: string[];
}

export interface Catalog {
  milkyVersion: string;
  milkyTypesVersion: string;
  napcat: Record<string, NapcatEntry>;
  milky: Record<string, MilkyEntry>;
  rows: SeedRow[];
  transforms: Record<string, { en: string; zh: string }>;
}
