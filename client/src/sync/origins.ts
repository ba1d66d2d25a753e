/**
 * Transaction origins. Edits made in this tab through the UI use `localOrigin`, so
 * observers can tell them from changes that arrived through a provider.
 */
export const localOrigin: unique symbol = Symbol('local edit');
export type LocalOrigin = typeof localOrigin;
