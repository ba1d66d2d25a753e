import { createSignal, Show } from 'solid-js';
import { FormError } from '../../ui/FormError.js';
import { downloadExport, type ExportProgress } from './export-download.js';

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/** Leaving with everything: the whole workspace (admins) or what I can read, as a ZIP. */
export function ExportSection(props: { isAdmin: boolean }) {
  const [progress, setProgress] = createSignal<ExportProgress>({ kind: 'idle' });
  const running = () => progress().kind === 'running';
  const runningState = () => {
    const p = progress();
    // The finished bar stays, so the last count is there to read.
    return p.kind === 'running' || p.kind === 'saved' ? p : null;
  };
  const savedState = () => {
    const p = progress();
    return p.kind === 'saved' ? p : null;
  };
  const errorState = () => {
    const p = progress();
    return p.kind === 'error' ? p.message : null;
  };
  const start = (path: '/api/admin/export' | '/api/export') =>
    void downloadExport(path, setProgress);

  return (
    <section class="card stack" aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <p class="muted">
        A ZIP you can open without this app: docs as Markdown with their images, chat as JSON and
        web pages with attachments, tasks as CSV and JSON, people, groups and rooms with their
        access rules.
      </p>
      <div class="row">
        <Show when={props.isAdmin}>
          <button
            type="button"
            class="button"
            disabled={running()}
            onClick={() => start('/api/admin/export')}
          >
            Export the whole workspace
          </button>
        </Show>
        <button
          type="button"
          class="button"
          disabled={running()}
          onClick={() => start('/api/export')}
        >
          Export what I can read
        </button>
      </div>
      <Show when={runningState()}>
        {(run) => (
          <div class="stack">
            <progress
              aria-label="Export progress"
              max={Math.max(1, run().rooms)}
              value={run().done}
            />
            <p class="small muted" role="status">
              {run().done} of {run().rooms} rooms · {megabytes(run().bytes)}
            </p>
          </div>
        )}
      </Show>
      <Show when={savedState()}>
        {(saved) => (
          <p class="small" role="status">
            Saved {saved().name} ({megabytes(saved().bytes)}).
          </p>
        )}
      </Show>
      <FormError message={errorState() && `The export failed: ${errorState()}`} />
    </section>
  );
}
