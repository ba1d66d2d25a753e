/**
 * Transaction origins: the one convention for saying who changed a Y.Doc.
 *
 * - Every change made in this tab runs in one `doc.transact(fn, origin)` (or
 *   `Y.applyUpdate(doc, update, origin)`) with an origin from `origins`, named after
 *   what made it. Model functions take the origin as a parameter whose default is
 *   their own kind's (tasks take `ctx.origin`; `writeDocJson` defaults to `import`),
 *   so a caller can say more precisely. Never `null`: an untagged transaction cannot
 *   be told from a forgotten one (lint refuses `transact` without an origin).
 * - Changes from elsewhere are applied by their provider with the provider itself as
 *   the origin (y-websocket's WebsocketProvider, y-indexeddb's IndexeddbPersistence).
 *   room-sync.ts sends every other transaction to the relay, so providers never echo
 *   each other's writes, whatever local origin a change carries.
 * - The doc editor's own edits carry y-tiptap's ySyncPluginKey, set by y-tiptap: its
 *   undo manager tracks that origin only, so undo never reverts a restore or import.
 */
export const origins = {
  /** A person typing or choosing in a form, board or textarea of this tab. */
  edit: Symbol('edit'),
  /** Chat messages, reactions, topics, read pointers and DINGs. */
  chat: Symbol('chat'),
  /** Doc comments and their replies. */
  comment: Symbol('comment'),
  /** Versions taken, and a version restored into the doc. */
  history: Symbol('history'),
  /** A whole body written at once (Markdown imported into a new doc). */
  import: Symbol('import'),
  /** A doc created offline, copied to the id the relay gave it (move-local-doc.ts). */
  move: Symbol('move'),
} as const;

/** One of the origins above. */
export type LocalOrigin = (typeof origins)[keyof typeof origins];
