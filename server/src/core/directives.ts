/** Inline directives: `// napcat-milky-disable` at the top of a file, `// napcat-milky-ignore-next-line` (`#` in Python). */

export const IGNORE_NEXT_LINE = 'napcat-milky-ignore-next-line';
export const DISABLE_FILE = 'napcat-milky-disable';
/** `// napcat-milky-protocol: milky` says what a file speaks when the guess would be wrong. */
export const PROTOCOL_DIRECTIVE = 'napcat-milky-protocol';

const leadingComments = /^(?:#![^\r\n]*(?:\r\n|\r|\n))?(?:\s*(?:\/\/[^\r\n]*|\/\*[\s\S]*?\*\/|#[^\r\n]*))*/;
const ignoreNextLine = new RegExp(`(?:\\/\\/|\\/\\*|#)\\s*${IGNORE_NEXT_LINE}\\b`);
const disableFile = new RegExp(`${DISABLE_FILE}(?![\\w-])`);

export function isFileDisabled(text: string): boolean {
  const head = leadingComments.exec(text.slice(0, 4096));
  return !!head && disableFile.test(head[0]);
}

/** 0-based line numbers whose findings are ignored (the line after each directive). */
export function ignoredLines(text: string, starts: number[]): Set<number> {
  const out = new Set<number>();
  if (!text.includes(IGNORE_NEXT_LINE)) return out;
  for (let i = 0; i < starts.length; i++) {
    const line = text.slice(starts[i], i + 1 < starts.length ? starts[i + 1] : text.length);
    if (line.includes(IGNORE_NEXT_LINE) && ignoreNextLine.test(line)) out.add(i + 1);
  }
  return out;
}
