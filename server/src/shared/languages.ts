/** The languages napcat-milky reads, once for the client, the server and the CLI. */
export const LANGUAGE_IDS = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'json', 'jsonc', 'python'] as const;
export type LanguageId = (typeof LANGUAGE_IDS)[number];

const EXT_LANGUAGE: Record<string, LanguageId> = {
  '.ts': 'typescript', '.mts': 'typescript', '.cts': 'typescript', '.tsx': 'typescriptreact',
  '.js': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript', '.jsx': 'javascriptreact',
  '.json': 'json', '.jsonc': 'jsonc',
  '.py': 'python', '.pyi': 'python',
};

export function isLanguageId(id: string): id is LanguageId {
  return (LANGUAGE_IDS as readonly string[]).includes(id);
}

export function languageOfPath(path: string): LanguageId | undefined {
  const m = /\.[^./\\]+$/.exec(path);
  return m ? EXT_LANGUAGE[m[0].toLowerCase()] : undefined;
}

export function isJsonLanguage(id: string): boolean {
  return id === 'json' || id === 'jsonc';
}

/** Strict JSON has no comments: no ignore directives there. */
export function allowsComments(id: string): boolean {
  return id !== 'json';
}

export function isPythonLanguage(id: string): boolean {
  return id === 'python';
}

/** How a line comment starts (for inserted directives). */
export function lineCommentOf(id: string): string {
  return isPythonLanguage(id) ? '#' : '//';
}
