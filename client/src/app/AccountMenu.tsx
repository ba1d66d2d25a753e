import { createSignal, Show } from 'solid-js';
import { useSession } from '../auth/session-context.js';
import { Avatar } from '../ui/Avatar.js';
import { dismissOn } from '../ui/dismiss.js';
import { AccountPanel } from './AccountPanel.js';
import type { NavCounts } from './use-nav-counts.js';
import { badgeText } from './badge-text.js';

const PANEL_ID = 'account-panel';

/**
 * The person's avatar, opening what Slack and Lark keep behind it: who is signed in,
 * the connection, the theme, settings and sign-out (and, on phones, the sections the
 * bottom bar has no room for). A disclosure with a non-modal panel (it holds links and
 * a theme switch, so not a ui/Menu): Escape, a click outside (ui/dismiss) or Tab past
 * its end closes it; Escape returns focus to the button.
 */
export function AccountMenu(props: { counts: NavCounts }) {
  const session = useSession();
  const [open, setOpen] = createSignal(false);
  let root!: HTMLDivElement;
  let button!: HTMLButtonElement;
  let panel: HTMLDivElement | undefined;

  const close = (refocus: boolean) => {
    if (!open()) return;
    setOpen(false);
    if (refocus) button.focus();
  };
  const toggle = () => {
    if (open()) return close(true);
    setOpen(true);
    panel?.focus();
  };
  dismissOn({ isOpen: open, inside: () => [root], close });

  return (
    <Show when={session.me()}>
      {(me) => (
        <div
          class="account"
          ref={root}
          onFocusOut={(event) => {
            const next = event.relatedTarget;
            if (next instanceof Node && !root.contains(next)) close(false);
          }}
        >
          <button
            type="button"
            class="account-button"
            ref={button}
            aria-expanded={open()}
            aria-controls={PANEL_ID}
            aria-label={`${me().user.name}: account and settings`}
            onClick={toggle}
          >
            <span class="account-avatar">
              <Avatar id={me().user.id} name={me().user.name} size="sm" decorative />
              <Show when={props.counts.notifications() > 0}>
                <span class="account-dot" aria-hidden="true">
                  {badgeText(props.counts.notifications())}
                </span>
              </Show>
            </span>
            <span class="account-name">{me().user.name}</span>
            <span class="account-phone-label" aria-hidden="true">
              You
            </span>
          </button>
          <Show when={open()}>
            <AccountPanel
              id={PANEL_ID}
              ref={(el) => {
                panel = el;
                queueMicrotask(() => el.focus());
              }}
              me={me()}
              counts={props.counts}
              onNavigate={() => close(false)}
            />
          </Show>
        </div>
      )}
    </Show>
  );
}
