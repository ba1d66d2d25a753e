import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { actionIdOf, type QueueItem } from '../../workspace/approvals/action-queue.js';
import { useApprovals } from '../../workspace/approvals/approvals-context.js';

const describe = (item: QueueItem) =>
  item.kind === 'submit' ? 'New request' : `${item.body.action.kind} on a request`;

/**
 * Actions taken while the relay was away ([APPR51]): "Waiting for the relay" until it
 * answers; a refusal stays with the relay's message until dismissed. `requestId`
 * narrows the list to one request (its detail page).
 */
export function QueuedList(props: { requestId?: string }) {
  const approvals = useApprovals();
  const items = () =>
    approvals
      .queue()
      .filter(
        (i) =>
          props.requestId === undefined || (i.kind === 'act' && i.requestId === props.requestId),
      );
  return (
    <Show when={items().length > 0}>
      <section class="card stack appr-queue" aria-label="Waiting for the relay">
        <ul class="item-list">
          <For each={items()}>
            {(item) => (
              <li class="item">
                <Show
                  when={item.refusal}
                  fallback={
                    <p role="status">
                      <span class="badge badge-warn">Waiting for the relay</span> {describe(item)},
                      queued {new Date(item.queuedAt).toLocaleTimeString()}. It is sent when the
                      connection returns.
                    </p>
                  }
                >
                  {(refusal) => (
                    <div class="stack">
                      <p class="form-error" role="alert">
                        The relay refused: {refusal().message}
                      </p>
                      <div class="row">
                        <Show when={item.kind === 'act' && props.requestId === undefined}>
                          <A
                            class="button button-small"
                            href={`/approvals/${encodeURIComponent(item.kind === 'act' ? item.requestId : '')}`}
                          >
                            Open the request
                          </A>
                        </Show>
                        <button
                          type="button"
                          class="button button-small"
                          onClick={() => approvals.dismiss(actionIdOf(item))}
                        >
                          Dismiss
                        </button>
                      </div>
                    </div>
                  )}
                </Show>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
