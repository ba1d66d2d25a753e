import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import type { FormValues } from '../../../../shared/approvals/form.js';
import { useApi } from '../../auth/session-context.js';
import { EmptyState, ErrorState, Skeleton } from '../../ui/States.js';
import { useAction } from '../../ui/use-action.js';
import { useApprovals } from '../../workspace/approvals/approvals-context.js';
import { viewerTimeZone, zonedParts } from '../../../../shared/model/time/zoned-time.js';
import { formGist } from '../../workspace/approvals/request-history.js';
import { useRequestHistory } from '../../workspace/approvals/use-request-history.js';
import { RequestForm } from './RequestForm.js';
import { DescribeRequest, RequestHints } from './RequestHelp.js';
import './approvals.css';

/** Choose a template, fill its form, see the route, submit (queued when offline). */
export function NewRequestPage() {
  const api = useApi();
  const approvals = useApprovals();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [templates] = createResource(() => api.approvals.templates());
  const loadError = (): string => {
    const failure: unknown = templates.error;
    return failure instanceof Error ? failure.message : 'Try again later.';
  };
  const usable = () => templates()?.templates.filter((t) => !t.archived) ?? [];
  const chosen = () => usable().find((t) => t.template.id === params.template)?.template;
  const history = useRequestHistory();
  // What the description filled in, for the template it was read for [APPR73].
  const [prefill, setPrefill] = createSignal<{ templateId: string; form: FormValues } | null>(null);
  const initialFor = (templateId: string) =>
    prefill()?.templateId === templateId ? prefill()!.form : {};
  const submit = useAction(async (templateId: string, form: FormValues) => {
    const sent = await approvals.send({
      kind: 'submit',
      body: { actionId: crypto.randomUUID(), templateId, form },
      queuedAt: new Date().toISOString(),
    });
    if (sent.kind === 'refused') throw new Error(sent.message);
    const template = chosen();
    if (sent.kind === 'accepted' && template) {
      const { request } = sent.result;
      history.remember([
        {
          requestId: request.id,
          templateId,
          ...formGist(template, form),
          submittedAt: Date.parse(request.submittedAt),
          decidedAt: null,
        },
      ]);
    }
    navigate(
      sent.kind === 'accepted'
        ? `/approvals/${encodeURIComponent(sent.result.request.id)}`
        : '/approvals?box=submitted',
    );
  });
  return (
    <div class="page page-readable stack">
      <header class="page-header">
        <p>
          <A href="/approvals">Approvals</A>
        </p>
        <h1>{chosen()?.name ?? 'New request'}</h1>
      </header>
      <Show
        when={templates.state === 'ready' || templates.state === 'refreshing'}
        fallback={
          <Show
            when={templates.state === 'errored'}
            fallback={<Skeleton label="templates" lines={3} />}
          >
            <ErrorState title="Templates could not be loaded">{loadError()}</ErrorState>
          </Show>
        }
      >
        <Show
          when={chosen()}
          keyed
          fallback={
            <>
              <Show when={usable().length > 0}>
                <DescribeRequest
                  templates={usable().map((r) => r.template)}
                  past={history.list()}
                  today={zonedParts(Date.now(), viewerTimeZone()).date}
                  onUse={(template, form) => {
                    setPrefill({ templateId: template.id, form });
                    setParams({ template: template.id });
                  }}
                />
              </Show>
              <section class="stack" aria-labelledby="appr-choose">
                <h2 id="appr-choose">Choose a template</h2>
                <ul class="item-list appr-templates">
                  <For
                    each={usable()}
                    fallback={
                      <li>
                        <EmptyState title="No templates yet" level={3}>
                          An admin adds approval templates in Settings.
                        </EmptyState>
                      </li>
                    }
                  >
                    {(record) => (
                      <li class="item">
                        <button
                          type="button"
                          class="button"
                          onClick={() => setParams({ template: record.template.id })}
                        >
                          {record.template.name}
                        </button>
                      </li>
                    )}
                  </For>
                </ul>
              </section>
            </>
          }
        >
          {(template) => (
            <RequestForm
              template={template}
              initial={initialFor(template.id)}
              sendLabel="Submit request"
              busy={submit.busy()}
              error={submit.error()}
              onSend={(form) => submit.run(template.id, form)}
              hints={(form) => (
                <RequestHints template={template} form={form} past={history.list()} />
              )}
            />
          )}
        </Show>
      </Show>
    </div>
  );
}
