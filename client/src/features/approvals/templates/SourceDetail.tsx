import { For, Show } from 'solid-js';
import { Role } from '../../../../../shared/access/levels.js';
import type { ApproverSource, Field } from '../../../../../shared/approvals/template.js';
import type { OrgChart } from '../../../../../shared/org/org-chart.js';

/** The settings of one approver source: levels up, a role, named people or a form field. */
export function SourceDetail(props: {
  source: ApproverSource;
  fields: readonly Field[];
  org: OrgChart | undefined;
  onChange: (source: ApproverSource) => void;
}) {
  const s = () => props.source;
  const fieldsOf = (type: 'person' | 'department') => props.fields.filter((f) => f.type === type);
  return (
    <>
      <Show when={s().kind === 'manager' || s().kind === 'departmentHead'}>
        <label class="appr-inline-label">
          Levels up
          <input
            class="input"
            type="number"
            min={s().kind === 'manager' ? 1 : 0}
            max="20"
            value={(s() as { levels: number }).levels}
            onChange={(e) =>
              props.onChange({ ...s(), levels: Number(e.currentTarget.value) } as ApproverSource)
            }
          />
        </label>
      </Show>
      <Show when={s().kind === 'role' && s()}>
        {(r) => (
          <label class="appr-inline-label">
            Role
            <select
              class="input"
              onChange={(e) =>
                props.onChange({ kind: 'role', role: Role.parse(e.currentTarget.value) })
              }
            >
              <For each={Role.options}>
                {(role) => (
                  <option value={role} selected={role === (r() as { role: string }).role}>
                    {role}
                  </option>
                )}
              </For>
            </select>
          </label>
        )}
      </Show>
      <Show when={s().kind === 'people' && s()}>
        {(p) => (
          <label class="appr-inline-label">
            People
            <select
              class="input"
              multiple
              size="4"
              onChange={(e) =>
                props.onChange({
                  kind: 'people',
                  ids: [...e.currentTarget.selectedOptions].map((o) => o.value),
                })
              }
            >
              <For each={props.org?.people.filter((x) => x.active) ?? []}>
                {(person) => (
                  <option
                    value={person.id}
                    selected={(p() as { ids: string[] }).ids.includes(person.id)}
                  >
                    {person.name}
                  </option>
                )}
              </For>
            </select>
          </label>
        )}
      </Show>
      <Show when={(s().kind === 'fieldPerson' || s().kind === 'fieldDepartmentHead') && s()}>
        {(f) => (
          <label class="appr-inline-label">
            Form field
            <select
              class="input"
              onChange={(e) =>
                props.onChange({ ...f(), field: e.currentTarget.value } as ApproverSource)
              }
            >
              <option value="">Choose a field…</option>
              <For each={fieldsOf(f().kind === 'fieldPerson' ? 'person' : 'department')}>
                {(field) => (
                  <option value={field.id} selected={field.id === (f() as { field: string }).field}>
                    {field.label}
                  </option>
                )}
              </For>
            </select>
          </label>
        )}
      </Show>
    </>
  );
}
