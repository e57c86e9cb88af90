/**
 * The TypeScript checker on one file alone (no lib, no module resolution: fast), for the fix's last
 * guard: a rename must not add a duplicate identifier, a duplicate property or a conflicting declaration.
 */
import type * as TS from 'typescript';
import { isJsonLanguage } from '../shared/languages';
import { ts } from './scan/typescript';

/** Duplicate identifier, duplicate property, subsequent declarations must match, block-scoped redeclaration, duplicate function/overload. */
export const DUPLICATE_CODES: ReadonlySet<number> = new Set([2300, 1117, 2717, 2451, 2392, 2393, 2323, 2567, 1119]);

function fileNameOf(languageId: string): string {
  return languageId === 'typescriptreact' ? 'file.tsx' : languageId === 'javascriptreact' ? 'file.jsx' : languageId.startsWith('javascript') ? 'file.js' : 'file.ts';
}

/** Start offsets of the duplicate-name diagnostics of one file, by code. */
export function duplicateDiagnostics(text: string, languageId: string): { code: number; start: number }[] {
  if (isJsonLanguage(languageId)) return [];
  const t = ts();
  const name = fileNameOf(languageId);
  const options: TS.CompilerOptions = { noLib: true, noResolve: true, types: [], allowJs: true, checkJs: true, noEmit: true, target: t.ScriptTarget.Latest, skipLibCheck: true };
  const sf = t.createSourceFile(name, text, t.ScriptTarget.Latest, true);
  const host: TS.CompilerHost = {
    getSourceFile: (f) => (f === name ? sf : undefined),
    getDefaultLibFileName: () => 'lib.d.ts',
    writeFile: () => undefined,
    getCurrentDirectory: () => '/',
    getCanonicalFileName: (f) => f,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (f) => f === name,
    readFile: () => undefined,
  };
  const program = t.createProgram([name], options, host);
  return [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]
    .filter((d) => DUPLICATE_CODES.has(d.code) && d.start !== undefined)
    .map((d) => ({ code: d.code, start: d.start! }));
}
