import { For, Show } from 'solid-js';
import { Attachment, Money, type FormValues } from '../../../../shared/approvals/form.js';
import type { Field, ScalarField } from '../../../../shared/approvals/template.js';
import { AttachmentLinks } from './AttachmentLinks.js';
import { formatMoney } from './form/field-value.js';

type Json = FormValues[string];

function scalarText(
  field: ScalarField,
  value: Json | undefined,
  name: (id: string) => string,
  department: (id: string) => string,
): string {
  if (value === undefined || value === null || value === '') return '—';
  switch (field.type) {
    case 'money': {
      const money = Money.safeParse(value);
      return money.success ? formatMoney(money.data.amount, money.data.currency) : '—';
    }
    case 'dateRange': {
      const range = value as { from?: string; to?: string };
      return `${range.from ?? '?'} to ${range.to ?? '?'}`;
    }
    case 'choice':
      return Array.isArray(value) ? value.join(', ') : String(value);
    case 'person':
      return name(String(value));
    case 'department':
      return department(String(value));
    case 'attachment': {
      const files = Attachment.array().safeParse(value);
      return files.success ? files.data.map((f) => f.name).join(', ') : '—';
    }
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

function filesIn(value: Json | undefined) {
  const files = Attachment.array().safeParse(value);
  return files.success && files.data.length > 0 ? files.data : undefined;
}

/** A submitted form, read only: each field's label and value as a person reads it. */
export function FormValuesView(props: {
  fields: readonly Field[];
  form: FormValues;
  name: (id: string) => string;
  department: (id: string) => string;
  /** Set on a submitted request: its files open after the device checks their hash. */
  requestId?: string;
}) {
  return (
    <dl class="appr-values">
      <For each={props.fields}>
        {(field) => (
          <>
            <dt>{field.label}</dt>
            <dd>
              <Show
                when={field.type === 'table' && field}
                fallback={
                  <Show
                    when={
                      field.type === 'attachment' &&
                      props.requestId !== undefined &&
                      filesIn(props.form[field.id])
                    }
                    fallback={scalarText(
                      field as ScalarField,
                      props.form[field.id],
                      props.name,
                      props.department,
                    )}
                  >
                    {(files) => <AttachmentLinks requestId={props.requestId!} files={files()} />}
                  </Show>
                }
              >
                {(table) => {
                  const rows = () => {
                    const value = props.form[table().id];
                    return Array.isArray(value) ? (value as Record<string, Json>[]) : [];
                  };
                  return (
                    <Show when={rows().length > 0} fallback="—">
                      <div class="appr-table-scroll">
                        <table class="appr-table-view">
                          <thead>
                            <tr>
                              <For each={table().columns}>
                                {(c) => <th scope="col">{c.label}</th>}
                              </For>
                            </tr>
                          </thead>
                          <tbody>
                            <For each={rows()}>
                              {(row) => (
                                <tr>
                                  <For each={table().columns}>
                                    {(c) => (
                                      <td>
                                        {scalarText(c, row[c.id], props.name, props.department)}
                                      </td>
                                    )}
                                  </For>
                                </tr>
                              )}
                            </For>
                          </tbody>
                        </table>
                      </div>
                    </Show>
                  );
                }}
              </Show>
            </dd>
          </>
        )}
      </For>
    </dl>
  );
}
