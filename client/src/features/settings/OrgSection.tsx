import { createMemo, createSignal, For, Show } from 'solid-js';
import type { OrgChart } from '../../../../shared/org/org-chart.js';
import { useApi } from '../../auth/session-context.js';
import { FormError } from '../../ui/FormError.js';
import { Skeleton } from '../../ui/States.js';
import { useAction } from '../../ui/use-action.js';
import { departmentTree, subtreeIds } from '../../workspace/org/org-tree.js';
import { useOrgChart } from '../../workspace/org/use-org-chart.js';
import { OrgImport } from './OrgImport.js';
import './org.css';

/**
 * Admins' "Organisation": the department tree (add, rename, move, delete), the heads
 * and members of the chosen department, each person's manager, and the CSV import.
 * Every change answers with the new chart, shown at once.
 */
export function OrgSection() {
  const api = useApi();
  const org = useOrgChart();
  const [selected, setSelected] = createSignal<string | null>(null);
  const [newName, setNewName] = createSignal('');
  const act = useAction((change: () => Promise<OrgChart>) => org.apply(change()));
  const tree = createMemo(() => (org.chart() ? departmentTree(org.chart()!) : []));
  const current = () => org.chart()?.departments.find((d) => d.id === selected()) ?? null;
  const people = () => org.chart()?.people.filter((p) => p.active) ?? [];

  return (
    <section class="card stack" aria-labelledby="org-title">
      <h2 id="org-title">Organisation</h2>
      <Show when={org.chart()} fallback={<Skeleton label="the organisation" />}>
        {(chart) => (
          <>
            <form
              class="row"
              aria-label="New department"
              onSubmit={(event) => {
                event.preventDefault();
                const name = newName();
                act.run(() => api.org.createDepartment({ name, parentId: selected() }));
                setNewName('');
              }}
            >
              <input
                class="input"
                aria-label="New department name"
                placeholder={
                  current() ? `New department under ${current()!.name}` : 'New top department'
                }
                value={newName()}
                maxLength={200}
                required
                onInput={(event) => setNewName(event.currentTarget.value)}
              />
              <button type="submit" class="button">
                Add
              </button>
            </form>
            <FormError message={act.error()} />
            <ul class="org-tree" aria-label="Departments">
              <For each={tree()} fallback={<li class="muted">No departments yet.</li>}>
                {(row) => (
                  <li style={{ 'padding-left': `${row.depth * 1.25}rem` }}>
                    <button
                      type="button"
                      class="org-node"
                      aria-pressed={selected() === row.department.id}
                      onClick={() =>
                        setSelected(selected() === row.department.id ? null : row.department.id)
                      }
                    >
                      {row.department.name}
                    </button>
                  </li>
                )}
              </For>
            </ul>
            <Show when={current()}>
              {(department) => (
                <div class="stack org-editor" aria-label={`Department ${department().name}`}>
                  <div class="row">
                    <RenameDepartment
                      name={department().name}
                      onRename={(name) =>
                        act.run(() => api.org.updateDepartment(department().id, { name }))
                      }
                    />
                    <select
                      class="input"
                      aria-label="Move under"
                      onChange={(event) => {
                        const parentId = event.currentTarget.value || null;
                        act.run(() => api.org.updateDepartment(department().id, { parentId }));
                      }}
                    >
                      <option value="" selected={department().parentId === null}>
                        Move under: (top)
                      </option>
                      <For
                        each={tree().filter(
                          (r) => !subtreeIds(chart(), department().id).has(r.department.id),
                        )}
                      >
                        {(row) => (
                          <option
                            value={row.department.id}
                            selected={department().parentId === row.department.id}
                          >
                            {row.path}
                          </option>
                        )}
                      </For>
                    </select>
                    <button
                      type="button"
                      class="button button-danger"
                      onClick={() =>
                        act.run(async () => {
                          const next = await api.org.deleteDepartment(department().id);
                          setSelected(null);
                          return next;
                        })
                      }
                    >
                      Delete
                    </button>
                  </div>
                  <For each={['heads', 'members'] as const}>
                    {(kind) => {
                      const chosen = () =>
                        kind === 'heads'
                          ? department().headIds
                          : chart()
                              .people.filter((p) => p.departmentIds.includes(department().id))
                              .map((p) => p.id);
                      return (
                        <fieldset class="org-picker">
                          <legend>{kind === 'heads' ? 'Heads' : 'Members'}</legend>
                          <For each={people()}>
                            {(person) => (
                              <label class="org-check">
                                <input
                                  type="checkbox"
                                  checked={chosen().includes(person.id)}
                                  onChange={(event) => {
                                    const on = event.currentTarget.checked;
                                    const ids = on
                                      ? [...chosen(), person.id]
                                      : chosen().filter((id) => id !== person.id);
                                    act.run(() => api.org.setPeople(department().id, kind, ids));
                                  }}
                                />
                                {person.name}
                              </label>
                            )}
                          </For>
                        </fieldset>
                      );
                    }}
                  </For>
                </div>
              )}
            </Show>
            <details>
              <summary>Managers</summary>
              <ul class="item-list" aria-label="Managers">
                <For each={chart().people}>
                  {(person) => (
                    <li class="item row row-between">
                      <span>{person.name}</span>
                      <select
                        class="input"
                        aria-label={`Manager of ${person.name}`}
                        onChange={(event) => {
                          const managerId = event.currentTarget.value || null;
                          act.run(() => api.org.setManager(person.id, managerId));
                        }}
                      >
                        <option value="" selected={person.managerId === null}>
                          No manager
                        </option>
                        <For each={people().filter((p) => p.id !== person.id)}>
                          {(candidate) => (
                            <option
                              value={candidate.id}
                              selected={person.managerId === candidate.id}
                            >
                              {candidate.name}
                            </option>
                          )}
                        </For>
                      </select>
                    </li>
                  )}
                </For>
              </ul>
            </details>
            <OrgImport onImported={() => org.refetch()} />
          </>
        )}
      </Show>
      <FormError message={org.error()} />
    </section>
  );
}

/**
 * "Rename" opens an inline form with the current name (a browser prompt() blocks the
 * page, cannot be styled or checked, and is dismissed by some browsers silently).
 */
function RenameDepartment(props: { name: string; onRename: (name: string) => void }) {
  const [draft, setDraft] = createSignal<string | null>(null);
  return (
    <Show
      when={draft() !== null}
      fallback={
        <button type="button" class="button" onClick={() => setDraft(props.name)}>
          Rename
        </button>
      }
    >
      <form
        class="row"
        aria-label="Rename the department"
        onSubmit={(event) => {
          event.preventDefault();
          const name = draft()?.trim();
          if (name && name !== props.name) props.onRename(name);
          setDraft(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setDraft(null);
        }}
      >
        <input
          class="input"
          aria-label="Department name"
          value={draft() ?? ''}
          maxLength={200}
          required
          ref={(input) => queueMicrotask(() => input.select())}
          onInput={(event) => setDraft(event.currentTarget.value)}
        />
        <button type="submit" class="button button-small">
          Save
        </button>
        <button type="button" class="button button-small" onClick={() => setDraft(null)}>
          Cancel
        </button>
      </form>
    </Show>
  );
}
