import { A, useParams } from '@solidjs/router';
import { createSignal, Match, Show, Switch } from 'solid-js';
import type { RequestState } from '../../../../shared/approvals/state.js';
import { currentApprovers } from '../../../../shared/approvals/state.js';
import { useSession } from '../../auth/session-context.js';
import { ErrorState, Skeleton } from '../../ui/States.js';
import { useAction } from '../../ui/use-action.js';
import { useApprovals } from '../../workspace/approvals/approvals-context.js';
import { useOrgChart } from '../../workspace/org/use-org-chart.js';
import { FormValuesView } from './FormValuesView.js';
import { ProofDownload } from './ProofDownload.js';
import { QueuedList } from './QueuedList.js';
import { RequestActions } from './RequestActions.js';
import { RequestForm } from './RequestForm.js';
import { RequestHistory } from './RequestHistory.js';
import { RouteView, type Decision } from './RouteView.js';
import { STATUS_LABEL } from './boxes.js';
import { useRequestDetail } from './use-request-detail.js';
import './approvals.css';

/**
 * One request: its form, route and history, and the actions open to this person,
 * shown only from a log that verified with the pinned relay key ([APPR29], [APPR50]).
 * The key's fingerprint is in the footer so a person can compare it with the operator's.
 */
export function RequestPage() {
  const params = useParams<{ id: string }>();
  const session = useSession();
  const approvals = useApprovals();
  const org = useOrgChart();
  const request = useRequestDetail(() => params.id);
  const name = (id: string) =>
    request.detail()?.people[id] ?? org.chart()?.people.find((p) => p.id === id)?.name ?? 'Someone';
  const department = (id: string) =>
    org.chart()?.departments.find((d) => d.id === id)?.name ?? 'A department';
  const verified = request.verified;
  return (
    <div class="page page-readable stack">
      <header class="page-header">
        <p>
          <A href="/approvals">Approvals</A>
        </p>
        <h1>{request.detail()?.template.name ?? 'Request'}</h1>
      </header>
      <QueuedList requestId={params.id} />
      <Show when={request.error()}>
        {(error) => (
          <Show
            when={request.detail()}
            fallback={
              <ErrorState title="This request could not be loaded">{error().message}</ErrorState>
            }
          >
            <p class="notice" role="status">
              {error().offline
                ? 'Offline: this is the request as last read from the relay.'
                : error().message}
            </p>
          </Show>
        )}
      </Show>
      <Switch>
        <Match when={verified().kind === 'waiting' && !request.error()}>
          <Skeleton label="request" lines={5} />
        </Match>
        <Match when={verified().kind === 'noKey' && verified()}>
          {(v) => (
            <ErrorState title="This request cannot be verified yet">
              The relay’s signing key is not on this device and could not be fetched (
              {(v() as { message: string }).message}). Nothing is shown until its history can be
              checked.
            </ErrorState>
          )}
        </Match>
        <Match when={verified().kind === 'keyChanged' && verified()}>
          {(v) => (
            <KeyChanged
              {...(v() as Extract<ReturnType<typeof verified>, { kind: 'keyChanged' }>)}
            />
          )}
        </Match>
        <Match when={verified().kind === 'broken' && verified()}>
          {(v) => {
            const b = () => v() as Extract<ReturnType<typeof verified>, { kind: 'broken' }>;
            return (
              <>
                <ErrorState title="This request’s history did not verify">
                  Entry {b().broken.seq + 1} fails the check ({b().broken.reason}:{' '}
                  {b().broken.message}). Its state is not shown: it may have been tampered with.
                  Tell your workspace admin.
                </ErrorState>
                <KeyFooter fingerprint={b().fingerprint} />
              </>
            );
          }}
        </Match>
        <Match when={verified().kind === 'ok' && request.detail() && verified()}>
          {(v) => {
            const ok = () => v() as Extract<ReturnType<typeof verified>, { kind: 'ok' }>;
            return (
              <Verified
                state={ok().state}
                fingerprint={ok().fingerprint}
                me={session.me()?.user.id ?? ''}
                name={name}
                department={department}
              />
            );
          }}
        </Match>
      </Switch>
    </div>
  );

  function Verified(props: {
    state: RequestState;
    fingerprint: string;
    me: string;
    name: (id: string) => string;
    department: (id: string) => string;
  }) {
    const [editing, setEditing] = createSignal(false);
    const detail = () => request.detail()!;
    const approvedAt = (personId: string) =>
      detail().entries.findLast((e) => e.kind === 'approve' && e.actor === personId)?.at ?? '';
    const decision = (step: number, personId: string): Decision =>
      props.state.approved[step]?.includes(personId)
        ? { kind: 'approved', at: approvedAt(personId) }
        : step === props.state.current && currentApprovers(props.state).includes(personId)
          ? { kind: 'now' }
          : { kind: 'later' };
    const resubmit = useAction(async (form: Record<string, unknown>) => {
      const sent = await approvals.send({
        kind: 'act',
        requestId: props.state.requestId,
        body: { actionId: crypto.randomUUID(), action: { kind: 'resubmit', form: form as never } },
        queuedAt: new Date().toISOString(),
      });
      if (sent.kind === 'refused') throw new Error(`The relay refused: ${sent.message}`);
      setEditing(false);
    });
    return (
      <>
        <p class="row">
          <span class={`badge appr-status appr-status-${props.state.status}`}>
            {STATUS_LABEL[props.state.status]}
          </span>
          <span class="muted">
            Submitted by {props.name(props.state.submitterId)},{' '}
            {new Date(props.state.submittedAt).toLocaleString()}
          </span>
        </p>
        <Show
          when={editing()}
          fallback={
            <>
              <section class="card stack" aria-labelledby="appr-form-title">
                <h2 id="appr-form-title">Form</h2>
                <FormValuesView
                  requestId={props.state.requestId}
                  fields={detail().template.fields}
                  form={props.state.form}
                  name={props.name}
                  department={props.department}
                />
              </section>
              <section class="card stack" aria-labelledby="appr-route-title">
                <h2 id="appr-route-title">Route</h2>
                <RouteView
                  route={props.state.route}
                  name={props.name}
                  decision={decision}
                  label="Route of this request"
                />
              </section>
              <RequestActions
                state={props.state}
                me={props.me}
                org={org.chart()}
                name={props.name}
                onEdit={() => setEditing(true)}
              />
            </>
          }
        >
          <RequestForm
            template={detail().template}
            initial={props.state.form}
            sendLabel="Resubmit"
            busy={resubmit.busy()}
            error={resubmit.error()}
            onSend={(form) => resubmit.run(form)}
          />
          <button type="button" class="button" onClick={() => setEditing(false)}>
            Cancel editing
          </button>
        </Show>
        <section class="stack" aria-labelledby="appr-history-title">
          <h2 id="appr-history-title">History</h2>
          <RequestHistory entries={detail().entries} name={props.name} />
        </section>
        <KeyFooter fingerprint={props.fingerprint} entries={detail().entries.length} />
        <ProofDownload requestId={props.state.requestId} />
      </>
    );
  }
}

