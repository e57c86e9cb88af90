import React, { useState } from 'react';
import { api } from './api';

type Option = { name: string; value: string; danger?: boolean };

const ACTION_OPTIONS: Option[] = [
  { name: '点赞', value: 'send_like' },
  { name: '戳一戳', value: 'send_poke' },
  { name: '禁言', value: 'set_group_ban', danger: true },
  { name: '踢出', value: 'set_group_kick', danger: true },
  { name: '撤回', value: 'delete_msg', danger: true },
  { name: 'Milky 撤回', value: 'recall_group_message', danger: true },
];

export function ActionButton({ action, label }: { action: string; label: string }) {
  return (
    <button className="btn" data-action={action} onClick={() => api.call(action, {})}>
      {label}
    </button>
  );
}

export function AdminPanel({ groupId }: { groupId: number }) {
  const [selected, setSelected] = useState<string>('send_like');
  const [log, setLog] = useState<string[]>([]);

  async function run() {
    const res = await api.call(selected, { group_id: groupId });
    setLog((l) => [...l, `${selected}: ${res.status}`]);
  }

  return (
    <div className="admin-panel">
      <h2>群管理 · get_group_info</h2>
      <p>Use send_like to like a profile, or set_group_ban to mute someone. 🔇</p>
      <select value={selected} onChange={(e) => setSelected(e.target.value)}>
        {ACTION_OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.name} ({o.value})
          </option>
        ))}
      </select>
      <button onClick={run}>delete_msg</button>
      <button>send_like</button>
      <ActionButton action="get_group_info" label="刷新群信息" />
      <ActionButton action={'get_group_member_list'} label="成员列表" />
      <ActionButton action="recall_group_message" label="撤回 (Milky)" />
      <a href="/docs/actions/get_status.html">get_status 文档</a>
      <ul>
        {log.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
      <footer>
        Powered by NapCat — clean_cache · get_version_info
      </footer>
    </div>
  );
}

export function useGroupInfo(groupId: number) {
  const [info, setInfo] = useState<{ group_name: string } | null>(null);
  React.useEffect(() => {
    void api.call('get_group_info', { group_id: groupId }).then((r) => setInfo(r.data));
  }, [groupId]);
  return info;
}
