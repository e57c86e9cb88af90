import { walk } from './walk';

export interface WorkspaceFile {
  absolute: string;
  /** The workspace folder it was found under. */
  root: string;
}

/** Every file of the languages we read below the given folders, walked like the CLI walks (same skips). */
export function workspaceFiles(roots: string[]): WorkspaceFile[] {
  const out: WorkspaceFile[] = [];
  for (const root of roots) for (const f of walk([root], []).files) out.push({ absolute: f.absolute, root });
  return out;
}
