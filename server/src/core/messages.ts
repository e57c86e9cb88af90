import { catalog, milkyEntry, napcatEntry } from './catalog';
import type { ManualStep } from './params';

export type Locale = 'en' | 'zh-cn';

/** Picks our locale from an editor locale string (`zh-cn`, `zh-CN`, `zh-hans`, `en-us`…). */
export function toLocale(locale: string | undefined | null): Locale {
  return locale && /^zh/i.test(locale) ? 'zh-cn' : 'en';
}

const code = (s: string) => `\`${s}\``;
const list = (names: string[], zh: boolean) => names.map(code).join(zh ? '、' : ', ');

/** What to do about one manual step, in a short clause. */
export function manualStepText(step: ManualStep, locale: Locale): string {
  const zh = locale === 'zh-cn';
  const p = step.param ? code(step.param) : '';
  const f = Array.isArray(step.field) ? list(step.field, zh) : step.field ? code(step.field) : '';
  switch (step.code) {
    case 'lookup':
      return zh ? `${p} 是 NapCat 的短消息 ID，需先用 \`get_message\` 查出 ${f}（无法静态改写）` : `${p} is a NapCat short message id: look up ${f} with \`get_message\` (cannot be rewritten statically)`;
    case 'required':
      return zh ? `Milky 需要 ${f}，NapCat 参数中没有对应值，请手动提供` : `Milky requires ${f}, which no NapCat param provides: supply it`;
    case 'segments':
      return zh ? `${p} 需改为 Milky 消息段数组（CQ 码与 OneBot 消息段不能直接使用）` : `${p} must become Milky segments (CQ codes and OneBot segments do not carry over)`;
    case 'uri':
      return zh ? `${p} 需改为 ${f}，且值必须是 \`file://\`、\`http(s)://\` 或 \`base64://\` URI` : `${p} becomes ${f} and must be a \`file://\`, \`http(s)://\` or \`base64://\` URI`;
    case 'constant':
      return zh ? `添加 ${f}: ${JSON.stringify(step.value)}` : `add ${f}: ${JSON.stringify(step.value)}`;
    case 'drop':
      return zh ? `Milky 不接受 ${p}，请删除它（或先按其值选择端点）` : `Milky does not take ${p}: remove it (or let its value pick the endpoint first)`;
    case 'unknown':
      return p ? (zh ? `Milky 不认识参数 ${p}` : `Milky does not know the param ${p}`) : (zh ? '请对照 Milky 的参数检查这些参数' : 'check the params against what Milky takes');
    case 'conflict':
      return zh ? `多个 NapCat 参数都对应 ${f}，请只保留一个` : `several NapCat params map to ${f}: keep one`;
    case 'rename':
      return zh ? `参数 ${p} 改名为 ${f}` : `rename the param ${p} to ${f}`;
    case 'transform':
      return zh ? `${p} → ${f} 需要人工判断（${step.note ?? ''}）` : `${p} → ${f} needs a decision (${step.note ?? ''})`;
    case 'value':
      return zh ? `${p} 的值需改成 Milky 的类型后再改名为 ${f}` : `${p} needs a value of Milky's type before it becomes ${f}`;
    case 'transport':
      return zh ? 'Milky 没有 WebSocket API，请改用 HTTP `POST /api/<端点>`' : 'Milky has no WebSocket API: send `POST /api/<endpoint>` over HTTP';
  }
}

export interface MessageInput {
  kind: string;
  napcat: string | null;
  milky: string[];
  preferred?: string;
  callSite: string;
  written: string;
  frame?: boolean;
  apiPrefix?: boolean;
  decidedBy?: string;
  manual?: ManualStep[];
  param?: string;
  problem?: 'unknown' | 'missing';
}

function transportClause(m: MessageInput, target: string | undefined, zh: boolean): string {
  const t = target ?? '<endpoint>';
  if (m.frame) return zh ? ` Milky 没有 WebSocket API：请改用 HTTP \`POST /api/${t}\`。` : ` Milky has no WebSocket API: send \`POST /api/${t}\` over HTTP.`;
  if (m.callSite === 'url' && !m.apiPrefix) return zh ? ` Milky 的地址是 \`POST /api/${t}\`。` : ` Milky serves it at \`POST /api/${t}\`.`;
  if (m.callSite === 'method') return zh ? ' 这是 SDK 方法，没有确定的 Milky 写法，不会自动改写。' : ' This is an SDK method with no certain Milky form: it is not rewritten automatically.';
  if (m.callSite === 'camel') return zh ? ` 这是 Koishi 的 \`internal.${m.written}\`，需手动改为调用 Milky 端点。` : ` This is Koishi's \`internal.${m.written}\`: call the Milky endpoint by hand.`;
  return '';
}

