import { A } from '@solidjs/router';
import { For } from 'solid-js';
import type { PendingDocs } from './pending-docs.js';

/**
 * Tells the person that a doc they created offline got a new id because someone else
 * had registered its old one ([OFFL1]); nothing of it went to that other room.
 */
export function MovedDocsNotice(props: { pending: PendingDocs }) {
  return (
    <For each={props.pending.moved()}>
      {(moved) => (
        <div class="notice stack" role="alert" data-testid="moved-doc-notice">
          <p>
            “{moved.title}” was created offline under an id that someone else registered first. Your
            copy was moved to a new doc; nothing of it was shared with them.
          </p>
          <p class="row">
            <A href={`/docs/${moved.to}`}>Open “{moved.title}”</A>
            <button type="button" onClick={() => props.pending.dismissMoved(moved.from)}>
              Dismiss
            </button>
          </p>
        </div>
      )}
    </For>
  );
}
