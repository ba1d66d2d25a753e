import { createSignal, For, Show } from 'solid-js';
import type { GroupSummary, UserSummary } from '../../../../shared/api/schemas.js';
import { useApi } from '../../auth/session-context.js';
import { FormError } from '../../ui/FormError.js';
import { TextField } from '../../ui/TextField.js';
import { useAction } from '../../ui/use-action.js';
import { GroupEditor } from './GroupEditor.js';

export function GroupsSection(props: {
  groups: readonly GroupSummary[];
  users: readonly UserSummary[];
  isAdmin: boolean;
  onChanged: () => void;
}) {
  const api = useApi();
  const [name, setName] = createSignal('');
  const [open, setOpen] = createSignal<string | null>(null);
  const create = useAction(async () => {
    await api.createGroup({ name: name() });
    setName('');
    props.onChanged();
  });

  return (
    <section class="card stack" aria-labelledby="groups-title">
      <h2 id="groups-title">Groups</h2>
      <Show when={props.isAdmin}>
        <form
          class="stack"
          aria-label="New group"
          onSubmit={(event) => {
            event.preventDefault();
            create.run();
          }}
        >
          <TextField
            label="New group name"
            required
            maxLength={80}
            value={name()}
            onInput={setName}
          />
          <FormError message={create.error()} />
          <div class="row">
            <button type="submit" class="button" disabled={create.busy()}>
              Create group
            </button>
          </div>
        </form>
      </Show>
      <Show when={props.groups.length > 0} fallback={<p class="muted">No groups yet.</p>}>
        <ul class="item-list" aria-label="Groups">
          <For each={props.groups}>
            {(group) => (
              <li class="item">
                <div class="row row-between">
                  <p>
                    <span class="item-title">{group.name}</span>{' '}
                    <span class="muted small">
                      {group.members.length === 1 ? '1 member' : `${group.members.length} members`}
                    </span>
                  </p>
                  <Show when={props.isAdmin}>
                    <button
                      type="button"
                      class="button button-small"
                      aria-expanded={open() === group.id}
                      aria-label={`Manage group ${group.name}`}
                      onClick={() => setOpen(open() === group.id ? null : group.id)}
                    >
                      Manage
                    </button>
                  </Show>
                </div>
                <Show when={open() === group.id}>
                  <GroupEditor group={group} users={props.users} onChanged={props.onChanged} />
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
