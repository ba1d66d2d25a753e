import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import type { TemplateBody, TemplateRecord } from '../../../../../shared/api/approvals.js';
import { useApi } from '../../../auth/session-context.js';
import { FormError } from '../../../ui/FormError.js';
import { Skeleton } from '../../../ui/States.js';
import { useAction } from '../../../ui/use-action.js';
import { useOrgChart } from '../../../workspace/org/use-org-chart.js';
import { FieldEditor } from './FieldEditor.js';
import { StepEditor } from './StepEditor.js';
import { checkDraft, newField, newStep } from './template-draft.js';
import '../approvals.css';

/**
 * Admins' "Approval templates" in Settings: the list, and an editor for a template's
 * fields and flow that saves only a valid template ([APPR54]); each save is a new
 * version, and the relay answers `conflict` if another admin saved in between.
 */
export function TemplatesSection() {
  const api = useApi();
  const [list, { refetch }] = createResource(() => api.approvals.templates());
  const [editing, setEditing] = createSignal<TemplateRecord | 'new' | null>(null);
  const archive = useAction(async (record: TemplateRecord) => {
    await api.approvals.archiveTemplate(record.template.id, !record.archived);
    void refetch();
  });
  return (
    <section class="card stack" aria-labelledby="appr-templates-title">
      <h2 id="appr-templates-title">Approval templates</h2>
      <Show
        when={editing()}
        fallback={
          <Show
            when={list.state === 'ready' || list.state === 'refreshing'}
            fallback={<Skeleton label="templates" />}
          >
            <ul class="item-list" aria-label="Templates">
              <For
                each={list()?.templates ?? []}
                fallback={<li class="muted">No templates yet.</li>}
              >
                {(record) => (
                  <li class="item row row-between">
                    <span>
                      <span class="item-title">{record.template.name}</span>{' '}
                      <span class="muted small">
                        version {record.template.version}
                        {record.archived ? ', archived' : ''}
                      </span>
                    </span>
                    <span class="row">
                      <button
                        type="button"
                        class="button button-small"
                        onClick={() => setEditing(record)}
                      >
                        Edit {record.template.name}
                      </button>
                      <button
                        type="button"
                        class="button button-small"
                        onClick={() => archive.run(record)}
                      >
                        {record.archived ? 'Restore' : 'Archive'} {record.template.name}
                      </button>
                    </span>
                  </li>
                )}
              </For>
            </ul>
            <FormError message={archive.error()} />
            <div class="row">
              <button type="button" class="button" onClick={() => setEditing('new')}>
                New template
              </button>
            </div>
          </Show>
        }
      >
        {(record) => (
          <TemplateEditor
            record={record() === 'new' ? null : (record() as TemplateRecord)}
            onDone={() => {
              setEditing(null);
              void refetch();
            }}
          />
        )}
      </Show>
    </section>
  );
}

function TemplateEditor(props: { record: TemplateRecord | null; onDone: () => void }) {
  const api = useApi();
  const org = useOrgChart();
  const start: TemplateBody = props.record
    ? {
        name: props.record.template.name,
        fields: props.record.template.fields,
        flow: props.record.template.flow,
      }
    : { name: 'New template', fields: [newField(1)], flow: [] };
  const [draft, setDraft] = createSignal<TemplateBody>(structuredClone(start));
  const check = createMemo(() => checkDraft(draft()));
  const patch = (next: Partial<TemplateBody>) => setDraft((d) => ({ ...d, ...next }));
  const save = useAction(async () => {
    const body = draft();
    if (props.record) {
      await api.approvals.updateTemplate(props.record.template.id, {
        ...body,
        baseVersion: props.record.template.version,
      });
    } else {
      await api.approvals.createTemplate(body);
    }
    props.onDone();
  });
  return (
    <form
      class="stack"
      aria-label="Template editor"
      onSubmit={(e) => {
        e.preventDefault();
        if ('ok' in check()) save.run();
      }}
    >
      <label class="appr-inline-label">
        Template name
        <input
          class="input"
          value={draft().name}
          onInput={(e) => patch({ name: e.currentTarget.value })}
        />
      </label>
      <h3>Form fields</h3>
      <For each={draft().fields}>
        {(field, i) => (
          <FieldEditor
            field={field}
            position={`Field ${i() + 1}`}
            onChange={(next) =>
              patch({ fields: draft().fields.map((f, j) => (j === i() ? next : f)) })
            }
            onRemove={() => patch({ fields: draft().fields.filter((_, j) => j !== i()) })}
          />
        )}
      </For>
      <div class="row">
        <button
          type="button"
          class="button button-small"
          onClick={() =>
            patch({ fields: [...draft().fields, newField(draft().fields.length + 1)] })
          }
        >
          Add a field
        </button>
      </div>
      <h3>Flow</h3>
      <For
        each={draft().flow}
        fallback={<p class="muted">No steps: requests are approved when submitted.</p>}
      >
        {(step, i) => (
          <StepEditor
            step={step}
            position={i() + 1}
            fields={draft().fields}
            org={org.chart()}
            onChange={(next) => patch({ flow: draft().flow.map((s, j) => (j === i() ? next : s)) })}
            onRemove={() => patch({ flow: draft().flow.filter((_, j) => j !== i()) })}
          />
        )}
      </For>
      <div class="row">
        <button
          type="button"
          class="button button-small"
          onClick={() =>
            patch({
              flow: [...draft().flow, newStep(draft().flow.length + 1, 'approve', draft().fields)],
            })
          }
        >
          Add an approval step
        </button>
        <button
          type="button"
          class="button button-small"
          onClick={() =>
            patch({
              flow: [...draft().flow, newStep(draft().flow.length + 1, 'cc', draft().fields)],
            })
          }
        >
          Add a CC step
        </button>
      </div>
      <Show when={'problems' in check() && check()}>
        {(c) => (
          <div class="form-error" role="status">
            <p>Not saved yet: fix these first.</p>
            <ul aria-label="Template problems">
              <For each={(c() as { problems: string[] }).problems}>{(p) => <li>{p}</li>}</For>
            </ul>
          </div>
        )}
      </Show>
      <FormError message={save.error()} />
      <div class="row">
        <button
          type="submit"
          class="button button-primary"
          disabled={'problems' in check() || save.busy()}
        >
          {save.busy() ? 'Saving…' : 'Save template'}
        </button>
        <button type="button" class="button" onClick={() => props.onDone()}>
          Cancel
        </button>
      </div>
    </form>
  );
}
