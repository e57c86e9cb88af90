/**
 * V8's code cache for the bundled TypeScript parser (dist/typescript.js, 3.5 MB), for Node < 22.1,
 * which has no `module.enableCompileCache()`. Every CLI worker thread loads the parser: compiling it
 * costs each of them ~0.3–0.5 s of CPU, a cached compile a third of that. The cache (V8's
 * `cachedData`, taken after the first batch so that the parser's lazily compiled functions are in
 * it) lives in the OS temp folder; V8 checks it against the source and its own version and flags,
 * and a rejected or unreadable cache is only a slower start, never a different result.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

interface Cached { file: string; cacheFile: string; script?: vm.Script; produce: boolean }
let cached: Cached | undefined;

type Compile = (this: Module, content: string, filename: string) => unknown;

/** From now on, `require(file)` compiles `file` with V8's code cache (once per process or worker). */
export function useCompileCache(file: string): void {
  if (cached || process.env.NAPCAT_MILKY_NO_COMPILE_CACHE) return;
  let cacheFile: string;
  try {
    const st = statSync(file);
    cacheFile = path.join(os.tmpdir(), 'napcat-milky-v8-cache', `${path.basename(file)}-${st.size}-${Math.floor(st.mtimeMs)}-${process.version}-${process.arch}.bin`);
  } catch {
    return;
  }
  const state: Cached = (cached = { file, cacheFile, produce: false });
  const proto = Module.prototype as unknown as { _compile: Compile };
  const original = proto._compile;
  proto._compile = function (this: Module, content: string, filename: string) {
    if (filename !== state.file) return original.call(this, content, filename);
    proto._compile = original;
    let cachedData: Buffer | undefined;
    try { cachedData = readFileSync(state.cacheFile); } catch { cachedData = undefined; }
    const script = new vm.Script(Module.wrap(content), { filename, cachedData });
    state.script = script;
    state.produce = !cachedData || script.cachedDataRejected === true;
    const fn = script.runInThisContext({ displayErrors: true }) as (...a: unknown[]) => unknown;
    return fn.call(this.exports, this.exports, createRequire(filename), this, filename, path.dirname(filename));
  };
}

/** Writes the code cache when this process compiled without a usable one (call after some parsing). */
export function saveCompileCache(): void {
  const c = cached;
  if (!c?.script || !c.produce) return;
  c.produce = false;
  try {
    mkdirSync(path.dirname(c.cacheFile), { recursive: true });
    const tmp = `${c.cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(tmp, c.script.createCachedData());
    renameSync(tmp, c.cacheFile);
  } catch {
    // A cache that cannot be written only means the next run compiles again.
  }
}
