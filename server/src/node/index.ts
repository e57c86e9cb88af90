/** The node layer: file and wasm I/O that the pure core must not do. */
export { ensurePython, loadPythonParser, GRAMMAR_WASM, RUNTIME_WASM } from './python-parser';
