import { onCleanup, onMount } from 'solid-js';
import type * as Y from 'yjs';
import type { RoomHandle } from '../../../sync/doc-registry.js';
import {
  changedSinceLastVersion,
  takeVersion,
  type VersionMeta,
} from '../../../workspace/docs/history-model.js';

/** How often an open, edited doc gets an automatic version. */
const AUTO_VERSION_MS = 5 * 60_000;

/**
 * Automatic versions while a doc is open: every few minutes, only if it changed
 * since the last version, and only by people who may edit it. (Not on closing the
 * doc: writing to the history room while its view is torn down broke reopening it
 * when another person signed in on the same device.)
 */
export function useAutoVersions(options: {
  live: Y.Doc;
  history: RoomHandle;
  readOnly: () => boolean;
  author: () => Omit<VersionMeta, 'id' | 'at' | 'name'>;
}): void {
  const take = () => {
    const { live, history } = options;
    if (options.readOnly() || !history.loaded() || live.share.size === 0) return;
    if (!changedSinceLastVersion(history.doc, live)) return;
    takeVersion(
      history.doc,
      live,
      { id: crypto.randomUUID(), at: Date.now(), name: null, ...options.author() },
      true,
    );
  };
  onMount(() => {
    const timer = setInterval(take, AUTO_VERSION_MS);
    onCleanup(() => clearInterval(timer));
  });
}
