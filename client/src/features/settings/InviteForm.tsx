import { createSignal } from 'solid-js';
import type { CreatedInvite, GroupSummary } from '../../../../shared/api/schemas.js';
import { useApi } from '../../auth/session-context.js';
import { FormError } from '../../ui/FormError.js';
import { SelectField } from '../../ui/SelectField.js';
import { TextField } from '../../ui/TextField.js';
import { useAction } from '../../ui/use-action.js';
import { Checklist } from './Checklist.js';
import { roleLabel } from '../../workspace/role-label.js';

type InviteRole = 'admin' | 'member' | 'guest';
const roles: readonly InviteRole[] = ['member', 'guest', 'admin'];
const expiries = [
  { value: '24', label: '1 day' },
  { value: '72', label: '3 days' },
  { value: '168', label: '7 days' },
  { value: '720', label: '30 days' },
] as const;
type Expiry = (typeof expiries)[number]['value'];

export function InviteForm(props: {
  groups: readonly GroupSummary[];
  onCreated: (invite: CreatedInvite) => void;
}) {
  const api = useApi();
  const [role, setRole] = createSignal<InviteRole>('member');
  const [groups, setGroups] = createSignal<Set<string>>(new Set());
  const [expiry, setExpiry] = createSignal<Expiry>('72');
  const [maxUses, setMaxUses] = createSignal('1');
  const create = useAction(async () => {
    const uses = Number(maxUses());
    if (!Number.isInteger(uses) || uses < 1 || uses > 1000) {
      throw new Error('Uses must be a whole number from 1 to 1000.');
    }
    const invite = await api.createInvite({
      role: role(),
      // Groups never apply to guests (see shared/access/evaluate.ts).
      groups: role() === 'guest' ? [] : [...groups()],
      expiresInHours: Number(expiry()),
      maxUses: uses,
    });
    props.onCreated(invite);
  });

  return (
    <form
      class="stack editor"
      aria-label="New invite"
      onSubmit={(event) => {
        event.preventDefault();
        create.run();
      }}
    >
      <div class="row">
        <SelectField
          label="Role"
          value={role()}
          options={roles.map((value) => ({ value, label: roleLabel(value) }))}
          onChange={setRole}
        />
        <SelectField
          label="Link works for"
          value={expiry()}
          options={expiries}
          onChange={setExpiry}
        />
        <TextField
          label="Uses"
          type="number"
          min={1}
          max={1000}
          required
          value={maxUses()}
          onInput={setMaxUses}
        />
      </div>
      <Checklist
        legend="Add to groups"
        items={props.groups.map((group) => ({ id: group.id, label: group.name }))}
        chosen={groups()}
        onChange={setGroups}
        empty="No groups yet."
      />
      <FormError message={create.error()} />
      <div class="row">
        <button type="submit" class="button button-primary" disabled={create.busy()}>
          {create.busy() ? 'Creating…' : 'Create invite link'}
        </button>
      </div>
    </form>
  );
}
