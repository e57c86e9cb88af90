import { isJsonLanguage, isPythonLanguage } from '../../shared/languages';
import { scanJson } from './json';
import { scanPython, type PythonParser } from './python';
import { scanTypeScript, type TsScan, type TsScanOptions } from './typescript';

export interface ScanOptions {
  /** Report sites even when the file has syntax errors (the editor, while typing). */
  tolerant?: boolean;
  /** Parse even when the prefilter finds no name (to learn whether the text parses). */
  alwaysParse?: boolean;
  /** For Python: a parser other than the one the node layer registered with `setPythonParser`. */
  pythonParser?: PythonParser;
}

/** What is reported, beyond what the scanners find. */
export interface ReportOptions {
  /** Also report definitions of API surface (class members, merged methods, registrations): off by default. */
  reportDefinitions?: boolean;
}

/** The scanner of a language: one per language family, chosen here. */
export function scanText(text: string, languageId: string, options: ScanOptions & Pick<TsScanOptions, 'previous'> = {}): TsScan {
  if (isJsonLanguage(languageId)) return scanJson(text, options);
  if (isPythonLanguage(languageId)) return scanPython(text, options);
  return scanTypeScript(text, languageId, options);
}
