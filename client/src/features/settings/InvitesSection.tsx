import { createResource, createSignal, For, Show } from 'solid-js';
import type { CreatedInvite, GroupSummary, InviteSummary } from '../../../../shared/api/schemas.js';
import { useApi } from '../../auth/session-context.js';
import { CopyField } from '../../ui/CopyField.js';
import { FormError } from '../../ui/FormError.js';
import { resourceError, resourceValue } from '../../ui/resource-value.js';
import { useAction } from '../../ui/use-action.js';
import { InviteForm } from './InviteForm.js';
import { inviteLink } from './invite-link.js';
import { inviteStatus, inviteStatusLabels } from './invite-status.js';
import { roleLabel } from '../../workspace/role-label.js';

/** Admins create invite links (shown once) and revoke them. */
export function InvitesSection(props: { groups: readonly GroupSummary[] }) {
  const api = useApi();
  const [invites, { refetch }] = createResource(() => api.invites());
  const [created, setCreated] = createSignal<CreatedInvite | null>(null);
  const onCreated = (invite: CreatedInvite) => {
    setCreated(invite);
    void refetch();
  };

  return (
    <section class="card stack" aria-labelledby="invites-title">
      <h2 id="invites-title">Invites</h2>
      <InviteForm groups={props.groups} onCreated={onCreated} />
      <Show when={created()}>
        {(invite) => (
          <div class="stack notice">
            <CopyField
              label="Invite link"
              value={inviteLink(window.location.origin, invite().token)}
            />
            <p class="small">
              This link is shown only once. Anyone who has it can join as{' '}
              {roleLabel(invite().role).toLowerCase()} until{' '}
              {new Date(invite().expiresAt).toLocaleString()}.
            </p>
          </div>
        )}
      </Show>
      <FormError message={resourceError(invites)} />
      <Show
        when={(resourceValue(invites) ?? []).length > 0}
        fallback={<p class="muted">No invites yet.</p>}
      >
        <ul class="item-list" aria-label="Invites">
          <For each={resourceValue(invites) ?? []}>
            {(invite) => <InviteRow invite={invite} onRevoked={() => void refetch()} />}
          </For>
        </ul>
      </Show>
    </section>
  );
}

function InviteRow(props: { invite: InviteSummary; onRevoked: () => void }) {
  const api = useApi();
  const status = () => inviteStatus(props.invite, Date.now());
  const revoke = useAction(async () => {
    await api.revokeInvite(props.invite.id);
    props.onRevoked();
  });
  const created = () => new Date(props.invite.createdAt).toLocaleString();

  return (
    <li class="item">
      <div class="row row-between">
        <p>
          <span class="item-title">{roleLabel(props.invite.role)} invite</span>{' '}
          <span class="muted small">created {created()}</span>
        </p>
        <div class="row">
          <span class={status() === 'active' ? 'badge' : 'badge badge-warn'}>
            {inviteStatusLabels[status()]}
          </span>
          <Show when={status() === 'active'}>
            <button
              type="button"
              class="button button-small button-danger"
              aria-label={`Revoke the ${roleLabel(props.invite.role).toLowerCase()} invite created ${created()}`}
              disabled={revoke.busy()}
              onClick={() => revoke.run()}
            >
              Revoke
            </button>
          </Show>
        </div>
      </div>
      <p class="muted small">
        Used {props.invite.uses} of {props.invite.maxUses} · expires{' '}
        {new Date(props.invite.expiresAt).toLocaleString()}
      </p>
      <FormError message={revoke.error()} />
    </li>
  );
}
