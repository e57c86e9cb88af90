/** The pure core: catalog → scan → analyze → fix → docs. No editor, no file system. */
export * from './analyze';
export * from './fix';
export * from './edits';
export * from './messages';
export * from './text';
export * from './directives';
export { catalog, napcatEntry, milkyEntry, napcatNames, milkyNames, resolveNapcat, toCamel, anyNamePattern } from './catalog';
export type { Kind, NapcatEntry, MilkyEntry } from './catalog';
export type { ManualStep } from './params';
export * from './severity';
export * from './docs';
export * from './report';
export { scanTypeScript, parseTypeScript } from './scan/typescript';
export type { Site, ObjectInfo, CallSite } from './scan/types';
export { scanPython, setPythonParser, pythonParser, pythonEditOf, utf8ToUtf16 } from './scan/python';
export type { PythonParser, PyTree, PyNode, PyEdit, PyPoint, PyScan, PyScanOptions } from './scan/python';
export { IncrementalTsAnalysis } from './incremental';
export { MAX_NESTING } from './nesting';
