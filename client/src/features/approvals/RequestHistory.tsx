import { For, Show } from 'solid-js';
import { Attachment } from '../../../../shared/approvals/form.js';
import type { LogEntry } from '../../../../shared/approvals/log.js';
import { AttachmentLinks } from './AttachmentLinks.js';

const VERB: Record<LogEntry['kind'], string> = {
  submit: 'submitted',
  approve: 'approved',
  reject: 'rejected',
  return: 'returned it',
  transfer: 'transferred their step',
  addApprover: 'added an approver',
  withdraw: 'withdrew it',
  resubmit: 'resubmitted',
  comment: 'commented',
  urge: 'urged the approvers',
  reroute: 'moved a step',
};

/** [APPR81] why the relay moved a place, from the first reason it recorded. */
function rerouteWhy(body: Record<string, unknown>): string {
  const first = Array.isArray(body.via)
    ? (body.via[0] as { kind?: unknown } | undefined)
    : undefined;
  return first?.kind === 'delegate' ? 'out of office' : 'deactivated';
}

/** A decision's or comment's attachments [APPR85]; undefined when none. */
function filesOf(entry: LogEntry) {
  const files = Attachment.array().safeParse(entry.body.attachments);
  return files.success && files.data.length > 0 ? files.data : undefined;
}

/** The verified log as a person reads it: who did what when, with comments. */
export function RequestHistory(props: {
  entries: readonly LogEntry[];
  name: (id: string) => string;
}) {
  const detail = (entry: LogEntry) => {
    const body = entry.body as Record<string, unknown>;
    const target =
      entry.kind === 'transfer'
        ? ` to ${props.name(String(body.to))}`
        : entry.kind === 'addApprover'
          ? `: ${props.name(String(body.personId))}, ${String(body.position)} them`
          : entry.kind === 'reroute'
            ? ` of ${props.name(String(body.from))} to ${props.name(String(body.to))} (${rerouteWhy(body)})`
            : '';
    const text = typeof body.text === 'string' ? body.text : body.comment;
    return { target, text: typeof text === 'string' ? text : '' };
  };
  return (
    <ol class="item-list appr-history" aria-label="History">
      <For each={props.entries}>
        {(entry) => (
          <li class="item">
            <p>
              <span class="item-title">{props.name(entry.actor)}</span> {VERB[entry.kind]}
              {detail(entry).target}{' '}
              <time class="muted small" dateTime={entry.at}>
                {new Date(entry.at).toLocaleString()}
              </time>
            </p>
            <Show when={detail(entry).text}>
              <p class="appr-comment">{detail(entry).text}</p>
            </Show>
            <Show when={filesOf(entry)}>
              {(files) => <AttachmentLinks requestId={entry.requestId} files={files()} />}
            </Show>
          </li>
        )}
      </For>
    </ol>
  );
}
