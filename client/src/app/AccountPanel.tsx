import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import type { Me } from '../../../shared/api/schemas.js';
import { useSession } from '../auth/session-context.js';
import { Avatar } from '../ui/Avatar.js';
import { FormError } from '../ui/FormError.js';
import { Icon } from '../ui/Icon.js';
import { StatusDot } from '../ui/StatusDot.js';
import { useAction } from '../ui/use-action.js';
import { roleLabel } from '../workspace/role-label.js';
import { ThemeToggle } from './ThemeToggle.js';
import { useConnectionSummary } from './use-connection-summary.js';
import type { NavCounts } from './use-nav-counts.js';
import { badgeText } from './badge-text.js';

/** What the account menu holds; see AccountMenu for how it opens and closes. */
export function AccountPanel(props: {
  id: string;
  ref: (el: HTMLDivElement) => void;
  me: Me;
  counts: NavCounts;
  onNavigate: () => void;
}) {
  const session = useSession();
  const connection = useConnectionSummary();
  const signOut = useAction(() => session.signOut());

  return (
    <div
      id={props.id}
      ref={props.ref}
      class="account-panel"
      role="dialog"
      aria-label="Account and settings"
      tabindex="-1"
    >
      <div class="account-who">
        <Avatar id={props.me.user.id} name={props.me.user.name} decorative />
        <p class="account-who-text">
          <span class="who-name">{props.me.user.name}</span>
          <span class="muted small account-email">{props.me.user.email}</span>
          <span class="muted small">
            {roleLabel(props.me.user.role)} · {props.me.workspace.name}
          </span>
        </p>
      </div>
      <p class="account-status small">
        <StatusDot tone={connection.tone()} />
        <span>
          {connection.label()}. {connection.detail()}
        </span>
      </p>
      <ThemeToggle />
      <ul class="account-links">
        <li class="account-phone-only">
          <A href="/notifications" class="account-link" onClick={() => props.onNavigate()}>
            <Icon name="bell" />
            <span>Notifications</span>
            <Show when={props.counts.notifications() > 0}>
              <span class="nav-badge">{badgeText(props.counts.notifications())} new</span>
            </Show>
          </A>
        </li>
        <li class="account-phone-only">
          <A href="/search" class="account-link" onClick={() => props.onNavigate()}>
            <Icon name="search" />
            <span>Search</span>
          </A>
        </li>
        <li class="account-phone-only">
          <A href="/approvals" class="account-link" onClick={() => props.onNavigate()}>
            <Icon name="approval" />
            <span>Approvals</span>
            <Show when={props.counts.approvals() > 0}>
              <span class="nav-badge">{badgeText(props.counts.approvals())} waiting</span>
            </Show>
          </A>
        </li>
        <li class="account-phone-only">
          <A href="/contacts" class="account-link" onClick={() => props.onNavigate()}>
            <Icon name="people" />
            <span>Contacts</span>
          </A>
        </li>
        <li>
          <A href="/settings#notifications" class="account-link" onClick={() => props.onNavigate()}>
            <Icon name="bell" />
            <span>Notification settings</span>
          </A>
        </li>
        <li>
          <A href="/settings" class="account-link" onClick={() => props.onNavigate()}>
            <Icon name="settings" />
            <span>Settings</span>
          </A>
        </li>
        <li>
          <button
            type="button"
            class="account-link"
            disabled={signOut.busy()}
            onClick={() => signOut.run()}
          >
            <Icon name="sign-out" />
            <span>{signOut.busy() ? 'Signing out…' : 'Sign out'}</span>
          </button>
        </li>
      </ul>
      <FormError message={signOut.error()} />
    </div>
  );
}
