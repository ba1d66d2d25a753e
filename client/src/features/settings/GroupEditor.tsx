import { createSignal, Show } from 'solid-js';
import type { GroupSummary, UserSummary } from '../../../../shared/api/schemas.js';
import { useApi } from '../../auth/session-context.js';
import { FormError } from '../../ui/FormError.js';
import { TextField } from '../../ui/TextField.js';
import { useAction } from '../../ui/use-action.js';
import { Checklist } from './Checklist.js';

/** Rename a group, choose its members, or delete it (after a second click). */
export function GroupEditor(props: {
  group: GroupSummary;
  users: readonly UserSummary[];
  onChanged: () => void;
}) {
  const api = useApi();
  // Editors start from the group as loaded; saving refetches and rebuilds them.
  const [name, setName] = createSignal(props.group.name);
  const [members, setMembers] = createSignal<Set<string>>(new Set(props.group.members));
  const [confirming, setConfirming] = createSignal(false);
  const save = useAction(async () => {
    await api.updateGroup(props.group.id, { name: name(), members: [...members()] });
    props.onChanged();
  });
  const remove = useAction(async () => {
    await api.deleteGroup(props.group.id);
    props.onChanged();
  });
  const people = () =>
    props.users
      .filter((user) => user.active && user.role !== 'guest')
      .map((user) => ({ id: user.id, label: `${user.name} (${user.email})` }));

  return (
    <div class="stack editor">
      <form
        class="stack"
        aria-label={`Edit group ${props.group.name}`}
        onSubmit={(event) => {
          event.preventDefault();
          save.run();
        }}
      >
        <TextField label="Group name" required maxLength={80} value={name()} onInput={setName} />
        <Checklist
          legend="Members"
          items={people()}
          chosen={members()}
          onChange={setMembers}
          empty="Nobody to add yet."
        />
        <FormError message={save.error()} />
        <div class="row">
          <button type="submit" class="button button-primary" disabled={save.busy()}>
            Save group
          </button>
        </div>
      </form>
      <FormError message={remove.error()} />
      <div class="row">
        <Show
          when={confirming()}
          fallback={
            <button type="button" class="button button-danger" onClick={() => setConfirming(true)}>
              Delete group
            </button>
          }
        >
          <span>Delete “{props.group.name}” for everyone?</span>
          <button
            type="button"
            class="button button-danger"
            disabled={remove.busy()}
            onClick={() => remove.run()}
          >
            Yes, delete
          </button>
          <button type="button" class="button" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </Show>
      </div>
    </div>
  );
}
