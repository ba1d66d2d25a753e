import { For, Show } from 'solid-js';
import { MAX_CALENDAR_FEEDS } from '../../../../../shared/api/calendar-feeds.js';
import { CopyField } from '../../../ui/CopyField.js';
import { Dialog } from '../../../ui/Dialog.js';
import { FormError } from '../../../ui/FormError.js';
import { useCalendarFeeds } from './use-calendar-feeds.js';

const when = (at: number | null) => (at === null ? 'never' : new Date(at).toLocaleString());

/** Make, copy and revoke private subscription URLs of a calendar [CAL60]. */
export function SubscribeDialog(props: { calendarId: string; title: string; onClose: () => void }) {
  const { feeds, created, load, create, revoke } = useCalendarFeeds(props.calendarId);
  const full = () => (feeds()?.length ?? 0) >= MAX_CALENDAR_FEEDS;
  return (
    <Dialog
      title={`Subscribe to ${props.title}`}
      onClose={props.onClose}
      closeButton
      footer={
        <button type="button" class="button" onClick={props.onClose}>
          Done
        </button>
      }
    >
      <p class="notice" role="note">
        Anyone who has the URL can read this calendar (titles, times, places and descriptions of
        every event) without signing in, until you revoke it. Paste it only into your own calendar
        apps. It stops working if you lose access to the calendar.
      </p>
      <Show
        when={created()}
        fallback={
          <div class="row">
            <button
              type="button"
              class="button button-primary"
              disabled={create.busy() || full()}
              onClick={() => create.run()}
            >
              Create subscription URL
            </button>
            <Show when={full()}>
              <span class="muted small">Revoke one to make another.</span>
            </Show>
          </div>
        }
      >
        {(made) => (
          <div class="stack">
            <CopyField label="Subscription URL (shown only now)" value={made().url} />
            <a class="button" href={made().webcalUrl}>
              Open in my calendar app
            </a>
          </div>
        )}
      </Show>
      <FormError message={create.error() ?? load.error() ?? revoke.error()} />
      <Show when={(feeds()?.length ?? 0) > 0}>
        <p class="item-title">Your subscription URLs</p>
        <ul class="item-list" aria-label="Your subscription URLs">
          <For each={feeds()}>
            {(feed) => (
              <li class="item calendar-ics-feed">
                <span class="small">
                  Made {when(feed.createdAt)} · last used {when(feed.lastUsedAt)}
                </span>
                <button
                  type="button"
                  class="button button-small button-danger"
                  disabled={revoke.busy()}
                  onClick={() => revoke.run(feed.id)}
                >
                  Revoke
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </Dialog>
  );
}
