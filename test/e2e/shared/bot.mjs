// What the `bot` fixture (test/e2e/fixtures/bot) must look like in any editor: the findings, what
// stays quiet, the hover, the quick fixes and the fix-all result. Shared by the code-server
// scenarios (scenarios/10-vscode-bot.mjs), the Neovim scenarios (scenarios/20-nvim-bot.mjs) and the
// desktop VS Code suite (vscode-electron/suite/index.cjs), so the three editors are held to the same
// expectations. Plain data + pure helpers: no editor API in here.
//
// Sites are { text, nth } — the nth (0-based) occurrence of `text` in the file, as in the fixture
// today; posOf() turns one into an LSP position.

export const FIXTURE = 'bot';
export const TS = 'src/bot.ts';
export const JSON_FILE = 'replay.json';
export const SOURCE = 'napcat-milky';
export const FIX_ALL_KIND = 'source.fixAll.napcatMilky';

/** LSP position of a site in `text` (0-based line/character, UTF-16). */
export function posOf(text, { text: needle, nth = 0, offset = 0 }) {
  let idx = -1;
  for (let i = 0; i <= nth; i++) {
    idx = text.indexOf(needle, idx + 1);
    if (idx < 0) throw new Error(`occurrence ${nth} of ${JSON.stringify(needle)} not found`);
  }
  idx += offset;
  const before = text.slice(0, idx);
  const line = before.split('\n').length - 1;
  return { line, character: idx - (before.lastIndexOf('\n') + 1) };
}

// ---- sites in src/bot.ts -------------------------------------------------------------------------
// `send_group_msg` #0 is in the header comment and #2 in a console.log string: both stay quiet.
export const SITE = {
  sendGroupMsg: { text: 'send_group_msg', nth: 1 },
  strangerInfo: { text: 'get_stranger_info' },
  deleteMsg: { text: 'delete_msg', nth: 0 }, // no context: private or group?
  deleteMsgGroup: { text: 'delete_msg', nth: 1 }, // has group_id: recall_group_message preferred
  getStatus: { text: 'get_status' },
  groupInfo: { text: 'get_group_info' },
  milkyName: { text: 'send_group_message' }, // already Milky
  commentName: { text: 'send_group_msg', nth: 0 },
  logName: { text: 'send_group_msg', nth: 2 },
};

/**
 * The diagnostics of src/bot.ts, in file order. severity: LSP numbers (2 warning, 4 hint); `en` /
 * `zh` match the message in each language.
 */
export const TS_DIAGNOSTICS = [
  { site: SITE.sendGroupMsg, napcat: 'send_group_msg', code: 'mapped', severity: 2, line: 4, character: 17,
    en: /^NapCat `send_group_msg` \(Send group message · 发送群聊消息\) is `send_group_message` in Milky 1\.2\./,
    zh: /^NapCat `send_group_msg`（发送群聊消息）在 Milky 1\.2 中是 `send_group_message`/ },
  { site: SITE.strangerInfo, napcat: 'get_stranger_info', code: 'ambiguous', severity: 2, line: 5, character: 17,
    en: /maps to several Milky endpoints: `get_user_profile`, `get_friend_info`\. The code does not decide/,
    zh: /^NapCat `get_stranger_info`（获取用户个人信息 \/ 获取好友信息）对应多个 Milky 端点/ },
  { site: SITE.deleteMsg, napcat: 'delete_msg', code: 'ambiguous', severity: 2, line: 6, character: 17,
    en: /maps to several Milky endpoints: `recall_private_message`, `recall_group_message`\. The code does not decide/,
    zh: /^NapCat `delete_msg`（撤回私聊消息 \/ 撤回群聊消息）对应多个 Milky 端点/ },
  { site: SITE.deleteMsgGroup, napcat: 'delete_msg', code: 'ambiguous', severity: 2, line: 7, character: 17,
    en: /Here the context \(group_id\) picks `recall_group_message`\./,
    zh: /^NapCat `delete_msg`（撤回私聊消息 \/ 撤回群聊消息）对应多个 Milky 端点/ },
  { site: SITE.getStatus, napcat: 'get_status', code: 'no-counterpart', severity: 2, line: 8, character: 17,
    en: /^NapCat `get_status` \(Get runtime status · 获取运行状态\) has no Milky 1\.2 counterpart\./,
    zh: /^NapCat `get_status`（获取运行状态）在 Milky 1\.2 中没有对应接口/ },
  { site: SITE.groupInfo, napcat: 'get_group_info', code: 'same-name', severity: 4, line: 9, character: 17,
    en: /^`get_group_info` \(Get group info · 获取群信息\) keeps its name in Milky 1\.2\./,
    zh: /^`get_group_info`（获取群信息）在 Milky 1\.2 中同名保留/ },
];
/** 0-based lines that must never carry a diagnostic: the comment, the log string, the Milky call. */
export const TS_QUIET_LINES = [0, 10, 11];
/** Squiggled words (VS Code draws hints as dots: squiggly-hint). */
export const TS_WARNING_WORDS = ['send_group_msg', 'get_stranger_info', 'delete_msg', 'delete_msg', 'get_status'];
export const TS_HINT_WORDS = ['get_group_info'];

export const JSON_DIAGNOSTICS = [
  { site: { text: 'send_group_msg' }, napcat: 'send_group_msg', code: 'mapped', severity: 2, line: 2, character: 17,
    en: /^NapCat `send_group_msg` \(Send group message · 发送群聊消息\) is `send_group_message` in Milky 1\.2\. Milky has no WebSocket API/,
    zh: /^NapCat `send_group_msg`（发送群聊消息）在 Milky 1\.2 中是 `send_group_message`/ },
];

