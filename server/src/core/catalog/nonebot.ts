/** The NoneBot table's types and lookups: nonebot-adapter-onebot v11 names → nonebot-adapter-milky names. */
import { nonebotData } from './nonebot.generated';

/** Why a v11 name has no one Milky name: several to choose from, a wider Milky class, or none. */
export type NameReason = 'split' | 'wider' | 'no-milky-name';
/** Why a v11 factory has no mechanical Milky call. */
export type FactoryReason = 'needs-lookup' | 'forward' | 'no-milky-factory';
/** How a factory's arguments are rewritten when they are simple enough. */
export type FactoryArgs = 'text' | 'mention' | 'face' | 'uri' | 'light_app';

export interface NoneBotName {
  /** The adapter submodule that defines it (`event`, `permission` …; `utils` has no Milky module). */
  module: string;
  milky: readonly string[];
  reason?: NameReason;
}

export interface NoneBotFactory {
  milky: readonly string[];
  args?: FactoryArgs;
  reason?: FactoryReason;
}

export interface NoneBotTable {
  adapter: { package: string; repository: string; commit: string };
  /** v11 module path → Milky module path. */
  modules: Record<string, string>;
  /** The names `nonebot.adapters.milky` itself exports (the rest live in its submodules). */
  milkyTopLevel: readonly string[];
  names: Record<string, NoneBotName>;
  factories: Record<string, NoneBotFactory>;
  /** nonebot-adapter-milky's Bot methods (named after Milky endpoints). */
  botMethods: readonly string[];
  /** NapCat action → the Milky endpoints it can become that the adapter has as Bot methods. */
  methods: Record<string, readonly string[]>;
}

export const nonebot: NoneBotTable = nonebotData;

/** The v11 package path and the package that replaces it. */
export const V11_MODULE = 'nonebot.adapters.onebot.v11';
export const MILKY_MODULE = nonebot.modules[V11_MODULE];

const own = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

export function nonebotName(name: string): NoneBotName | undefined {
  return own(nonebot.names, name) ? nonebot.names[name] : undefined;
}

export function nonebotFactory(name: string): NoneBotFactory | undefined {
  return own(nonebot.factories, name) ? nonebot.factories[name] : undefined;
}

/** The Milky module path of a v11 module path, when there is one. */
export function milkyModuleOf(v11: string): string | undefined {
  return own(nonebot.modules, v11) ? nonebot.modules[v11] : undefined;
}

/** Is this Milky endpoint a method of nonebot-adapter-milky's Bot? */
export function isMilkyBotMethod(endpoint: string): boolean {
  return nonebot.botMethods.includes(endpoint);
}
