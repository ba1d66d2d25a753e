import { createSignal, Show } from 'solid-js';
import { useApi, useSession } from '../../auth/session-context.js';
import { FormError } from '../../ui/FormError.js';
import { SelectField } from '../../ui/SelectField.js';
import { useAction } from '../../ui/use-action.js';
import { useOrgChart } from '../../workspace/org/use-org-chart.js';

const NOBODY = '';

/**
 * Out of office [ORG11]: a person names a delegate and dates, and approval steps resolved
 * meanwhile go to the delegate ([APPR39]). The relay keeps `until` exclusive, so the form
 * asks for the day one is back, which is that date.
 */
export function OutOfOfficeSection() {
  const api = useApi();
  const session = useSession();
  const org = useOrgChart();
  const me = () => session.me()?.user.id ?? '';
  const current = () => org.chart()?.delegations.find((d) => d.personId === me());
  const nameOf = (id: string) => org.chart()?.people.find((p) => p.id === id)?.name ?? 'someone';
  const others = () =>
    (org.chart()?.people ?? [])
      .filter((p) => p.active && p.id !== me() && p.role !== 'guest')
      .sort((a, b) => a.name.localeCompare(b.name));
  const [delegate, setDelegate] = createSignal(NOBODY);
  const [from, setFrom] = createSignal('');
  const [until, setUntil] = createSignal('');
  const save = useAction(async () => {
    if (delegate() === NOBODY) throw new Error('Choose who decides for you meanwhile.');
    if (!from() || !until()) throw new Error('Give the first day away and the day you are back.');
    if (until() <= from())
      throw new Error('The day you are back must come after the first day away.');
    await org.apply(
      api.org.setDelegation({ delegateId: delegate(), from: from(), until: until() }),
    );
  });
  const end = useAction(() => org.apply(api.org.clearDelegation()));

  return (
    <section class="card stack" aria-labelledby="ooo-title">
      <h2 id="ooo-title">Out of office</h2>
      <FormError message={org.error()} />
      <Show
        when={current()}
        fallback={
          <form
            class="stack"
            aria-label="Out of office"
            onSubmit={(event) => {
              event.preventDefault();
              save.run();
            }}
          >
            <p class="muted small">
              While you are away, approval steps that would come to you go to the person you name.
              Requests already waiting for you stay with you.
            </p>
            <SelectField
              label="Who decides for you"
              value={delegate()}
              options={[
                { value: NOBODY, label: 'Choose a person' },
                ...others().map((p) => ({ value: p.id, label: p.name })),
              ]}
              onChange={setDelegate}
            />
            <div class="row">
              <label class="field">
                <span>First day away</span>
                <input
                  class="input"
                  type="date"
                  value={from()}
                  onInput={(event) => setFrom(event.currentTarget.value)}
                />
              </label>
              <label class="field">
                <span>Back on</span>
                <input
                  class="input"
                  type="date"
                  value={until()}
                  onInput={(event) => setUntil(event.currentTarget.value)}
                />
              </label>
            </div>
            <FormError message={save.error()} />
            <div class="row">
              <button type="submit" class="button" disabled={save.busy()}>
                Save out of office
              </button>
            </div>
          </form>
        }
      >
        {(away) => (
          <div class="stack">
            <p role="status">
              Away from {away().from}, back on {away().until}: {nameOf(away().delegateId)} decides
              your approval steps meanwhile.
            </p>
            <FormError message={end.error()} />
            <div class="row">
              <button type="button" class="button" disabled={end.busy()} onClick={() => end.run()}>
                End out of office
              </button>
            </div>
          </div>
        )}
      </Show>
    </section>
  );
}
