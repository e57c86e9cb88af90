// A small NapCat bot written the way many are: one generic `call(action, params)` over HTTP,
// NapCat's SSE event stream read with fetch, commands in group chat, two notice handlers.
// Run it against NapCat:  NAPCAT_URL=http://127.0.0.1:3000 NAPCAT_TOKEN=… node bot.mjs
//
// The `expect:` markers were written before `napcat-milky fix` ever ran on this file. They say
// what a migrated request must do against a Milky server (test/wholebot/ checks them):
//   expect: valid       the fix migrates it completely: the request validates
//   expect: by-hand X   the fix report lists a step by hand (X) for it: until that step is done,
//                       the request may fail validation
// (#hello and #echo said `by-hand segments` until the message migration landed; they are `valid` now.)
const BASE = process.env.NAPCAT_URL ?? 'http://127.0.0.1:3000';
const TOKEN = process.env.NAPCAT_TOKEN ?? '';
/** For tests and demos: stop after this many events. */
const MAX_EVENTS = Number(process.env.BOT_MAX_EVENTS ?? 0);

async function call(action, params = {}) {
  const res = await fetch(`${BASE}/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(TOKEN ? { authorization: `Bearer ${TOKEN}` } : {}) },
    body: JSON.stringify(params),
  });
  const body = await res.json().catch(() => ({}));
  if (body.status !== 'ok') console.error(`${action} failed: HTTP ${res.status}, retcode ${body.retcode}`);
  return body.data;
}

async function onCommand(groupId, userId, messageId, text) {
  if (text === '/hello') {
    await call('send_group_msg', { group_id: groupId, message: `[CQ:at,qq=${userId}] hello!` }); // expect: valid #hello
  } else if (text.startsWith('/echo ')) {
    await call('send_group_msg', { group_id: groupId, message: text.slice(6) }); // expect: valid #echo
  } else if (text === '/recall') {
    await call('delete_msg', { message_id: messageId }); // expect: by-hand lookup #recall
  } else if (text === '/mute') {
    await call('set_group_ban', { group_id: groupId, user_id: userId, duration: 60 }); // expect: valid #mute
  } else if (text === '/poke') {
    await call('group_poke', { group_id: groupId, user_id: userId }); // expect: valid #poke
  } else if (text === '/essence') {
    await call('set_essence_msg', { message_id: messageId }); // expect: by-hand lookup #essence
  } else if (text === '/who') {
    const groups = await call('get_group_list', {}); // expect: valid #groups
    console.log(`in ${groups?.length ?? '?'} groups`);
  }
}

async function onEvent(e) {
  if (e.post_type === 'message' && e.message_type === 'group') {
    await onCommand(e.group_id, e.user_id, e.message_id, e.raw_message);
  }
  if (e.post_type === 'notice' && e.notice_type === 'group_increase') {
    await call('send_group_msg', { group_id: e.group_id, message: [{ type: 'text', data: { text: `welcome, ${e.user_id}!` } }] }); // expect: valid #welcome
  }
  if (e.post_type === 'notice' && e.notice_type === 'notify' && e.sub_type === 'poke') {
    await call('send_group_msg', { group_id: e.group_id, message: [{ type: 'text', data: { text: 'do not poke me' } }] }); // expect: by-hand event #poked
  }
}

/** NapCat's SSE stream: `data: <json>` lines, one event each. */
async function listen() {
  const res = await fetch(`${BASE}/_events`, { headers: TOKEN ? { authorization: `Bearer ${TOKEN}` } : {} });
  if (!res.ok || !res.body) throw new Error(`event stream: HTTP ${res.status}`);
  const decoder = new TextDecoder();
  let buffer = '';
  let seen = 0;
  for await (const chunk of res.body) {
    buffer += decoder.decode(chunk, { stream: true });
    let nl;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl).replace(/\r$/, '');
      buffer = buffer.slice(nl + 1);
      if (!line.startsWith('data:')) continue;
      await onEvent(JSON.parse(line.slice(5)));
      if (MAX_EVENTS && ++seen >= MAX_EVENTS) return;
    }
  }
}

listen().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
