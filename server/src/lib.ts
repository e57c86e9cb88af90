/** The library bundle (dist/core.js): the pure core and the message catalogs, for tests, the benchmark and other tools. */
export * from './core';
export { catalogs, dictionary } from './l10n';
export { findingMessage, manualStepText } from './l10n/messages';
export { napcatHover, milkyHover, milkyFieldSummary, fileFindingHover } from './l10n/hover';
export { migrationReport, type ReportFile } from './l10n/report';
export { CLIENT_COMMANDS, SERVER_COMMANDS } from './shared/commands';
export { TOOL, VERSION } from './shared/version';
