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
export { IncrementalTsAnalysis } from './incremental';
export { MAX_NESTING } from './nesting';
// Events and transport (pure facts and fix plans; not yet part of analyze()).
export { eventTable, DISCRIMINATORS } from './catalog/events';
export type { EventTable, EventRow, FieldMove, FieldKind, MissingReason, MessageScene, Discriminator } from './catalog/events';
export { scanEvents, matchRows, tupleOfEventName, SUBSCRIBE_METHODS, EVENT_PREFILTER } from './events/scan';
export type { EventScan, EventLiteral, EventGuard, EventSwitch, GuardTest, EventTuple, CompareOperator, Range as EventRange } from './events/scan';
export { planEventFixes } from './events/fix';
export type { EventFixPlan, EventStep, EventStepCode } from './events/fix';
export { scanTransport, RETCODES } from './transport/scan';
export type { TransportScan, TransportHint, TransportHintCode, CallHelper, HelperCall } from './transport/scan';
export { resultChanges, resultChange } from './catalog/results';
export type { ResultChange, RenamedField } from './catalog/results';
