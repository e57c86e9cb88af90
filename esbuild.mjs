// One build script: the CLI, the language server and the VS Code client → dist/.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// The version is package.json's, read once here.
const version = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')).version;
const entries = [
  { in: 'server/src/cli.ts', out: 'cli', banner: '#!/usr/bin/env node' },
  { in: 'server/src/server.ts', out: 'server' },
  // The pure core as a library: what the tests and the benchmark import.
  { in: 'server/src/lib.ts', out: 'core' },
  // `napcat-milky mock` as a library: what test/mock imports.
  { in: 'server/src/mock/index.ts', out: 'mock' },
  // Node-only loaders (the Python parser's wasm): what the tests use to hand a parser to the core.
  { in: 'server/src/node/index.ts', out: 'node' },
  { in: 'client/src/extension.ts', out: 'extension' },
].filter((e) => existsSync(e.in));

// The TypeScript parser is its own file, required on first use: the server answers `initialize`
// without loading it, and the bundles stay small.
const typescriptExternal = {
  name: 'typescript-external',
  setup(build) {
    build.onResolve({ filter: /^typescript$/ }, () => ({ path: './typescript.js', external: true }));
  },
};

const parserBuild = esbuild.context({
  entryPoints: { typescript: 'typescript' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outdir: 'dist',
  // Always minified: a smaller script compiles faster in every process and worker that loads it.
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});

const contexts = await Promise.all([parserBuild, ...entries.map((e) => esbuild.context({
  entryPoints: { [e.out]: e.in },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outdir: 'dist',
  // ws falls back to plain JS without its optional native add-ons.
  external: ['vscode', 'bufferutil', 'utf-8-validate'],
  mainFields: ['module', 'main'],
  sourcemap: production ? false : 'linked',
  minify: production,
  legalComments: 'none',
  logLevel: 'warning',
  banner: e.banner ? { js: e.banner } : undefined,
  plugins: [typescriptExternal],
  define: { NAPCAT_MILKY_VERSION: JSON.stringify(version) },
}))]);
// The Python parser's wasm files come from the pinned npm packages at build time (never committed).
const require = createRequire(import.meta.url);
const WASM = [
  ['web-tree-sitter/web-tree-sitter.wasm', 'web-tree-sitter.wasm'],
  [path.join(path.dirname(require.resolve('tree-sitter-python/package.json')), 'tree-sitter-python.wasm'), 'tree-sitter-python.wasm'],
];
mkdirSync('dist', { recursive: true });
for (const [from, to] of WASM) copyFileSync(require.resolve(from), path.join('dist', to));

if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
