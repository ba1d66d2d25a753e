import { createMemo, createSignal, For, Show } from 'solid-js';
import type { OrgChart, OrgPerson } from '../../../../shared/org/org-chart.js';
import { useSession } from '../../auth/session-context.js';
import { EmptyState, ErrorState, Skeleton } from '../../ui/States.js';
import { departmentTree, reportsOf, subtreeIds } from '../../workspace/org/org-tree.js';
import { useOrgChart } from '../../workspace/org/use-org-chart.js';
import { usePeople } from '../../workspace/workspace-context.js';
import './contacts.css';

/**
 * The organisation to browse: a department tree and a search by name or email; each
 * person with their departments, manager and reports. Guests see an explanation
 * instead: the relay shows them nobody [ORG2].
 */
export function ContactsPage() {
  const session = useSession();
  const isGuest = () => session.me()?.user.role === 'guest';
  return (
    <div class="page stack">
      <header class="page-header">
        <h1>Contacts</h1>
      </header>
      <Show
        when={!isGuest()}
        fallback={
          <EmptyState title="Contacts are for members">
            As a guest you see the rooms shared with you by name, not the organisation. Ask an admin
            if you need a member account.
          </EmptyState>
        }
      >
        <Directory />
      </Show>
    </div>
  );
}

function Directory() {
  const org = useOrgChart();
  const people = usePeople();
  const [query, setQuery] = createSignal('');
  const [department, setDepartment] = createSignal<string | null>(null);
  const emailOf = (id: string) => people.all().find((p) => p.id === id)?.email ?? '';
  return (
    <Show
      when={org.chart()}
      fallback={
        <Show when={org.error()} fallback={<Skeleton label="contacts" lines={5} />}>
          <ErrorState title="Contacts could not be loaded">{org.error()}</ErrorState>
        </Show>
      }
    >
      {(chart) => {
        const tree = createMemo(() => departmentTree(chart()));
        const pathOf = (id: string) => tree().find((r) => r.department.id === id)?.path ?? '';
        const shown = createMemo(() => {
          const within = department() ? subtreeIds(chart(), department()!) : null;
          const words = query().trim().toLowerCase();
          return chart().people.filter(
            (p) =>
              (!within || p.departmentIds.some((d) => within.has(d))) &&
              (!words || `${p.name} ${emailOf(p.id)}`.toLowerCase().includes(words)),
          );
        });
        return (
          <div class="contacts">
            <nav class="contacts-tree" aria-label="Departments">
              <button
                type="button"
                class="contacts-node"
                aria-pressed={department() === null}
                onClick={() => setDepartment(null)}
              >
                Everyone
              </button>
              <For each={tree()}>
                {(row) => (
                  <button
                    type="button"
                    class="contacts-node"
                    style={{ 'padding-left': `${row.depth + 0.5}rem` }}
                    aria-pressed={department() === row.department.id}
                    onClick={() => setDepartment(row.department.id)}
                  >
                    {row.department.name}
                  </button>
                )}
              </For>
            </nav>
            <div class="stack">
              <input
                class="input"
                type="search"
                aria-label="Search by name or email"
                placeholder="Search by name or email"
                value={query()}
                onInput={(event) => setQuery(event.currentTarget.value)}
              />
              <ul class="item-list" aria-label="People">
                <For
                  each={shown()}
                  fallback={
                    <li>
                      <EmptyState title="Nobody here">
                        No one matches; try another department or search.
                      </EmptyState>
                    </li>
                  }
                >
                  {(person) => (
                    <PersonCard
                      person={person}
                      chart={chart()}
                      email={emailOf(person.id)}
                      pathOf={pathOf}
                    />
                  )}
                </For>
              </ul>
            </div>
          </div>
        );
      }}
    </Show>
  );
}

function PersonCard(props: {
  person: OrgPerson;
  chart: OrgChart;
  email: string;
  pathOf: (id: string) => string;
}) {
  const nameOf = (id: string) => props.chart.people.find((p) => p.id === id)?.name ?? 'Someone';
  const reports = () => reportsOf(props.chart, props.person.id);
  const heads = () =>
    props.chart.departments.filter((d) => d.headIds.includes(props.person.id)).map((d) => d.id);
  return (
    <li class="item contacts-person" aria-label={props.person.name}>
      <p>
        <span class="item-title">{props.person.name}</span>{' '}
        <Show when={!props.person.active}>
          <span class="badge">Deactivated</span>
        </Show>{' '}
        <span class="muted small">{props.email}</span>
      </p>
      <dl class="contacts-facts small">
        <Show when={props.person.departmentIds.length > 0}>
          <dt>Departments</dt>
          <dd>
            {props.person.departmentIds
              .map((id) => `${props.pathOf(id)}${heads().includes(id) ? ' (head)' : ''}`)
              .join('; ')}
          </dd>
        </Show>
        <dt>Manager</dt>
        <dd>{props.person.managerId ? nameOf(props.person.managerId) : 'None'}</dd>
        <Show when={reports().length > 0}>
          <dt>Reports</dt>
          <dd>
            {reports()
              .map((p) => p.name)
              .join(', ')}
          </dd>
        </Show>
      </dl>
    </li>
  );
}
