import { Navigate, useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, Match, Show, Switch } from 'solid-js';
import { useApi, useSession } from '../../auth/session-context.js';
import { FormError } from '../../ui/FormError.js';
import { TextField } from '../../ui/TextField.js';
import { useAction } from '../../ui/use-action.js';
import { AuthLayout } from './AuthLayout.js';
import { endReasonText } from './end-reason-text.js';
import { safeNext } from './safe-next.js';
import { SsoButton } from './SsoButton.js';
import { useSsoInfo } from './use-sso-info.js';
import { SSO_ERROR_TEXT } from '../../../../shared/api/sso.js';

export function LoginPage() {
  const session = useSession();
  const api = useApi();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const signIn = useAction(async () => {
    const me = await api.login({ email: email(), password: password() });
    await session.signedIn(me);
    navigate(safeNext(params.next), { replace: true });
  });
  const sso = useSsoInfo();
  const ssoError = () => {
    const reason = params.sso_error;
    if (typeof reason !== 'string') return null;
    return SSO_ERROR_TEXT[reason] ?? 'Single sign-on did not work. Please try again.';
  };
  const title = () => {
    const workspace = session.workspaceName();
    return workspace ? `Sign in to ${workspace}` : 'Sign in';
  };

  const passwordForm = () => (
    <form
      class="stack"
      onSubmit={(event) => {
        event.preventDefault();
        signIn.run();
      }}
    >
      <TextField
        label="Email"
        type="email"
        autocomplete="username"
        required
        value={email()}
        onInput={setEmail}
      />
      <TextField
        label="Password"
        type="password"
        autocomplete="current-password"
        required
        value={password()}
        onInput={setPassword}
      />
      <FormError message={signIn.error()} />
      <button type="submit" class="button button-primary" disabled={signIn.busy()}>
        {signIn.busy() ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );

  return (
    <Switch>
      <Match when={session.state() === 'needs-setup'}>
        <Navigate href="/setup" />
      </Match>
      <Match when={session.state() === 'signed-in' && !signIn.busy()}>
        <Navigate href={safeNext(params.next)} />
      </Match>
      <Match when={true}>
        <AuthLayout title={title()}>
          <Show when={endReasonText(session.endReason())}>
            {(text) => <p class="notice">{text()}</p>}
          </Show>
          <Show when={!session.reachable()}>
            <p class="notice">The relay cannot be reached right now. Sign in once it is back.</p>
          </Show>
          <Show when={ssoError()}>
            {(text) => (
              <p class="notice" role="alert">
                {text()}
              </p>
            )}
          </Show>
          <Show when={sso()?.enabled ? sso() : null}>
            {(info) => <SsoButton info={info()} next={safeNext(params.next)} />}
          </Show>
          <Show when={sso()?.required} fallback={passwordForm()}>
            {/* Required: passwords are for a few admins, when the provider is down [SSO2]. */}
            <details>
              <summary>Admins: sign in with a password</summary>
              {passwordForm()}
            </details>
          </Show>
          <p class="muted small">New here? Ask an admin of the workspace for an invite link.</p>
        </AuthLayout>
      </Match>
    </Switch>
  );
}
