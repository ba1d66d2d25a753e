/**
 * The rrule package, imported once. It ships CommonJS as `main` and extensionless
 * ESM as `module`: Node (and Vitest) load the CommonJS build, whose exports sit on
 * `default`, while Vite bundles the ESM build with named exports. Reading both
 * shapes here keeps every other file on plain `RRule`.
 */
import * as rruleModule from 'rrule';

const lib = (rruleModule as unknown as { default?: typeof rruleModule }).default ?? rruleModule;

export const RRule = lib.RRule;
export type RRule = rruleModule.RRule;
export type RRuleOptions = rruleModule.Options;
