import { createResource, createSignal, For, Show } from 'solid-js';
import type { CycleTimes } from '../../../../shared/api/approval-records.js';
import { useApi } from '../../auth/session-context.js';
import { FormError } from '../../ui/FormError.js';
import { useAction } from '../../ui/use-action.js';
import { downloadFile } from './download-file.js';

/**
 * Records on the Approvals page ([APPR69]): "Export CSV" of the person's requests
 * ([APPR64]); for admins the ZIP with a proof bundle per request ([APPR68]) and the
 * cycle times of each template, never of a person ([APPR66]).
 */
export function RecordsPanel(props: { isAdmin: boolean }) {
  const [saved, setSaved] = createSignal<string | null>(null);
  const save = useAction(async (path: string, name: string) => {
    setSaved(null);
    setSaved(await downloadFile(path, name));
  });
  return (
    <section class="card stack" aria-labelledby="appr-records-title">
      <h2 id="appr-records-title">Records</h2>
      <p class="muted small">
        {props.isAdmin
          ? 'Every request as a spreadsheet; the ZIP adds each request’s signed proof.'
          : 'The requests you submitted or decided, as a spreadsheet.'}
      </p>
      <div class="row">
        <button
          type="button"
          class="button"
          disabled={save.busy()}
          onClick={() => save.run('/api/approvals/export.csv', 'approvals.csv')}
        >
          Export CSV
        </button>
        <Show when={props.isAdmin}>
          <button
            type="button"
            class="button"
            disabled={save.busy()}
            onClick={() => save.run('/api/approvals/export.zip', 'approvals.zip')}
          >
            Export with proofs (ZIP)
          </button>
        </Show>
      </div>
      <Show when={saved()}>{(name) => <p role="status">Saved {name()}.</p>}</Show>
      <FormError message={save.error()} />
      <Show when={props.isAdmin}>
        <CycleTimesTable />
      </Show>
    </section>
  );
}

/** Asked for only when opened: the relay reads every request's log to answer. */
function CycleTimesTable() {
  const api = useApi();
  const [open, setOpen] = createSignal(false);
  const [figures] = createResource(open, () => api.approvals.cycleTimes());
  return (
    <details class="stack appr-more" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary id="appr-cycle-title">Time to decision per template</summary>
      <Show
        when={figures()}
        fallback={
          <p class="muted small">
            {figures.error ? 'Figures could not be loaded.' : 'Loading figures…'}
          </p>
        }
      >
        {(list) => (
          <Show
            when={list().templates.length > 0}
            fallback={<p class="muted small">No requests yet.</p>}
          >
            <div class="appr-table-scroll">
              <table class="appr-table-view appr-cycle" aria-labelledby="appr-cycle-title">
                <thead>
                  <tr>
                    <th scope="col">Template</th>
                    <th scope="col">Requests</th>
                    <th scope="col">Open</th>
                    <th scope="col">Approved</th>
                    <th scope="col">Rejected</th>
                    <th scope="col">Withdrawn</th>
                    <th scope="col">Median</th>
                    <th scope="col">90th percentile</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={list().templates}>{(t) => <CycleRow figures={t} />}</For>
                </tbody>
              </table>
            </div>
          </Show>
        )}
      </Show>
    </details>
  );
}

function CycleRow(props: { figures: CycleTimes }) {
  const closed = () => props.figures.approved + props.figures.rejected + props.figures.withdrawn;
  const share = (n: number) => (closed() === 0 ? '—' : `${Math.round((100 * n) / closed())} %`);
  return (
    <tr>
      <th scope="row">{props.figures.templateName}</th>
      <td>{props.figures.requests}</td>
      <td>{props.figures.open}</td>
      <td>{share(props.figures.approved)}</td>
      <td>{share(props.figures.rejected)}</td>
      <td>{share(props.figures.withdrawn)}</td>
      <td>{duration(props.figures.medianMs)}</td>
      <td>{duration(props.figures.p90Ms)}</td>
    </tr>
  );
}

/** "45 min", "3 h 20 min", "2 d 4 h": enough to compare templates at a glance. */
export function duration(ms: number | null): string {
  if (ms === null) return '—';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return '< 1 min';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}
