import { createSignal, For, Show } from 'solid-js';
import type { OrgImportResult } from '../../../../shared/api/org.js';
import { useApi } from '../../auth/session-context.js';
import { FormError } from '../../ui/FormError.js';
import { useAction } from '../../ui/use-action.js';

/**
 * CSV import: paste or pick a file, check it (a dry run that lists every bad line),
 * then import it; the relay applies a file whole or not at all [ORG10].
 */
export function OrgImport(props: { onImported: () => void }) {
  const api = useApi();
  const [csv, setCsv] = createSignal('');
  const [checked, setChecked] = createSignal<OrgImportResult | null>(null);
  const check = useAction(async () => {
    setChecked(await api.org.importCsv(csv(), true));
  });
  const apply = useAction(async () => {
    setChecked(await api.org.importCsv(csv(), false));
    props.onImported();
  });
  const edit = (text: string) => {
    setCsv(text);
    setChecked(null);
  };
  return (
    <details class="org-import">
      <summary>Import from CSV</summary>
      <div class="stack">
        <p class="muted small">
          One line per person and department: <code>email,department,manager,head</code>, e.g.{' '}
          <code>ann@acme.test,Company/Finance,bob@acme.test,yes</code>.
        </p>
        <input
          type="file"
          accept=".csv,text/csv"
          aria-label="CSV file"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (file) void file.text().then(edit);
          }}
        />
        <textarea
          class="input"
          rows={5}
          aria-label="CSV text"
          value={csv()}
          onInput={(event) => edit(event.currentTarget.value)}
        />
        <FormError message={check.error() ?? apply.error()} />
        <div class="row">
          <button
            type="button"
            class="button"
            disabled={!csv() || check.busy()}
            onClick={() => check.run()}
          >
            Check
          </button>
          <button
            type="button"
            class="button"
            disabled={
              !checked() || checked()!.applied || checked()!.errors.length > 0 || apply.busy()
            }
            onClick={() => apply.run()}
          >
            Import
          </button>
        </div>
        <Show when={checked()}>
          {(result) => (
            <div class="stack" role="status">
              <p>
                {result().applied ? 'Imported: ' : 'The file would set '}
                {result().summary.people} people from {result().summary.rows} lines
                {result().summary.departmentsCreated.length > 0
                  ? `, creating ${result().summary.departmentsCreated.join(', ')}`
                  : ''}
                .
              </p>
              <Show when={result().errors.length > 0}>
                <p class="form-error">Nothing will be imported until these lines are fixed:</p>
                <ul class="org-import-errors" aria-label="Import errors">
                  <For each={result().errors}>
                    {(error) => (
                      <li>
                        Line {error.line}: {error.reason}
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </div>
          )}
        </Show>
      </div>
    </details>
  );
}