/** The diagnostic message of a finding, in one paragraph. */
export function findingMessage(m: MessageInput, locale: Locale): string {
  const zh = locale === 'zh-cn';
  if (m.kind === 'milky-params') return milkyParamsMessage(m, zh);
  const name = m.napcat!;
  const e = napcatEntry(name)!;
  const label = zh ? e.labelZh : `${e.labelEn} · ${e.labelZh}`;
  let s: string;
  switch (m.kind) {
    case 'mapped':
      s = zh ? `NapCat ${code(name)}（${label}）在 Milky ${catalog.milkyVersion} 中是 ${code(m.milky[0])}。` : `NapCat ${code(name)} (${label}) is ${code(m.milky[0])} in Milky ${catalog.milkyVersion}.`;
      break;
    case 'ambiguous':
      s = zh ? `NapCat ${code(name)}（${label}）对应多个 Milky 端点：${list(m.milky, true)}。` : `NapCat ${code(name)} (${label}) maps to several Milky endpoints: ${list(m.milky, false)}.`;
      s += m.preferred
        ? (zh ? ` 根据上下文（${m.decidedBy}）应为 ${code(m.preferred)}。` : ` Here the context (${m.decidedBy}) picks ${code(m.preferred)}.`)
        : (zh ? ' 无法从代码判断，请按实际场景选择。' : ' The code does not decide: choose by what the call does.');
      break;
    case 'same-name':
      s = zh ? `${code(name)}（${label}）在 Milky ${catalog.milkyVersion} 中同名保留。` : `${code(name)} (${label}) keeps its name in Milky ${catalog.milkyVersion}.`;
      if (m.callSite !== 'url' && !m.frame) s += zh ? ` 调用方式变为 \`POST /api/${name}\`，参数可能不同。` : ` It is called as \`POST /api/${name}\` and its params may differ.`;
      break;
    default: {
      s = zh ? `NapCat ${code(name)}（${label}）在 Milky ${catalog.milkyVersion} 中没有对应接口。` : `NapCat ${code(name)} (${label}) has no Milky ${catalog.milkyVersion} counterpart.`;
      const why = zh ? e.whyZh : e.whyEn;
      if (why) s += ` ${why}`;
      if (m.preferred) s += zh ? ` 此处（${m.decidedBy}）可用 ${code(m.preferred)}。` : ` Here (${m.decidedBy}) use ${code(m.preferred)}.`;
    }
  }
  if (m.kind !== 'no-counterpart' || m.milky.length) s += transportClause(m, m.preferred ?? (m.milky.length === 1 ? m.milky[0] : undefined), zh);
  if (e.upstream?.notInSource) s += zh ? ` （NapCat 本身并没有名为 ${code(name)} 的 action。）` : ` (NapCat itself has no action named ${code(name)}.)`;
  if (e.spelling && m.written.startsWith('.')) s += zh ? ` NapCat 源码中的拼写是 ${code(e.spelling)}。` : ` NapCat spells it ${code(e.spelling)}.`;
  const steps = (m.manual ?? []).filter((st) => st.code !== 'transport');
  if (steps.length) s += (zh ? ' 需手动处理：' : ' By hand: ') + steps.map((st) => manualStepText(st, locale)).join(zh ? '；' : '; ') + (zh ? '。' : '.');
  return s;
}

function milkyParamsMessage(m: MessageInput, zh: boolean): string {
  const endpoint = m.milky[0];
  const param = m.param!;
  const advice = paramAdvice(endpoint, param, zh);
  if (m.problem === 'missing') {
    const field = milkyEntry(endpoint)?.input.find((f) => f.name === param);
    return zh
      ? `Milky ${code(endpoint)} 必须提供 ${code(param)}（${field?.type ?? ''}）。${advice}`
      : `Milky ${code(endpoint)} requires ${code(param)} (${field?.type ?? 'value'}).${advice ? ' ' + advice : ''}`;
  }
  const accepted = milkyEntry(endpoint)?.input.map((f) => f.name) ?? [];
  return zh
    ? `Milky ${code(endpoint)} 不接受参数 ${code(param)}。${advice || (accepted.length ? `可用参数：${list(accepted, true)}。` : '该端点没有参数。')}`
    : `Milky ${code(endpoint)} does not take ${code(param)}.${advice ? ' ' + advice : accepted.length ? ` It takes ${list(accepted, false)}.` : ' It takes no params.'}`;
}

/** How a NapCat param relates to a Milky field of `endpoint`, from every map that targets it. */
function paramAdvice(endpoint: string, param: string, zh: boolean): string {
  for (const [napcat, e] of Object.entries(catalog.napcat)) {
    const map = e.params[endpoint];
    if (!map) continue;
    for (const [from, f] of Object.entries(map.fields)) {
      const fields = Array.isArray(f.milky_field) ? f.milky_field : [f.milky_field];
      const lookup = f.transform.startsWith('msg_lookup');
      if (from === param && lookup) return zh ? `NapCat 的 ${code(param)} 需用 \`get_message\` 查出 ${list(fields, true)}。` : `NapCat's ${code(param)} must be looked up with \`get_message\` to get ${list(fields, false)}.`;
      if (from === param) return zh ? `请改名为 ${list(fields, true)}（来自 NapCat ${code(napcat)}）。` : `Rename it to ${list(fields, false)} (from NapCat ${code(napcat)}).`;
      if (fields.includes(param) && lookup) return zh ? `可由 NapCat 的 ${code(from)} 用 \`get_message\` 查出。` : `NapCat's ${code(from)} must be looked up with \`get_message\` to get it.`;
      if (fields.includes(param)) return zh ? `对应 NapCat 的 ${code(from)}。` : `NapCat's ${code(from)} becomes it.`;
    }
  }
  return '';
}
