import { Navigate, useLocation, type RouteSectionProps } from '@solidjs/router';
import { createEffect, Match, Show, Switch } from 'solid-js';
import { useSession } from '../auth/session-context.js';
import { askPersistenceOnce, browserStorage } from '../lib/storage-persistence.js';
import { Shell } from './Shell.js';

/**
 * Everything but the sign-in pages needs a person. A session cached on this device
 * counts, so the app opens offline; the relay's verdict arrives with the next refresh.
 */
export function SignedInGate(props: RouteSectionProps) {
  const session = useSession();
  const location = useLocation();
  const loginHref = () =>
    session.endReason() === null
      ? `/login?next=${encodeURIComponent(location.pathname + location.search)}`
      : '/login';
  // The first sign-in on this device asks the browser, once, not to evict the workspace.
  createEffect(() => {
    if (session.state() === 'signed-in') void askPersistenceOnce(browserStorage(), localStorage);
  });

  return (
    <Switch>
      <Match when={session.state() === 'signed-in'}>
        {/* A different person signing in remounts everything, so no view keeps the last one's rooms. */}
        <Show when={session.me()?.user.id} keyed>
          <Shell>{props.children}</Shell>
        </Show>
      </Match>
      <Match when={session.state() === 'needs-setup'}>
        <Navigate href="/setup" />
      </Match>
      <Match when={session.state() === 'signed-out'}>
        <Navigate href={loginHref()} />
      </Match>
      <Match when={session.state() === 'loading'}>
        <main id="main" class="auth-page" tabindex="-1">
          <p class="muted" role="status">
            Loading your workspace…
          </p>
        </main>
      </Match>
    </Switch>
  );
}
