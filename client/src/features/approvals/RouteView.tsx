import { For, Show } from 'solid-js';
import type { RouteStep, Via } from '../../../../shared/approvals/route.js';

const MODE = {
  sequential: 'one after another',
  all: 'all must approve',
  any: 'any one approves',
} as const;

/** Where a person's decision stands on a request being shown; absent in a preview. */
export type Decision = { kind: 'approved'; at: string } | { kind: 'now' } | { kind: 'later' };

function viaText(via: Via, name: (id: string) => string): string {
  switch (via.kind) {
    case 'deactivated':
      return `for ${name(via.for)}, deactivated`;
    case 'delegate':
      return `for ${name(via.for)}, out of office`;
    case 'fallbackAdmin':
      return 'an admin: nobody was found for this step';
    case 'addedBy':
      return `added by ${name(via.by)}`;
    case 'transferredBy':
      return `transferred by ${name(via.by)}`;
  }
}

/**
 * A route as an ordered list of steps: each approve step with its mode and people (and,
 * on a request, who approved when and who decides now), each CC step with its
 * recipients. The same view shows the preview and the recorded route.
 */
export function RouteView(props: {
  route: readonly RouteStep[];
  name: (id: string) => string;
  decision?: (step: number, personId: string) => Decision;
  label: string;
}) {
  let approveNumber = 0;
  const numbers = () => {
    approveNumber = 0;
    return props.route.map((s) => (s.kind === 'approve' ? ++approveNumber : 0));
  };
  return (
    <ol class="appr-route" aria-label={props.label}>
      <For
        each={props.route}
        fallback={<li class="muted">No approver: the request is approved when submitted.</li>}
      >
        {(step, index) => (
          <li class={`appr-step appr-step-${step.kind}`}>
            <Show
              when={step.kind === 'approve' && step}
              fallback={
                <p>
                  <span class="appr-step-title">CC</span>{' '}
                  {step.kind === 'cc' ? step.recipients.map(props.name).join(', ') : ''}
                </p>
              }
            >
              {(approve) => (
                <>
                  <p>
                    <span class="appr-step-title">Step {numbers()[index()]}</span>
                    <Show when={approve().approvers.length > 1}>
                      <span class="muted small"> · {MODE[approve().mode]}</span>
                    </Show>
                  </p>
                  <ul class="appr-approvers">
                    <For each={approve().approvers}>
                      {(a) => {
                        const decision = () => props.decision?.(index(), a.id);
                        return (
                          <li class="row">
                            <span>{props.name(a.id)}</span>
                            <For each={a.via}>
                              {(via) => (
                                <span class="muted small">({viaText(via, props.name)})</span>
                              )}
                            </For>
                            <Show when={decision()?.kind === 'approved' && decision()}>
                              {(d) => (
                                <span class="badge appr-status-approved">
                                  Approved {new Date((d() as { at: string }).at).toLocaleString()}
                                </span>
                              )}
                            </Show>
                            <Show when={decision()?.kind === 'now'}>
                              <span class="badge badge-warn">Deciding now</span>
                            </Show>
                          </li>
                        );
                      }}
                    </For>
                  </ul>
                </>
              )}
            </Show>
          </li>
        )}
      </For>
    </ol>
  );
}
