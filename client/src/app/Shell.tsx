import { createEffect, on, onCleanup, type JSX } from 'solid-js';
import { useSession } from '../auth/session-context.js';
import { AiProvider } from '../features/ai/ai-context.js';
import { ChatProvider } from '../features/chat/chat-context.js';
import { DingAlerts } from '../features/chat/DingAlerts.js';
import { useRegistry } from '../sync/registry-context.js';
import { ApprovalsProvider } from '../workspace/approvals/approvals-context.js';
import { CalendarInvitesProvider } from '../workspace/calendar/invites-context.js';
import { WorkspaceProvider } from '../workspace/workspace-context.js';
import { ConnectionIndicator } from './ConnectionIndicator.js';
import { FeatureSlots } from './FeatureSlots.js';
import { InboxProvider } from '../features/notifications/notifications-context.js';
import { lazyView } from './lazy-view.js';
import { TaskReminders } from '../features/tasks/TaskReminders.js';
import { AccountMenu } from './AccountMenu.js';
import { MainNav } from './MainNav.js';
import { useNavCounts } from './use-nav-counts.js';
import './shell.css';

// Calendar code (rrule, the model) stays out of the first screen's bundle.
const CalendarReminders = lazyView(
  async () => (await import('../features/calendar/CalendarReminders.js')).CalendarReminders,
  () => null,
);
// Its own chunk: the calendar model (rrule) stays out of the first screen's code [LOAD1].
const BusyPublisher = lazyView(
  () => import('../features/calendar/availability/BusyPublisher.js').then((m) => m.BusyPublisher),
  () => null,
);

/**
 * Rooms kept in sync for the whole session, whatever page is open, so the indicator
 * and the unload guard always cover them: each only while this person may read it.
 */
const BACKGROUND_ROOMS = ['scratchpad'] as const;

export function Shell(props: { children?: JSX.Element }) {
  const session = useSession();
  const registry = useRegistry();
  for (const room of BACKGROUND_ROOMS) {
    createEffect(
      on(
        () => session.levelOf(room) !== null,
        (readable) => {
          if (readable) onCleanup(registry.acquire(room).release);
        },
      ),
    );
  }
  let main!: HTMLElement;
  const skipToMain = (event: MouseEvent) => {
    event.preventDefault();
    main.focus();
  };

  return (
    <WorkspaceProvider>
      <InboxProvider>
        <ApprovalsProvider>
          <CalendarInvitesProvider>
            <AiProvider>
              <FeatureSlots>
                <ChatProvider>
                  <a class="skip-link" href="#main" on:click={skipToMain}>
                    Skip to content
                  </a>
                  <div class="shell">
                    <Rail />
                    <main id="main" ref={main} tabindex="-1" class="main">
                      {props.children}
                    </main>
                    <TaskReminders />
                    <CalendarReminders />
                    <BusyPublisher />
                  </div>
                  <DingAlerts />
                </ChatProvider>
              </FeatureSlots>
            </AiProvider>
          </CalendarInvitesProvider>
        </ApprovalsProvider>
      </InboxProvider>
    </WorkspaceProvider>
  );
}

/**
 * The workspace's name, the main sections with unread counts, the connection and the
 * account menu: a slim column on wide screens, a bar along the bottom on phones.
 */
function Rail() {
  const session = useSession();
  const counts = useNavCounts();
  const name = () => session.me()?.workspace.name.trim() || 'Workspace';
  return (
    <header class="rail">
      <p class="brand" title={name()}>
        <span class="brand-mark" aria-hidden="true">
          {[...name()][0]?.toUpperCase()}
        </span>
        <span class="brand-name">{name()}</span>
      </p>
      <MainNav counts={counts} />
      <div class="rail-footer">
        <ConnectionIndicator />
        <AccountMenu counts={counts} />
      </div>
    </header>
  );
}
