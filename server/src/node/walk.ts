import { readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { languageOfPath } from '../core';
import { globToMatcher } from './glob';

/** Folders skipped below a root (a root given explicitly is always walked). */
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', 'out']);

export interface InputFile {
  /** As reported: the root as given, joined with `/` to the path below it. */
  display: string;
  absolute: string;
  /** Real directory of the root: writes never leave it. */
  rootReal: string;
}

export interface WalkResult {
  files: InputFile[];
  errors: string[];
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export function walk(roots: string[], ignorePatterns: string[]): WalkResult {
  const ignores = ignorePatterns.map(globToMatcher);
  const ignored = (display: string) => {
    const norm = display.replace(/^\.\//, '');
    return ignores.some((re) => re.test(norm) || re.test(display));
  };
  const files: InputFile[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const root of roots) {
    let st;
    try {
      st = statSync(root);
    } catch {
      errors.push(`${root}: no such file or directory`);
      continue;
    }
    const rootAbs = path.resolve(root);
    if (st.isFile()) {
      const real = realpathSync(rootAbs);
      if (!seen.has(real) && !ignored(root)) { seen.add(real); files.push({ display: root, absolute: rootAbs, rootReal: path.dirname(real) }); }
      continue;
    }
    const rootReal = realpathSync(rootAbs);
    const base = root.replace(/[\\/]+$/, '') || '/';
    const stack: { abs: string; display: string }[] = [{ abs: rootAbs, display: base }];
    while (stack.length) {
      const dir = stack.pop()!;
      let entries;
      try {
        entries = readdirSync(dir.abs, { withFileTypes: true });
      } catch (e) {
        errors.push(`${dir.display}: ${(e as Error).message}`);
        continue;
      }
      for (const ent of entries) {
        const abs = path.join(dir.abs, ent.name);
        const display = `${dir.display === '/' ? '' : dir.display}/${ent.name}`;
        let isDir = ent.isDirectory();
        let isFile = ent.isFile();
        if (ent.isSymbolicLink()) {
          // A link is followed only while it stays inside the root.
          let real: string;
          try { real = realpathSync(abs); } catch { continue; }
          if (!isInside(real, rootReal)) continue;
          const lst = statSync(real);
          isDir = lst.isDirectory();
          isFile = lst.isFile();
          if (isDir) continue; // avoid cycles: linked folders are not walked
        }
        if (isDir) {
          if (!SKIPPED_DIRS.has(ent.name) && !ignored(display)) stack.push({ abs, display });
        } else if (isFile && languageOfPath(ent.name) && !ignored(display)) {
          const real = realpathSync(abs);
          if (!seen.has(real)) { seen.add(real); files.push({ display, absolute: abs, rootReal }); }
        }
      }
    }
  }
  files.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  return { files, errors };
}
