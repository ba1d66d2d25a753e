import { A, Navigate, useNavigate } from '@solidjs/router';
import { createSignal, Match, Switch } from 'solid-js';
import { useApi, useSession } from '../../auth/session-context.js';
import { FormError } from '../../ui/FormError.js';
import { useAction } from '../../ui/use-action.js';
import { TextField } from '../../ui/TextField.js';
import { AuthLayout } from './AuthLayout.js';
import { createNewAccountFields } from './new-account-fields.js';

/** First run: names the workspace and creates its owner. */
export function SetupPage() {
  const session = useSession();
  const api = useApi();
  const navigate = useNavigate();
  const [workspaceName, setWorkspaceName] = createSignal('');
  const account = createNewAccountFields();
  const create = useAction(async () => {
    const me = await api.setup({
      workspaceName: workspaceName(),
      ...account.values(),
    });
    await session.signedIn(me);
    navigate('/', { replace: true });
  });

  return (
    <Switch>
      <Match when={session.state() === 'signed-in' && !create.busy()}>
        <Navigate href="/" />
      </Match>
      <Match when={session.state() === 'signed-out'}>
        <AuthLayout title="Already set up">
          <p>
            This relay already has a workspace. <A href="/login">Sign in</A>, or ask an admin for an
            invite link.
          </p>
        </AuthLayout>
      </Match>
      <Match when={session.state() === 'loading'}>
        <AuthLayout title="Set up your workspace">
          <p class="muted" role="status">
            Checking the relay…
          </p>
        </AuthLayout>
      </Match>
      <Match when={true}>
        <AuthLayout title="Set up your workspace">
          <p class="muted">
            You are the first person here, so you become the workspace’s owner. Invite your team
            from Settings afterwards.
          </p>
          <form
            class="stack"
            onSubmit={(event) => {
              event.preventDefault();
              create.run();
            }}
          >
            <TextField
              label="Workspace name"
              required
              maxLength={80}
              value={workspaceName()}
              onInput={setWorkspaceName}
            />
            <account.Fields />
            <FormError message={create.error()} />
            <button type="submit" class="button button-primary" disabled={create.busy()}>
              {create.busy() ? 'Creating…' : 'Create workspace'}
            </button>
          </form>
        </AuthLayout>
      </Match>
    </Switch>
  );
}
