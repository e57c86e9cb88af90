import { readFileSync, statSync } from 'node:fs';
import { stripBom } from '../core';

export interface SourceText {
  text: string;
  bom: boolean;
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Reads a source file as UTF-8; binary or non-UTF-8 content is a reason to skip, not an error. */
export function readSource(file: string): SourceText | { skipped: string } {
  const buf = readFileSync(file);
  if (buf.includes(0)) return { skipped: 'binary file (NUL bytes)' };
  let text: string;
  try {
    text = decoder.decode(buf);
  } catch {
    return { skipped: 'not valid UTF-8' };
  }
  return stripBom(text);
}

/** Reads a file only when it is at most `maxBytes` long: larger ones are skipped with the reason. */
export function readSourceUpTo(file: string, maxBytes: number): SourceText | { skipped: string } {
  const size = statSync(file).size;
  if (size > maxBytes) return { skipped: `larger than ${maxBytes} bytes` };
  return readSource(file);
}
