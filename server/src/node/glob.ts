/**
 * --ignore-pattern globs: `*`, `?`, `**`, `{a,b}` (nested too); everything else is literal.
 * Matching is a dynamic program over pattern × path, never a backtracking RegExp, so a
 * pathological pattern cannot take more than O(pattern × path²) steps.
 */

const MAX_EXPANSIONS = 256;

/** Expands `{a,b}` alternatives (nested ones too), at most MAX_EXPANSIONS patterns. */
export function expandBraces(glob: string): string[] {
  const open = glob.indexOf('{');
  if (open < 0) return [glob];
  let depth = 0;
  let close = -1;
  const commas: number[] = [];
  for (let i = open; i < glob.length; i++) {
    const c = glob[i];
    if (c === '{') depth++;
    else if (c === '}') { depth--; if (depth === 0) { close = i; break; } }
    else if (c === ',' && depth === 1) commas.push(i);
  }
  // An unbalanced brace is a literal character.
  if (close < 0) return [glob];
  const parts: string[] = [];
  let from = open + 1;
  for (const c of [...commas, close]) { parts.push(glob.slice(from, c)); from = c + 1; }
  const head = glob.slice(0, open);
  const tails = expandBraces(glob.slice(close + 1));
  const out: string[] = [];
  for (const p of parts) {
    for (const alt of expandBraces(p)) {
      for (const t of tails) {
        out.push(head + alt + t);
        if (out.length >= MAX_EXPANSIONS) return out;
      }
    }
  }
  return out;
}

type Token = { kind: 'lit'; ch: string } | { kind: 'any' } | { kind: 'star' } | { kind: 'globstar' };

function tokenize(p: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*') {
      if (p[i + 1] === '*') {
        while (p[i + 1] === '*') i++;
        // `**/` also matches zero folders.
        if (p[i + 1] === '/') { i++; out.push({ kind: 'globstar' }); } else out.push({ kind: 'globstar' });
      } else if (out[out.length - 1]?.kind !== 'star') out.push({ kind: 'star' });
    } else if (c === '?') out.push({ kind: 'any' });
    else out.push({ kind: 'lit', ch: c });
  }
  return out;
}

/** Which end positions of `s` (from `from`) the tokens can match up to: one DP pass. */
function matchEnds(tokens: Token[], s: string, from: number): boolean[] {
  const n = s.length;
  // reach[j]: tokens[0..i) can match s[from..j)
  let reach = new Array<boolean>(n + 1).fill(false);
  reach[from] = true;
  for (const t of tokens) {
    const next = new Array<boolean>(n + 1).fill(false);
    if (t.kind === 'star' || t.kind === 'globstar') {
      let on = false;
      for (let j = from; j <= n; j++) {
        if (reach[j]) on = true;
        if (on) next[j] = true;
        // `*` stops at a slash; `**` does not.
        if (t.kind === 'star' && j < n && s[j] === '/') on = false;
      }
    } else {
      for (let j = from; j < n; j++) {
        if (!reach[j]) continue;
        if (t.kind === 'any' ? s[j] !== '/' : s[j] === t.ch) next[j + 1] = true;
      }
    }
    reach = next;
  }
  return reach;
}

export interface GlobMatcher {
  test(path: string): boolean;
}

/** A pattern with a slash is anchored at the root; one without matches a name at any depth. A match of a folder covers what is inside it. */
export function globToMatcher(glob: string): GlobMatcher {
  const patterns = expandBraces(glob.replace(/^\.\//, '')).map((p) => ({ anchored: p.includes('/'), tokens: tokenize(p.replace(/\/+$/, '')) }));
  return {
    test(path: string): boolean {
      const s = path.replace(/^\.\//, '');
      for (const p of patterns) {
        const starts = p.anchored ? [0] : [0, ...[...s].flatMap((c, i) => (c === '/' ? [i + 1] : []))];
        for (const from of starts) {
          const ends = matchEnds(p.tokens, s, from);
          for (let j = from; j <= s.length; j++) if (ends[j] && (j === s.length || s[j] === '/')) return true;
        }
      }
      return false;
    },
  };
}
