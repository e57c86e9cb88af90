// A tiny in-memory NapCat double for integration tests.
// It answers OneBot 11 actions over HTTP (POST /<action>) and forward WebSocket ({action, params, echo}).
import http from 'node:http';
import { WebSocketServer } from 'ws';

const SELF_ID = 10001;
const groups = new Map([[123456, { group_id: 123456, group_name: '测试群 🧪', member_count: 3 }]]);
let nextMessageId = 1;

const ok = (data = null) => ({ status: 'ok', retcode: 0, data, message: '', wording: '' });
const fail = (retcode, message) => ({ status: 'failed', retcode, data: null, message, wording: message });

/** Action-keyed handler table. */
const handlers = {
  get_login_info: () => ok({ user_id: SELF_ID, nickname: 'mock-bot' }),
  get_status: () => ok({ online: true, good: true, stat: {} }),
  get_version_info: () => ok({ app_name: 'NapCat.Onebot', app_version: '4.8.0', protocol_version: 'v11' }),
  get_group_list: () => ok([...groups.values()]),
  get_group_info: ({ group_id }) => (groups.has(Number(group_id)) ? ok(groups.get(Number(group_id))) : fail(1404, 'group not found')),
  send_group_msg: () => ok({ message_id: nextMessageId++ }),
  send_private_msg: () => ok({ message_id: nextMessageId++ }),
  delete_msg: () => ok(),
  set_group_ban: () => ok(),
  set_group_whole_ban: () => ok(),
  get_friend_list: () => ok([]),
  get_group_file_system_info: () => ok({ file_count: 0, limit_count: 10000, used_space: 0, total_space: 10737418240 }),
  get_group_root_files: () => ok({ files: [], folders: [] }),
  get_group_files_by_folder: () => ok({ files: [], folders: [] }),
  get_group_ignore_add_request: () => ok([]),
  nc_get_packet_status: () => ok(),
  nc_get_user_status: ({ user_id }) => ok({ status: 10, ext_status: 0, user_id }),
  get_collection_list: () => ok([]),
  create_collection: () => ok(),
  forward_friend_single_msg: () => ok(),
  forward_group_single_msg: () => ok(),
  'send_msg': ({ message_type, group_id }) => (message_type === 'group' || group_id ? ok({ message_id: nextMessageId++ }) : ok({ message_id: nextMessageId++ })),
  ['get_cookies']: () => ok({ cookies: 'uin=o10001; skey=@abc' }),
  [`get_csrf_token`]: () => ok({ token: 5381 }),
  // milky endpoints the double also understands (already migrated callers)
  send_group_message: () => ok({ message_seq: nextMessageId++, time: Date.now() / 1000 | 0 }),
  get_impl_info: () => ok({ impl_name: 'mock', milky_version: '1.2' }),
};

function dispatch(action, params) {
  switch (action) {
    case '.handle_quick_operation':
    case 'handle_quick_operation':
      return ok();
    case 'get_group_member_list':
      return ok([{ user_id: SELF_ID, role: 'owner' }]);
    case 'get_group_member_info':
      return ok({ user_id: params.user_id, role: 'member', card: '' });
    case "set_group_add_request":
    case "set_friend_add_request":
      return ok();
    case `get_stranger_info`:
      return ok({ user_id: params.user_id, nickname: 'stranger', sex: 'unknown', age: 0 });
    case 'set_group_anonymous_ban':
      return fail(1404, 'set_group_anonymous_ban is not supported');
    default: {
      const h = handlers[action];
      return h ? h(params ?? {}) : fail(1404, `unknown action ${action}`);
    }
  }
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const action = url.pathname.replace(/^\//, '');
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const params = body ? JSON.parse(body) : Object.fromEntries(url.searchParams);
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(dispatch(action, params)));
  });
});

const wss = new WebSocketServer({ server });
wss.on('connection', (ws) => {
  ws.send(JSON.stringify({ time: Date.now() / 1000 | 0, self_id: SELF_ID, post_type: 'meta_event', meta_event_type: 'lifecycle', sub_type: 'connect' }));
  ws.on('message', (raw) => {
    const { action, params, echo } = JSON.parse(String(raw));
    ws.send(JSON.stringify({ ...dispatch(action, params), echo }));
  });
});

export function listen(port = 3000) {
  return new Promise((resolve) => server.listen(port, () => resolve(server)));
}

export const SUPPORTED = Object.keys(handlers).concat(['get_group_member_list', 'get_group_member_info', 'set_group_add_request']);
