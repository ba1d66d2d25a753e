import { createSignal, createUniqueId, For, Show } from 'solid-js';
import type { ClientAction } from '../../../../shared/api/approvals.js';
import { currentApprovers, type RequestState } from '../../../../shared/approvals/state.js';
import type { OrgChart } from '../../../../shared/org/org-chart.js';
import { FormError } from '../../ui/FormError.js';
import { useAction } from '../../ui/use-action.js';
import { useApprovals } from '../../workspace/approvals/approvals-context.js';
import { Attachment } from '../../../../shared/approvals/form.js';
import { uploadApprovalFile } from '../../lib/upload-file.js';
import { AttachmentInput } from './form/AttachmentInput.js';
import type { Json } from './form/field-value.js';
import { PersonPicker } from './form/OrgPickers.js';

/**
 * What this person may do on the request now, from the verified state ([APPR12]–
 * [APPR21]): an approver decides (approve, reject, return, transfer, add an approver),
 * the submitter withdraws or urges, anyone on it comments. A refusal shows the
 * relay's own message; offline the action is queued (shown above by QueuedList).
 */
export function RequestActions(props: {
  state: RequestState;
  me: string;
  org: OrgChart | undefined;
  name: (id: string) => string;
  onEdit: () => void;
}) {
  const approvals = useApprovals();
  const commentId = createUniqueId();
  const [comment, setComment] = createSignal('');
  // Files go with an approval, rejection or comment; each is uploaded when picked and
  // named in the signed entry by its hash [APPR85].
  const [files, setFiles] = createSignal<Json | undefined>(undefined);
  const [note, setNote] = createSignal<string | null>(null);
  const act = useAction(async (action: ClientAction) => {
    setNote(null);
    const sent = await approvals.send({
      kind: 'act',
      requestId: props.state.requestId,
      body: { actionId: crypto.randomUUID(), action },
      queuedAt: new Date().toISOString(),
    });
    if (sent.kind === 'refused') throw new Error(`The relay refused: ${sent.message}`);
    setComment('');
    setFiles(undefined);
    if (sent.kind === 'queued') setNote('Waiting for the relay: sent when the connection returns.');
  });
  const withComment = () => (comment().trim() ? { comment: comment().trim() } : {});
  const withFiles = () => {
    const picked = Attachment.array().safeParse(files());
    return picked.success && picked.data.length > 0 ? { attachments: picked.data } : {};
  };
  const isApprover = () => currentApprovers(props.state).includes(props.me);
  const isSubmitter = () => props.state.submitterId === props.me;
  const pending = () => props.state.status === 'pending';
  const canWithdraw = () =>
    isSubmitter() && ((pending() && !props.state.decided) || props.state.status === 'returned');
  const earlierSteps = () =>
    props.state.route
      .map((step, index) => ({ step, index }))
      .filter(({ step, index }) => step.kind === 'approve' && index < props.state.current);
  const [returnTo, setReturnTo] = createSignal('submitter');
  const [person, setPerson] = createSignal('');
  const [position, setPosition] = createSignal<'before' | 'after'>('after');

  return (
    <section class="card stack appr-actions" aria-labelledby={`${commentId}-title`}>
      <h2 id={`${commentId}-title`}>{isApprover() ? 'Your decision' : 'Actions'}</h2>
      <Show when={props.state.participants.includes(props.me)}>
        <div class="field">
          <label for={commentId}>Comment</label>
          <textarea
            id={commentId}
            class="input"
            rows="3"
            value={comment()}
            onInput={(e) => setComment(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for={`${commentId}-files`}>Files</label>
          <AttachmentInput
            id={`${commentId}-files`}
            describedBy={undefined}
            value={files()}
            onChange={setFiles}
            upload={uploadApprovalFile}
          />
        </div>
      </Show>
      <div class="row">
        <Show when={isApprover()}>
          <button
            type="button"
            class="button button-primary"
            disabled={act.busy()}
            onClick={() => act.run({ kind: 'approve', ...withComment(), ...withFiles() })}
          >
            Approve
          </button>
          <button
            type="button"
            class="button button-danger"
            disabled={act.busy()}
            onClick={() => act.run({ kind: 'reject', ...withComment(), ...withFiles() })}
          >
            Reject
          </button>
        </Show>
        <Show when={props.state.participants.includes(props.me)}>
          <button
            type="button"
            class="button"
            disabled={act.busy() || !comment().trim()}
            onClick={() => act.run({ kind: 'comment', text: comment().trim(), ...withFiles() })}
          >
            Comment
          </button>
        </Show>
        <Show when={isSubmitter() && pending()}>
          <button
            type="button"
            class="button"
            disabled={act.busy()}
            onClick={() => act.run({ kind: 'urge' })}
          >
            Urge
          </button>
        </Show>
        <Show when={canWithdraw()}>
          <button
            type="button"
            class="button button-danger"
            disabled={act.busy()}
            onClick={() => act.run({ kind: 'withdraw', ...withComment() })}
          >
            Withdraw
          </button>
        </Show>
        <Show when={isSubmitter() && props.state.status === 'returned'}>
          <button type="button" class="button button-primary" onClick={() => props.onEdit()}>
            Edit and resubmit
          </button>
        </Show>
      </div>
      <Show when={isApprover()}>
        <details class="appr-more">
          <summary>Return, transfer or add an approver</summary>
          <div class="stack">
            <div class="row">
              <label class="appr-inline-label">
                Return to
                <select class="input" onChange={(e) => setReturnTo(e.currentTarget.value)}>
                  <option value="submitter">The submitter, to edit</option>
                  <For each={earlierSteps()}>
                    {({ step, index }) => (
                      <option value={String(index)}>
                        {step.kind === 'approve'
                          ? step.approvers.map((a) => props.name(a.id)).join(', ')
                          : ''}
                      </option>
                    )}
                  </For>
                </select>
              </label>
              <button
                type="button"
                class="button"
                disabled={act.busy()}
                onClick={() =>
                  act.run({
                    kind: 'return',
                    ...(returnTo() === 'submitter' ? {} : { toStep: Number(returnTo()) }),
                    ...withComment(),
                  })
                }
              >
                Return
              </button>
            </div>
            <div class="field">
              <label for={`${commentId}-person`}>Person</label>
              <PersonPicker
                id={`${commentId}-person`}
                aria-describedby={undefined}
                aria-invalid={undefined}
                aria-required={undefined}
                org={props.org}
                value={person()}
                onChange={setPerson}
              />
            </div>
            <div class="row">
              <button
                type="button"
                class="button"
                disabled={act.busy() || !person()}
                onClick={() => act.run({ kind: 'transfer', to: person(), ...withComment() })}
              >
                Transfer my step to them
              </button>
              <label class="appr-inline-label">
                Add them
                <select
                  class="input"
                  onChange={(e) => setPosition(e.currentTarget.value as 'before' | 'after')}
                >
                  <option value="after">after me</option>
                  <option value="before">before me</option>
                </select>
              </label>
              <button
                type="button"
                class="button"
                disabled={act.busy() || !person()}
                onClick={() =>
                  act.run({
                    kind: 'addApprover',
                    personId: person(),
                    position: position(),
                    ...withComment(),
                  })
                }
              >
                Add approver
              </button>
            </div>
          </div>
        </details>
      </Show>
      <Show when={note()}>
        <p class="notice" role="status">
          {note()}
        </p>
      </Show>
      <FormError message={act.error()} />
    </section>
  );
}
