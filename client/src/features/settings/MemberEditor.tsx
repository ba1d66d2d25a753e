import { createSignal, Show } from 'solid-js';
import type { Role } from '../../../../shared/access/levels.js';
import type { DeactivateBody, GroupSummary, UserSummary } from '../../../../shared/api/schemas.js';
import { useApi } from '../../auth/session-context.js';
import { FormError } from '../../ui/FormError.js';
import { SelectField } from '../../ui/SelectField.js';
import { useAction } from '../../ui/use-action.js';
import { Checklist } from './Checklist.js';
import { roleLabel } from '../../workspace/role-label.js';

/** An admin's controls for one person: role, groups, deactivate or reactivate. */
export function MemberEditor(props: {
  user: UserSummary;
  users: readonly UserSummary[];
  groups: readonly GroupSummary[];
  myId: string;
  iAmOwner: boolean;
  onChanged: () => void;
}) {
  const api = useApi();
  // Editors start from the person as loaded; saving refetches and rebuilds them.
  const [role, setRole] = createSignal<Role>(props.user.role);
  const [groups, setGroups] = createSignal<Set<string>>(new Set(props.user.groups));
  const [heir, setHeir] = createSignal(props.myId);
  const roles = (): Role[] =>
    props.iAmOwner || props.user.role === 'owner'
      ? ['owner', 'admin', 'member', 'guest']
      : ['admin', 'member', 'guest'];
  const heirs = () => props.users.filter((user) => user.active && user.id !== props.user.id);

  const save = useAction(async () => {
    await api.updateUser(props.user.id, { role: role(), groups: [...groups()] });
    props.onChanged();
  });
  const deactivate = useAction(async () => {
    const body: DeactivateBody = heir() === '' ? {} : { transferTo: heir() };
    await api.deactivateUser(props.user.id, body);
    props.onChanged();
  });
  const reactivate = useAction(async () => {
    await api.reactivateUser(props.user.id);
    props.onChanged();
  });

  return (
    <div class="stack editor">
      <form
        class="stack"
        aria-label={`Role and groups of ${props.user.name}`}
        onSubmit={(event) => {
          event.preventDefault();
          save.run();
        }}
      >
        <SelectField
          label="Role"
          value={role()}
          options={roles().map((value) => ({ value, label: roleLabel(value) }))}
          onChange={setRole}
        />
        <Checklist
          legend="Groups"
          items={props.groups.map((group) => ({ id: group.id, label: group.name }))}
          chosen={groups()}
          onChange={setGroups}
          empty="No groups yet: create one under Groups."
        />
        <FormError message={save.error()} />
        <div class="row">
          <button type="submit" class="button button-primary" disabled={save.busy()}>
            Save changes
          </button>
        </div>
      </form>
      <Show
        when={props.user.active}
        fallback={
          <div class="stack">
            <FormError message={reactivate.error()} />
            <div class="row">
              <button
                type="button"
                class="button"
                disabled={reactivate.busy()}
                onClick={() => reactivate.run()}
              >
                Reactivate {props.user.name}
              </button>
            </div>
          </div>
        }
      >
        <form
          class="stack"
          aria-label={`Deactivate ${props.user.name}`}
          onSubmit={(event) => {
            event.preventDefault();
            deactivate.run();
          }}
        >
          <p class="muted small">
            Deactivating signs {props.user.name} out everywhere; their devices delete the
            workspace’s data the next time they are online. Rooms they own need a new owner.
          </p>
          <SelectField
            label="Hand their rooms to"
            value={heir()}
            options={[
              { value: '', label: 'Nobody (they own no rooms)' },
              ...heirs().map((user) => ({ value: user.id, label: user.name })),
            ]}
            onChange={setHeir}
          />
          <FormError message={deactivate.error()} />
          <div class="row">
            <button type="submit" class="button button-danger" disabled={deactivate.busy()}>
              Deactivate {props.user.name}
            </button>
          </div>
        </form>
      </Show>
    </div>
  );
}
