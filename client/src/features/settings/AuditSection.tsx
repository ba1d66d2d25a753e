import { createResource, For, Show } from 'solid-js';
import type { AuditEntry } from '../../../../shared/api/schemas.js';
import { useApi } from '../../auth/session-context.js';
import { FormError } from '../../ui/FormError.js';
import { resourceError, resourceValue } from '../../ui/resource-value.js';

/** Who changed what, newest first (admins only). */
export function AuditSection() {
  const api = useApi();
  const [entries, { refetch }] = createResource(() => api.audit());

  return (
    <section class="card stack" aria-labelledby="audit-title">
      <div class="row row-between">
        <h2 id="audit-title">Audit log</h2>
        <button type="button" class="button button-small" onClick={() => void refetch()}>
          Reload
        </button>
      </div>
      <FormError message={resourceError(entries)} />
      <Show
        when={(resourceValue(entries) ?? []).length > 0}
        fallback={<p class="muted">Nothing logged yet.</p>}
      >
        <ol class="item-list" aria-label="Audit log entries">
          <For each={resourceValue(entries) ?? []}>{(entry) => <AuditRow entry={entry} />}</For>
        </ol>
      </Show>
    </section>
  );
}

function AuditRow(props: { entry: AuditEntry }) {
  const details = () => {
    const pairs = Object.entries(props.entry.details);
    return pairs.length === 0
      ? ''
      : pairs.map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join(' · ');
  };
  return (
    <li class="item">
      <p>
        <span class="item-title">{props.entry.action}</span>{' '}
        <span class="muted small">
          by {props.entry.actorName ?? 'the relay'} ·{' '}
          <time datetime={new Date(props.entry.at).toISOString()}>
            {new Date(props.entry.at).toLocaleString()}
          </time>
        </span>
      </p>
      <Show when={props.entry.target}>{(target) => <p class="small">Target: {target()}</p>}</Show>
      <Show when={details()}>
        <p class="audit-details">{details()}</p>
      </Show>
    </li>
  );
}
