import { Show } from 'solid-js';
import { useSession } from '../auth/session-context.js';
import { roleLabel } from '../workspace/role-label.js';
import { FormError } from '../ui/FormError.js';
import { useAction } from '../ui/use-action.js';

/** Who is signed in, and the way out (which also deletes this device's copies). */
export function SignedInPerson() {
  const session = useSession();
  const signOut = useAction(() => session.signOut());
  return (
    <Show when={session.me()}>
      {(me) => (
        <div class="stack who-block">
          <p class="who">
            <span class="who-name">{me().user.name}</span>
            <span class="muted small">
              {roleLabel(me().user.role)} · {me().workspace.name}
            </span>
          </p>
          <button
            type="button"
            class="button button-small"
            disabled={signOut.busy()}
            onClick={() => signOut.run()}
          >
            {signOut.busy() ? 'Signing out…' : 'Sign out'}
          </button>
          <FormError message={signOut.error()} />
        </div>
      )}
    </Show>
  );
}
