import { A, useNavigate, useParams } from '@solidjs/router';
import { createResource, Match, Show, Switch } from 'solid-js';
import type { InvitePreview } from '../../../../shared/api/schemas.js';
import { useApi, useSession } from '../../auth/session-context.js';
import { FormError } from '../../ui/FormError.js';
import { useAction } from '../../ui/use-action.js';
import { roleLabel } from '../../workspace/role-label.js';
import { AuthLayout } from './AuthLayout.js';
import { SsoButton } from './SsoButton.js';
import { useSsoInfo } from './use-sso-info.js';
import { createNewAccountFields } from './new-account-fields.js';
import { inviteFailureText } from './invite-failure-text.js';

/** /invite/:token — shows what the link offers and creates the account. */
export function InvitePage() {
  const params = useParams<{ token: string }>();
  const api = useApi();
  const [preview] = createResource(
    () => params.token,
    (token) => api.invitePreview(token),
  );

  return (
    <Switch>
      <Match when={preview.error !== undefined}>
        <AuthLayout title="This invite link cannot be used">
          <p class="notice" role="alert">
            {inviteFailureText(preview.error)}
          </p>
          <p>
            Already have an account? <A href="/login">Sign in</A>.
          </p>
        </AuthLayout>
      </Match>
      <Match when={preview()}>
        {(invite) => <AcceptInvite token={params.token} invite={invite()} />}
      </Match>
      <Match when={true}>
        <AuthLayout title="Invite">
          <p class="muted" role="status">
            Checking the invite link…
          </p>
        </AuthLayout>
      </Match>
    </Switch>
  );
}

function AcceptInvite(props: { token: string; invite: InvitePreview }) {
  const api = useApi();
  const session = useSession();
  const navigate = useNavigate();
  const account = createNewAccountFields();
  const accept = useAction(async () => {
    try {
      const me = await api.acceptInvite(props.token, {
        ...account.values(),
      });
      await session.signedIn(me);
      navigate('/', { replace: true });
    } catch (error) {
      throw new Error(inviteFailureText(error));
    }
  });
  const expires = () => new Date(props.invite.expiresAt).toLocaleString();
  const sso = useSsoInfo();

  return (
    <AuthLayout title={`Join ${props.invite.workspaceName}`}>
      <p>
        You are invited as <strong>{roleLabel(props.invite.role)}</strong>. The link works until{' '}
        {expires()}.
      </p>
      <Show when={session.me()}>
        {(me) => (
          <p class="notice">
            You are signed in as {me().user.name}. Joining signs you in as the new account and
            removes {me().user.name}’s data from this device.
          </p>
        )}
      </Show>
      <Show when={sso()?.enabled ? sso() : null}>
        {(info) => <SsoButton info={info()} invite={props.token} />}
      </Show>
      {/* Required: the invite is taken by signing in with the provider [SSO2]. */}
      <Show when={!sso()?.required}>
        <form
          class="stack"
          onSubmit={(event) => {
            event.preventDefault();
            accept.run();
          }}
        >
          <account.Fields />
          <FormError message={accept.error()} />
          <button type="submit" class="button button-primary" disabled={accept.busy()}>
            {accept.busy() ? 'Joining…' : 'Join the workspace'}
          </button>
        </form>
      </Show>
    </AuthLayout>
  );
}
