import { Show } from 'solid-js';
import type { SsoInfo } from '../../../../shared/api/sso.js';

/**
 * "Sign in with <provider>": a plain link, as the sign-in is a navigation to the
 * provider and back (OPERATIONS.md, "Single sign-on").
 */
export function SsoButton(props: { info: SsoInfo; next?: string; invite?: string }) {
  const href = () => {
    const query = new URLSearchParams();
    if (props.next) query.set('next', props.next);
    if (props.invite) query.set('invite', props.invite);
    return `/api/auth/sso/start?${query.toString()}`;
  };
  return (
    <div class="stack">
      <Show
        when={props.info.ready}
        fallback={
          <p class="notice">
            Sign-in with {props.info.label} is not available yet: the relay cannot reach it. Try
            again in a minute.
          </p>
        }
      >
        {/* rel="external": a real navigation, which the app's router must not take over. */}
        <a class="button button-primary" href={href()} rel="external">
          Sign in with {props.info.label}
        </a>
      </Show>
    </div>
  );
}
