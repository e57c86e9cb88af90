import type { PyNode } from './python';

/** A node's children, none missing (the `children` array when the binding has one: one call into the parser). */
export function pyChildren(n: PyNode): PyNode[] {
  const out: PyNode[] = [];
  if (n.children) { for (const c of n.children) if (c) out.push(c); return out; }
  for (let i = 0; i < n.childCount; i++) { const c = n.child(i); if (c) out.push(c); }
  return out;
}
