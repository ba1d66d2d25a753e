/**
 * The rrule package, imported once. It ships CommonJS as `main` and extensionless
 * ESM as `module`: Node (and Vitest) load the CommonJS build, whose exports sit on
 * `default`, while Vite bundles the ESM build with named exports. Reading both
 * shapes here keeps every other file on plain `RRule`.
 */
import * as rruleModule from 'rrule';

// Reflect.get: a plain `.default` makes bundlers warn that the ESM build has none.
const lib = (Reflect.get(rruleModule, 'default') as typeof rruleModule | undefined) ?? rruleModule;

export const RRule = lib.RRule;
export type RRule = rruleModule.RRule;
export type RRuleOptions = rruleModule.Options;
