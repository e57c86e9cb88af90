/**
 * Node-only I/O for the Python scanner: loads web-tree-sitter and the tree-sitter-python grammar
 * from the wasm files that the build copies next to the bundle (dist/), once and lazily, and hands
 * the initialised parser to the core. Nothing here runs until a Python file is analyzed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setPythonParser, type PythonParser, type PyTree } from '../core/scan/python';

export const RUNTIME_WASM = 'web-tree-sitter.wasm';
export const GRAMMAR_WASM = 'tree-sitter-python.wasm';

let loading: Promise<PythonParser> | undefined;

/** The folder that holds the wasm files: the bundle's own folder (dist/, or the extension's dist/). */
function defaultDir(): string {
  return __dirname;
}

/**
 * Loads and initialises the parser (once per process or worker; later calls share the promise).
 * `dir` overrides where the two wasm files are read from.
 */
export function loadPythonParser(dir = defaultDir()): Promise<PythonParser> {
  return (loading ??= (async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ts = require('web-tree-sitter') as typeof import('web-tree-sitter');
    const runtime = readFileSync(path.join(dir, RUNTIME_WASM));
    // The wasm bytes are handed over directly: no fetch, no URL resolution inside emscripten.
    await ts.Parser.init({ wasmBinary: runtime, locateFile: (name: string) => path.join(dir, name) } as object);
    const language = await ts.Language.load(readFileSync(path.join(dir, GRAMMAR_WASM)));
    const parser = new ts.Parser();
    parser.setLanguage(language);
    const wrapped: PythonParser = {
      indexUnit: 'utf16',
      parse: (text, oldTree) => parser.parse(text, (oldTree ?? null) as import('web-tree-sitter').Tree | null) as unknown as PyTree | null,
    };
    return wrapped;
  })().catch((e: unknown) => {
    loading = undefined;
    throw e;
  }));
}

/**
 * Makes sure the core has a Python parser before Python files are analyzed. A failure is
 * remembered by the core, which then skips Python files with the reason; it never throws.
 */
export async function ensurePython(dir?: string): Promise<boolean> {
  try {
    setPythonParser(await loadPythonParser(dir));
    return true;
  } catch (e) {
    setPythonParser(undefined, `the Python parser could not be loaded: ${(e as Error)?.message ?? String(e)}`);
    return false;
  }
}
