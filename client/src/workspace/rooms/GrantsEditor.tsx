import { For, Show } from 'solid-js';
import type { AccessLevel } from '../../../../shared/access/levels.js';
import type { GroupSummary, RoomAccess, UserSummary } from '../../../../shared/api/schemas.js';
import { SelectField } from '../../ui/SelectField.js';
import { levelLabels, levelOf, withGrant } from './room-access.js';

const levels: readonly AccessLevel[] = ['none', 'read', 'write'];
const options = levels.map((value) => ({ value, label: levelLabels[value] }));

/** One level per group and per person; guests only ever get what is granted to them by name. */
export function GrantsEditor(props: {
  groups: readonly GroupSummary[];
  people: readonly UserSummary[];
  access: RoomAccess;
  onChange: (access: RoomAccess) => void;
}) {
  return (
    <>
      <fieldset class="fieldset">
        <legend>Groups</legend>
        <Show when={props.groups.length > 0} fallback={<p class="muted small">No groups yet.</p>}>
          <For each={props.groups}>
            {(group) => (
              <div class="row row-between">
                <span>{group.name}</span>
                <SelectField
                  label={`Access for group ${group.name}`}
                  hideLabel
                  value={levelOf(props.access.groups, group.id)}
                  options={options}
                  onChange={(level) =>
                    props.onChange({
                      ...props.access,
                      groups: withGrant(props.access.groups, group.id, level),
                    })
                  }
                />
              </div>
            )}
          </For>
        </Show>
      </fieldset>
      <fieldset class="fieldset">
        <legend>People</legend>
        <Show
          when={props.people.length > 0}
          fallback={<p class="muted small">Nobody else in the workspace yet.</p>}
        >
          <For each={props.people}>
            {(person) => (
              <div class="row row-between">
                <span>
                  {person.name} <span class="muted small">{person.email}</span>
                </span>
                <SelectField
                  label={`Access for ${person.name}`}
                  hideLabel
                  value={levelOf(props.access.users, person.id)}
                  options={options}
                  onChange={(level) =>
                    props.onChange({
                      ...props.access,
                      users: withGrant(props.access.users, person.id, level),
                    })
                  }
                />
              </div>
            )}
          </For>
        </Show>
      </fieldset>
    </>
  );
}
