import { A } from '@solidjs/router';
import { createEffect, For, on, onCleanup, type JSX } from 'solid-js';
import { useSession } from '../auth/session-context.js';
import { AiProvider } from '../features/ai/ai-context.js';
import { ChatProvider } from '../features/chat/chat-context.js';
import { DingAlerts } from '../features/chat/DingAlerts.js';
import { useRegistry } from '../sync/registry-context.js';
import { WorkspaceProvider } from '../workspace/workspace-context.js';
import { ConnectionIndicator } from './ConnectionIndicator.js';
import { FeatureSlots } from './FeatureSlots.js';
import { navItems } from './nav-items.js';
import { SignedInPerson } from './SignedInPerson.js';
import { ThemeToggle } from './ThemeToggle.js';
import { NotificationsButton } from '../features/notifications/NotificationsButton.js';
import { TaskReminders } from '../features/tasks/TaskReminders.js';

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
      <AiProvider>
        <FeatureSlots>
          <ChatProvider>
            <a class="skip-link" href="#main" on:click={skipToMain}>
              Skip to content
            </a>
            <div class="shell">
              <header class="sidebar">
                <p class="brand">
                  <span class="brand-mark" aria-hidden="true" />
                  Workspace
                </p>
                <nav class="nav" aria-label="Main">
                  <ul>
                    <For each={navItems}>
                      {(item) => (
                        <li>
                          <A
                            href={item.href}
                            end={item.href === '/'}
                            class="nav-link"
                            activeClass="active"
                          >
                            {item.label}
                          </A>
                        </li>
                      )}
                    </For>
                  </ul>
                </nav>
                <div class="sidebar-footer">
                  <ConnectionIndicator />
                  <ThemeToggle />
                  <NotificationsButton />
                  <SignedInPerson />
                </div>
              </header>
              <main id="main" ref={main} tabindex="-1" class="main">
                {props.children}
              </main>
              <TaskReminders />
            </div>
            <DingAlerts />
          </ChatProvider>
        </FeatureSlots>
      </AiProvider>
    </WorkspaceProvider>
  );
}