/** Hover on send_group_msg: both table labels, the Milky target, in each language. */
export const HOVER = {
  en: [/NapCat `?send_group_msg`?/, /发送群聊消息/, /Send group message/, /send_group_message/, /preferred here/],
  zh: [/发送群聊消息/, /send_group_message/, /对应一个 Milky 端点/, /Milky 1\.2 端点/],
};

// ---- code actions ----------------------------------------------------------------------------------
export const FIX = {
  mapped: 'Migrate to Milky `send_group_message` (preferred)',
  strangerProfile: 'Migrate to Milky `get_user_profile`',
  strangerFriend: 'Migrate to Milky `get_friend_info`',
  recallPrivate: 'Migrate to Milky `recall_private_message`',
  recallGroup: 'Migrate to Milky `recall_group_message`',
  recallGroupPreferred: 'Migrate to Milky `recall_group_message` (preferred)',
  ignoreLine: 'Ignore this line (napcat-milky)',
  disableFile: 'Disable napcat-milky for this file',
  fixAll: 'Migrate all NapCat calls that need no choice (napcat-milky)',
};
export const FIX_ZH = { mapped: '迁移到 Milky `send_group_message`（推荐）' };

/** Lines of src/bot.ts after one fix or another (each as the whole line). */
export const LINE = {
  // The fixture's messages are already text segments (the same in Milky): only the action changes
  // here; CQ-code messages have their own fixture and scenario (scenarios/12-vscode-segments.mjs).
  sendBefore: "  await callApi('send_group_msg', { group_id: groupId, message: [{ type: 'text', data: { text: 'pong' } }] });",
  sendAfter: "  await callApi('send_group_message', { group_id: groupId, message: [{ type: 'text', data: { text: 'pong' } }] });",
  strangerProfile: "  await callApi('get_user_profile', { user_id: userId });",
  recallGroupAfter: "  await callApi('recall_group_message', { message_id: messageId, group_id: groupId });",
  statusIgnored: '  // napcat-milky-ignore-next-line',
};

/** src/bot.ts after "fix all" (the migrations that need no choice), from the fixture text. */
export function tsAfterFixAll(original) {
  return original
    .replace(`${LINE.sendBefore}\n`, `${LINE.sendAfter}\n`)
    .replace("  await callApi('delete_msg', { message_id: messageId, group_id: groupId });", LINE.recallGroupAfter);
}
/** replay.json after "fix all". */
export function jsonAfterFixAll(original) {
  return original.replace('{ "action": "send_group_msg", "params": { "group_id": 123456, "message": [{ "type": "text", "data": { "text": "hi" } }] } }',
    '{ "action": "send_group_message", "params": { "group_id": 123456, "message": [{ "type": "text", "data": { "text": "hi" } }] } }');
}

// ---- checks shared by every editor ----------------------------------------------------------------

/**
 * Compare diagnostics (as { line, character, code, severity, message, source }, 0-based) with the
 * expected list. `lang` 'en' | 'zh'. Throws an Error listing every difference.
 */
export function checkDiagnostics(actual, expected, { lang = 'en', quietLines = [], what = 'diagnostics' } = {}) {
  const problems = [];
  const got = [...actual].sort((a, b) => a.line - b.line || a.character - b.character);
  if (got.length !== expected.length) problems.push(`expected ${expected.length} ${what}, got ${got.length}`);
  for (const [i, e] of expected.entries()) {
    const a = got.find((d) => d.line === e.line && d.character === e.character);
    if (!a) { problems.push(`#${i} ${e.napcat} (${e.code}) missing at ${e.line}:${e.character}`); continue; }
    if (a.source !== undefined && a.source !== SOURCE) problems.push(`${e.napcat}: source ${a.source}`);
    if (a.code !== undefined && String(a.code) !== e.code) problems.push(`${e.napcat}: code ${a.code} ≠ ${e.code}`);
    if (a.severity !== undefined && a.severity !== e.severity) problems.push(`${e.napcat}: severity ${a.severity} ≠ ${e.severity}`);
    if (!e[lang].test(a.message)) problems.push(`${e.napcat}: message ${JSON.stringify(a.message)} !~ ${e[lang]}`);
  }
  for (const d of got) if (quietLines.includes(d.line)) problems.push(`unexpected diagnostic on quiet line ${d.line}: ${d.message}`);
  if (problems.length) throw new Error(`${what} differ:\n  ${problems.join('\n  ')}\nactual: ${JSON.stringify(got, null, 1)}`);
}

/** Throws unless every pattern matches `text`. */
export function checkAll(text, patterns, what) {
  const miss = patterns.filter((p) => !p.test(text));
  if (miss.length) throw new Error(`${what}: ${miss.join(', ')} not found in ${JSON.stringify(text)}`);
}

/**
 * The quick fixes offered at each site (titles in the order the server sends them: the preferred
 * candidate first, for clients that do not sort; VS Code's menu
 * puts preferred fixes first). `preferred` is the one with isPreferred.
 */
export const ACTIONS_AT = {
  sendGroupMsg: { titles: [FIX.mapped, FIX.ignoreLine, FIX.disableFile], preferred: FIX.mapped },
  strangerInfo: { titles: [FIX.strangerProfile, FIX.strangerFriend, FIX.ignoreLine, FIX.disableFile], preferred: undefined },
  deleteMsg: { titles: [FIX.recallPrivate, FIX.recallGroup, FIX.ignoreLine, FIX.disableFile], preferred: undefined },
  deleteMsgGroup: { titles: [FIX.recallGroupPreferred, FIX.recallPrivate, FIX.ignoreLine, FIX.disableFile], preferred: FIX.recallGroupPreferred },
  getStatus: { titles: [FIX.ignoreLine, FIX.disableFile], preferred: undefined },
};
