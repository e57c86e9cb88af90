/**
 * The deepest bracket nesting of a text, skipping strings and comments roughly. The parsers
 * recurse per level and a cold (unoptimized) parse overflows the stack near 700 levels; above
 * MAX_NESTING the file is skipped the same way on every thread and JIT state.
 */
export const MAX_NESTING = 400;

export function exceedsNesting(text: string, max = MAX_NESTING): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) { if (++depth > max) return true; }
    else if (c === 41 || c === 93 || c === 125) { if (depth > 0) depth--; }
    else if (c === 34 || c === 39 || c === 96) {
      // Skip a string (a template's substitutions are counted as text: good enough for a bound).
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) i++;
        else if (d === c || (d === 10 && c !== 96)) break;
      }
    } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      while (i < text.length && text.charCodeAt(i) !== 10) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    }
  }
  return false;
}
