import { createSignal } from 'solid-js';

export interface TrashedDoc {
  id: string;
  title: string;
}

/**
 * The doc just moved to the trash, for the "Undo" notice. Module state like the
 * imports map in docs-context: trashing navigates from the doc to the list, which
 * mounts a new DocsProvider, and the notice must survive that.
 */
const [trashed, setTrashed] = createSignal<TrashedDoc | null>(null);

export { setTrashed, trashed };
