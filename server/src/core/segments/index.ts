/** Message migration building blocks: CQ strings and OneBot segments → Milky 1.2 segments. */
export * from './table';
export * from './cq';
export * from './values';
export * from './fields';
export * from './convert';
export * from './sources';
export * from './message';
export * from './render';
export * from './renderPy';
export * from './helper';
