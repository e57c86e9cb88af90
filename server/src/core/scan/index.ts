import { isJsonLanguage, isPythonLanguage } from '../../shared/languages';
import { scanJson } from './json';
import { scanPython, type PythonParser } from './python';
import type { ScanResult } from './types';
import { scanTypeScript, type TsScanOptions } from './typescript';

export interface ScanOptions {
  /** Report sites even when the file has syntax errors (the editor, while typing). */
  tolerant?: boolean;
  /** Parse even when the prefilter finds no name (to learn whether the text parses). */
  alwaysParse?: boolean;
  /** For Python: a parser other than the one the node layer registered with `setPythonParser`. */
  pythonParser?: PythonParser;
}

/** The scanner of a language: one per language family, chosen here. */
export function scanText(text: string, languageId: string, options: ScanOptions & Pick<TsScanOptions, 'previous'> = {}): ScanResult {
  if (isJsonLanguage(languageId)) return scanJson(text, options);
  if (isPythonLanguage(languageId)) return scanPython(text, options);
  return scanTypeScript(text, languageId, options);
}
