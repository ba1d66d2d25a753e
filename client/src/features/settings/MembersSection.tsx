import { createSignal, For, Show } from 'solid-js';
import type { GroupSummary, Me, UserSummary } from '../../../../shared/api/schemas.js';
import { MemberEditor } from './MemberEditor.js';
import { roleLabel } from '../../workspace/role-label.js';

export function MembersSection(props: {
  users: readonly UserSummary[];
  groups: readonly GroupSummary[];
  isAdmin: boolean;
  me: Me | null;
  onChanged: () => void;
}) {
  const [open, setOpen] = createSignal<string | null>(null);
  const groupNames = (ids: readonly string[]) =>
    ids
      .map((id) => props.groups.find((group) => group.id === id)?.name)
      .filter((name): name is string => name !== undefined)
      .join(', ');

  return (
    <section class="card stack" aria-labelledby="members-title">
      <h2 id="members-title">Members</h2>
      <ul class="item-list" aria-label="Members">
        <For each={props.users}>
          {(user) => (
            <li class="item">
              <div class="row row-between">
                <p>
                  <span class="item-title">{user.name}</span>
                  <Show when={user.id === props.me?.user.id}> (you)</Show>{' '}
                  <span class="muted small">{user.email}</span>
                </p>
                <div class="row">
                  <span class="badge">{roleLabel(user.role)}</span>
                  <Show when={!user.active}>
                    <span class="badge badge-warn">Deactivated</span>
                  </Show>
                  <Show when={props.isAdmin && user.id !== props.me?.user.id}>
                    <button
                      type="button"
                      class="button button-small"
                      aria-expanded={open() === user.id}
                      aria-label={`Manage ${user.name}`}
                      onClick={() => setOpen(open() === user.id ? null : user.id)}
                    >
                      Manage
                    </button>
                  </Show>
                </div>
              </div>
              <p class="muted small">Groups: {groupNames(user.groups) || 'none'}</p>
              <Show when={open() === user.id}>
                <MemberEditor
                  user={user}
                  users={props.users}
                  groups={props.groups}
                  myId={props.me?.user.id ?? ''}
                  iAmOwner={props.me?.user.role === 'owner'}
                  onChanged={props.onChanged}
                />
              </Show>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
