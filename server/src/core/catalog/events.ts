/**
 * The event table: OneBot 11 / NapCat event discriminators → Milky 1.2 event types, with where each
 * top-level field of the OneBot event went. Generated from data/reference/protocol/events.json by
 * scripts/events-build.mjs; read here once and checked, so every consumer gets narrow types.
 */
import data from './events.generated.json';

/** The six OneBot 11 properties that discriminate an event. */
export const DISCRIMINATORS = ['post_type', 'message_type', 'notice_type', 'request_type', 'sub_type', 'meta_event_type'] as const;
export type Discriminator = (typeof DISCRIMINATORS)[number];

/**
 * What happens to a read of a OneBot field: `move` — the same value at a new path; `lookup` — a
 * value in another id space (message_id → message_seq); `transform` — the value or shape changes
 * (segments, derived booleans); `none` — Milky has no such field; `ambiguous` — it depends on
 * something the code does not show.
 */
export type FieldKind = 'move' | 'lookup' | 'transform' | 'none' | 'ambiguous';

export interface FieldMove {
  kind: FieldKind;
  /** Milky paths relative to the event (`data.group_id`, `self_id`): one for `move`. */
  to: readonly string[];
  note?: string;
}

/** Why a OneBot event has no Milky counterpart. */
export type MissingReason =
  | 'not-emitted' | 'no-anonymous' | 'not-a-message' | 'no-sent-message' | 'no-friend-add' | 'no-lucky-king'
  | 'no-honor' | 'no-title-change' | 'no-input-status' | 'no-profile-like' | 'no-gray-tip' | 'no-card-change'
  | 'no-online-file' | 'no-client-status' | 'no-lifecycle' | 'no-heartbeat';

export type MessageScene = 'friend' | 'group' | 'temp';

export interface EventRow {
  /** Index of the row in data/reference/protocol/events.json `mapping`. */
  row: number;
  origin: string;
  post_type: string;
  /** Values of the detail property (message_type / notice_type / request_type / meta_event_type); [] for any. */
  detail: readonly string[];
  /** sub_type values; [] for any. */
  sub_type: readonly string[];
  /** A condition beyond the discriminators ("user_id = 0", "group_id set"). */
  condition: string | null;
  /** The fourth part of a framework name that selects this row (`notice.notify.poke.group`). */
  qualifier: string | null;
  /** Milky event types; [] when Milky has none (then `reason` says why). */
  milky: readonly string[];
  scene: MessageScene | null;
  status: 'mechanical' | 'needs-lookup' | 'none';
  reason: MissingReason | null;
  fields: Readonly<Record<string, FieldMove>>;
}

export interface EventTable {
  detailProp: Readonly<Record<string, Discriminator>>;
  rows: readonly EventRow[];
  /** Milky event type → names of its data fields (message_receive: [] — see scenes). */
  milkyEvents: Readonly<Record<string, readonly string[]>>;
  /** message_scene → the fields of that IncomingMessage. */
  scenes: Readonly<Record<string, readonly string[]>>;
}

// ---- checked reading of the generated JSON --------------------------------------------------

function oneOf<T extends string>(values: readonly T[], v: string, what: string): T {
  if ((values as readonly string[]).includes(v)) return v as T;
  throw new Error(`events.generated.json: unknown ${what} ${JSON.stringify(v)}`);
}

const FIELD_KINDS: readonly FieldKind[] = ['move', 'lookup', 'transform', 'none', 'ambiguous'];
const REASONS: readonly MissingReason[] = [
  'not-emitted', 'no-anonymous', 'not-a-message', 'no-sent-message', 'no-friend-add', 'no-lucky-king',
  'no-honor', 'no-title-change', 'no-input-status', 'no-profile-like', 'no-gray-tip', 'no-card-change',
  'no-online-file', 'no-client-status', 'no-lifecycle', 'no-heartbeat',
];
const SCENES: readonly MessageScene[] = ['friend', 'group', 'temp'];
const STATUSES: readonly EventRow['status'][] = ['mechanical', 'needs-lookup', 'none'];

interface RawField { kind: string; to: string[]; note?: string }
interface RawRow {
  row: number; origin: string; post_type: string; detail: string[]; sub_type: string[];
  condition: string | null; qualifier: string | null; milky: string[]; scene: string | null;
  status: string; reason: string | null;
  /** JSON rows are typed as one union whose missing keys read as undefined. */
  fields: Record<string, RawField | undefined>;
}
interface RawTable {
  detailProp: Record<string, string>;
  rows: RawRow[];
  milkyEvents: Record<string, string[]>;
  scenes: Record<string, string[]>;
}

function readTable(raw: RawTable): EventTable {
  const detailProp: Record<string, Discriminator> = {};
  for (const [post, prop] of Object.entries(raw.detailProp)) detailProp[post] = oneOf(DISCRIMINATORS, prop, 'discriminator');
  const rows = raw.rows.map((r): EventRow => {
    const fields: Record<string, FieldMove> = {};
    for (const [k, f] of Object.entries(r.fields)) {
      if (!f) continue;
      fields[k] = Object.freeze({ kind: oneOf(FIELD_KINDS, f.kind, 'field kind'), to: Object.freeze([...f.to]), ...(f.note ? { note: f.note } : {}) });
    }
    return Object.freeze({
      row: r.row,
      origin: r.origin,
      post_type: r.post_type,
      detail: Object.freeze([...r.detail]),
      sub_type: Object.freeze([...r.sub_type]),
      condition: r.condition,
      qualifier: r.qualifier,
      milky: Object.freeze([...r.milky]),
      scene: r.scene === null ? null : oneOf(SCENES, r.scene, 'scene'),
      status: oneOf(STATUSES, r.status, 'status'),
      reason: r.reason === null ? null : oneOf(REASONS, r.reason, 'reason'),
      fields: Object.freeze(fields),
    });
  });
  return Object.freeze({ detailProp: Object.freeze(detailProp), rows: Object.freeze(rows), milkyEvents: raw.milkyEvents, scenes: raw.scenes });
}

const rawTable: RawTable = data;
export const eventTable: EventTable = readTable(rawTable);

/** post_type values that OneBot 11 / NapCat define (message_sent is NapCat's). */
export const POST_TYPES: ReadonlySet<string> = new Set(eventTable.rows.map((r) => r.post_type));

/** Every value each discriminator takes in the table. */
export const discriminatorValues: Readonly<Record<Discriminator, ReadonlySet<string>>> = (() => {
  const out: Record<Discriminator, Set<string>> = { post_type: new Set(), message_type: new Set(), notice_type: new Set(), request_type: new Set(), sub_type: new Set(), meta_event_type: new Set() };
  for (const r of eventTable.rows) {
    out.post_type.add(r.post_type);
    const dp = eventTable.detailProp[r.post_type];
    for (const d of r.detail) out[dp].add(d);
    for (const s of r.sub_type) out.sub_type.add(s);
  }
  return out;
})();