function KeyFooter(props: { fingerprint: string; entries?: number }) {
  return (
    <footer class="muted small appr-key">
      <Show when={props.entries !== undefined}>
        <p>
          <span class="badge appr-status-approved">Verified</span>{' '}
          {props.entries === 1 ? '1 entry' : `${props.entries} entries`} signed by the relay,
          checked on this device.
        </p>
      </Show>
      <p>
        Relay key fingerprint: <code>{props.fingerprint}</code>
      </p>
    </footer>
  );
}

function KeyChanged(props: { pinned: string; offered: string; publicKey: string }) {
  const approvals = useApprovals();
  return (
    <ErrorState
      title="The relay’s signing key changed"
      action={
        <div class="stack">
          <p>
            Trust the new key only after your operator confirms its fingerprint (they see it with{' '}
            <code>npm run admin -- approvals-key</code>).
          </p>
          <button
            type="button"
            class="button"
            onClick={() => approvals.acceptNewKey(props.publicKey)}
          >
            I checked it: trust the new key
          </button>
        </div>
      }
    >
      This device pinned the key <code>{props.pinned}</code>; the relay now offers{' '}
      <code>{props.offered}</code>. Requests are not shown until this is resolved: a changed key can
      mean someone is impersonating the relay.
    </ErrorState>
  );
}
