/** Plausible answer data, made by walking an endpoint's official output schema. */
import { MILKY_VERSION, isOptional, pickOption, unwrap, type Schema } from './schema';

export const SELF_ID = 10001;
export const MOCK_GROUP_ID = 123456789;

/** State shared by every answer of one mock server: message_seq and other counters only go up. */
export class SampleState {
  private seq = 1000;
  private counter = 0;
  nextSeq(): number { return ++this.seq; }
  nextId(): number { return ++this.counter; }
}

interface Context {
  state: SampleState;
  /** The request's own values: an answer about group 42 is about group 42. */
  input: Record<string, unknown>;
  now: number;
  depth: number;
  /** The position in the enclosing array: list items get distinct ids. */
  index: number;
}

const USER_FIELDS = /^(user_id|sender_id|operator_id|initiator_id|target_user_id|invitor_id|uin|self_id)$/;
const GROUP_FIELDS = /^(group_id|source_group_id)$/;

/** A value of the request that the answer repeats: the group (everywhere), else a field of the first item near the top. */
function reusable(name: string, ctx: Context): unknown {
  if (name === 'group_id') return ctx.input.group_id ?? (ctx.input.message_scene === 'group' ? ctx.input.peer_id : undefined);
  if (name === 'peer_id' || name === 'message_scene') return ctx.input[name];
  return ctx.depth <= 3 && ctx.index === 0 ? ctx.input[name] : undefined;
}

function clamp(n: number, s: Schema): number {
  const min = typeof s.minValue === 'number' && Number.isFinite(s.minValue) ? s.minValue : -Infinity;
  const max = typeof s.maxValue === 'number' && Number.isFinite(s.maxValue) ? s.maxValue : Infinity;
  return Math.min(max, Math.max(min, n));
}

function sampleNumber(s: Schema, name: string, ctx: Context): number {
  const fromInput = reusable(name, ctx);
  if (typeof fromInput === 'number' && s.safeParse(fromInput).success) return fromInput;
  let n: number;
  if (name === 'time' || name.endsWith('_time') && !name.startsWith('shut_up') && name !== 'join_time' && name !== 'last_sent_time') n = ctx.now;
  else if (name === 'join_time') n = ctx.now - 30 * 86400;
  else if (name === 'last_sent_time') n = ctx.now - 60;
  else if (name === 'shut_up_end_time') n = ctx.now + 600;
  else if (name === 'message_seq') n = ctx.state.nextSeq();
  else if (GROUP_FIELDS.test(name) || name === 'peer_id') n = MOCK_GROUP_ID + ctx.index;
  else if (USER_FIELDS.test(name)) n = name === 'uin' || name === 'self_id' ? SELF_ID : 20000 + ctx.state.nextId();
  else if (name.endsWith('_seq') || name.endsWith('_id')) n = ctx.state.nextId();
  else if (name === 'member_count') n = 42;
  else if (name === 'max_member_count') n = 500;
  else if (name === 'age') n = 20;
  else if (name === 'level') n = 10;
  else if (name === 'width') n = 640;
  else if (name === 'height') n = 480;
  else if (name === 'duration') n = 5;
  else if (name === 'file_size') n = 1024;
  else n = 1;
  n = clamp(n, s);
  return s.isInt ? Math.round(n) : n;
}

function sampleString(name: string, ctx: Context): string {
  const fromInput = reusable(name, ctx);
  if (typeof fromInput === 'string') return fromInput;
  const n = ctx.state.nextId();
  if (name === 'milky_version') return MILKY_VERSION;
  if (name === 'impl_name') return 'napcat-milky mock';
  if (name === 'impl_version') return '0.1.0';
  if (name === 'qq_protocol_version') return '9.9.19-mock';
  if (name === 'nickname' || name === 'sender_name') return `Mock User ${n}`;
  if (name === 'group_name') return `Mock Group ${n}`;
  if (name === 'text') return 'Hello from the napcat-milky mock';
  if (name === 'face_id' || name === 'reaction') return '14';
  if (name === 'cookies') return 'uin=o10001; skey=@mock';
  if (name === 'csrf_token') return 'mock-csrf-token';
  if (name === 'json_payload') return '{"app":"com.tencent.mock"}';
  if (name === 'xml_payload') return '<?xml version="1.0"?><msg/>';
  if (name === 'file_name') return `mock-${n}.txt`;
  if (name === 'file_hash') return `mockhash${n}`;
  if (name === 'sex') return 'unknown';
  if (name.endsWith('url') || name === 'urls') return `https://mock.invalid/${name}/${n}`;
  if (name.endsWith('_id') || name.endsWith('_uid') || name === 'key') return `mock-${name}-${n}`;
  if (name === 'preview' || name === 'summary') return `[mock ${name}]`;
  return `mock ${name}`;
}

function sample(schema: Schema, name: string, ctx: Context): unknown {
  // Pages end here: no next page.
  if (isOptional(schema) && name.startsWith('next_')) return null;
  let s = unwrap(schema);
  const d = s._zod.def;
  switch (d.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(d.shape ?? {})) {
        const v = sample(field, key, { ...ctx, depth: ctx.depth + 1 });
        if (v !== undefined) out[key] = v;
      }
      return out;
    }
    case 'array': {
      const length = ctx.depth < 3 ? 2 : ctx.depth < 6 ? 1 : 0;
      return Array.from({ length }, (_, i) => sample(d.element!, name, { ...ctx, depth: ctx.depth + 1, index: i }));
    }
    case 'union': {
      // The option the request asked about (message_scene: 'group' → a group message), else the first.
      const key = d.discriminator;
      const wanted = key !== undefined && ctx.input[key] !== undefined ? pickOption(s, { [key]: ctx.input[key] }) : undefined;
      s = wanted ?? d.options![0];
      return sample(s, name, ctx);
    }
    case 'number': return sampleNumber(s, name, ctx);
    case 'string': return sampleString(name, ctx);
    case 'boolean': return name === 'is_end';
    case 'enum': {
      const values = Object.values(d.entries ?? {});
      const fromInput = reusable(name, ctx);
      if (values.includes(fromInput as string)) return fromInput;
      if (name === 'sex' && values.includes('unknown')) return 'unknown';
      if (name === 'role' && values.includes('member')) return 'member';
      return values[0];
    }
    case 'literal': return d.values?.[0];
    case 'null': return null;
    case 'any': case 'unknown': return {};
    default: return undefined;
  }
}

/** The `data` of a successful answer: `{}` for endpoints without output, else a value the output schema accepts. */
export function sampleOutput(output: Schema | null, input: unknown, state: SampleState, now = Math.floor(Date.now() / 1000)): Record<string, unknown> {
  if (!output) return {};
  const values = input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  return sample(output, '', { state, input: values, now, depth: 0, index: 0 }) as Record<string, unknown>;
}
