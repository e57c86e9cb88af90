/**
 * A small glob → RegExp translation for --ignore-pattern: `*`, `**`, `?`, `{a,b}`; everything else
 * is literal. The result has no nested quantifiers, so matching stays linear.
 */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let inBrace = false;
  const g = glob.replace(/^\.\//, '');
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        i++;
        if (g[i + 1] === '/') { i++; re += '(?:[^/]*/)*'; } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') { inBrace = true; re += '(?:'; }
    else if (c === '}' && inBrace) { inBrace = false; re += ')'; }
    else if (c === ',' && inBrace) re += '|';
    else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  if (inBrace) re += ')';
  // A pattern without a slash matches a name at any depth, like .gitignore.
  const anchored = g.includes('/') ? `^${re}(?:/.*)?$` : `(?:^|/)${re}(?:/.*)?$`;
  return new RegExp(anchored);
}
