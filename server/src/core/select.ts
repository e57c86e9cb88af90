import type { Kind } from './catalog';
import type { Literal, ObjectInfo, Site } from './scan/types';

/** The Milky target a call site's own params pick among several, and what picked it. */
export interface Decision {
  target: string;
  by: string;
}

function prop(obj: ObjectInfo | undefined, key: string) {
  return obj?.props.find((p) => p.key === key);
}

function literalString(l: Literal | undefined): string | undefined {
  return l?.kind === 'string' ? l.value : undefined;
}

/** `true`/`false` or `'true'`/`'false'` as written; anything else is not decided statically. */
function literalBool(l: Literal | undefined): boolean | undefined {
  if (l?.kind === 'boolean') return l.value;
  if (l?.kind === 'string' && (l.value === 'true' || l.value === 'false')) return l.value === 'true';
  return undefined;
}

function isEmptyLiteral(l: Literal | undefined): boolean {
  return !!l && (l.kind === 'null' || (l.kind === 'string' && l.value === ''));
}

/** The selectors of mapping.json, applied to what the call site shows. Never guesses. */
export function choosePreferred(napcat: string, kind: Kind, site: Site): Decision | undefined {
  if (kind === 'mapped' || kind === 'same-name') return undefined;
  const obj = site.params;
  switch (napcat) {
    case 'delete_msg': {
      const type = literalString(prop(obj, 'message_type')?.value);
      if (type === 'group') return { target: 'recall_group_message', by: "message_type: 'group'" };
      if (type === 'private') return { target: 'recall_private_message', by: "message_type: 'private'" };
      if (prop(obj, 'group_id')) return { target: 'recall_group_message', by: 'group_id' };
      if (prop(obj, 'user_id')) return { target: 'recall_private_message', by: 'user_id' };
      return undefined;
    }
    case 'send_poke': {
      const g = prop(obj, 'group_id');
      if (g && !isEmptyLiteral(g.value)) return { target: 'send_group_nudge', by: 'group_id' };
      if (obj && !obj.open && !g) return { target: 'send_friend_nudge', by: 'no group_id' };
      return undefined;
    }
    case 'set_friend_add_request': {
      const approve = literalBool(prop(obj, 'approve')?.value);
      if (approve === undefined) return undefined;
      return approve ? { target: 'accept_friend_request', by: 'approve: true' } : { target: 'reject_friend_request', by: 'approve: false' };
    }
    case 'set_group_add_request': {
      const approve = literalBool(prop(obj, 'approve')?.value);
      if (approve === undefined) return undefined;
      const subType = prop(obj, 'sub_type');
      // A sub_type known only at run time leaves request vs invitation open.
      if (subType && literalString(subType.value) === undefined) return undefined;
      const invite = literalString(subType?.value) === 'invite';
      const target = `${approve ? 'accept' : 'reject'}_group_${invite ? 'invitation' : 'request'}`;
      return { target, by: `approve: ${approve}${invite ? ", sub_type: 'invite'" : ''}` };
    }
    case 'send_msg': {
      const type = literalString(prop(obj, 'message_type')?.value);
      if (type === 'group') return { target: 'send_group_message', by: "message_type: 'group'" };
      if (type === 'private') return { target: 'send_private_message', by: "message_type: 'private'" };
      if (prop(obj, 'message_type')) return undefined;
      if (prop(obj, 'group_id')) return { target: 'send_group_message', by: 'group_id' };
      if (obj && !obj.open && prop(obj, 'user_id')) return { target: 'send_private_message', by: 'user_id' };
      return undefined;
    }
  }
  return undefined;
}
