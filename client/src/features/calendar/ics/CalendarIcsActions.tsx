import { createSignal, For, Show } from 'solid-js';
import type * as Y from 'yjs';
import { useSession } from '../../../auth/session-context.js';
import { origins } from '../../../sync/origins.js';
import { FormError } from '../../../ui/FormError.js';
import { exportIcs, readCalendar, viewerZone } from '../../../workspace/calendar/index.js';
import { usePeople } from '../../../workspace/workspace-context.js';
import { downloadFile, fileNameOf } from './download-file.js';
import { importIntoCalendar, type ImportResult } from './import-into-calendar.js';
import { SubscribeDialog } from './SubscribeDialog.js';
import './ics.css';

/** Larger files are refused before they are read: a calendar this big is a mistake. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

function summary(result: ImportResult): string {
  const parts = [`Imported ${result.added} event${result.added === 1 ? '' : 's'}`];
  if (result.already > 0)
    parts.push(`${result.already} already in this calendar, left as they are`);
  if (result.errors.length > 0) parts.push(`${result.errors.length} could not be read`);
  return `${parts.join('; ')}.`;
}

/** Import .ics, Export .ics and Subscribe, for a calendar's header [CAL66]. */
export function CalendarIcsActions(props: {
  calendarId: string;
  title: string;
  doc: Y.Doc;
  readOnly: boolean;
}) {
  const session = useSession();
  const people = usePeople();
  const [result, setResult] = createSignal<ImportResult | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [subscribing, setSubscribing] = createSignal(false);
  let input!: HTMLInputElement;

  const importFile = async (file: File) => {
    setResult(null);
    setError(null);
    if (file.size > MAX_FILE_BYTES) {
      setError(`${file.name} is larger than 5 MB; nothing was imported.`);
      return;
    }
    const me = session.me()?.user.id;
    if (!me) return;
    const byEmail = new Map(people.active().map((p) => [p.email.toLowerCase(), p.id]));
    setResult(
      importIntoCalendar(props.doc, await file.text(), {
        me,
        zone: viewerZone(),
        personByEmail: (email) => byEmail.get(email),
        origin: origins.import,
      }),
    );
  };

  const exportFile = () => {
    const emails = new Map(people.all().map((p) => [p.id, p.email]));
    const file = exportIcs(readCalendar(props.doc).events, {
      emailOf: (id) => emails.get(id),
      now: Date.now(),
      name: props.title,
    });
    downloadFile(fileNameOf(props.title, 'ics'), 'text/calendar', file);
  };

  return (
    <div class="stack calendar-ics">
      <div class="row" role="group" aria-label="Import and export">
        <Show when={!props.readOnly}>
          <input
            ref={input}
            type="file"
            accept=".ics,text/calendar"
            class="calendar-ics-file"
            aria-label="iCalendar file to import"
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              event.currentTarget.value = '';
              if (file) void importFile(file);
            }}
          />
          <button type="button" class="button button-small" onClick={() => input.click()}>
            Import .ics
          </button>
        </Show>
        <button type="button" class="button button-small" onClick={exportFile}>
          Export .ics
        </button>
        <button type="button" class="button button-small" onClick={() => setSubscribing(true)}>
          Subscribe…
        </button>
      </div>
      <FormError message={error()} />
      <Show when={result()}>
        {(done) => (
          <div class="notice small" role="status">
            <p>{summary(done())}</p>
            <Show when={done().errors.length > 0}>
              <ul class="calendar-ics-problems" aria-label="Events that could not be read">
                <For each={done().errors}>
                  {(problem) => (
                    <li>
                      {problem.index === 0 ? 'The file' : `Event ${problem.index}`}
                      {problem.uid ? ` (${problem.uid})` : ''}: {problem.message}
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <Show when={done().warnings.length > 0}>
              <p class="muted">
                {done().warnings.length} note{done().warnings.length === 1 ? '' : 's'}:{' '}
                {done()
                  .warnings.map((w) => w.message)
                  .join('; ')}
              </p>
            </Show>
          </div>
        )}
      </Show>
      <Show when={subscribing()}>
        <SubscribeDialog
          calendarId={props.calendarId}
          title={props.title}
          onClose={() => setSubscribing(false)}
        />
      </Show>
    </div>
  );
}
