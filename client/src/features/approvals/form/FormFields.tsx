import { createUniqueId, For, Show, type JSX } from 'solid-js';
import type { FormValues } from '../../../../../shared/approvals/form.js';
import type { Field, ScalarField } from '../../../../../shared/approvals/template.js';
import type { OrgChart } from '../../../../../shared/org/org-chart.js';
import type { Upload } from './AttachmentInput.js';
import { emptyRow } from './field-value.js';
import { GROUP_KINDS, ScalarInput, type Json } from './ScalarInput.js';
import './approval-form.css';

export interface FormFieldsProps {
  fields: readonly Field[];
  values: FormValues;
  onChange: (fieldId: string, value: Json | undefined) => void;
  /** validateForm's messages by path (see errorsByPath); shown under each field. */
  errors: ReadonlyMap<string, string>;
  org: OrgChart | undefined;
  upload?: Upload | undefined;
}

/**
 * The inputs of a template's form, one per field kind ([APPR2]), each with its label,
 * required mark, help and error, wired for screen readers (aria-describedby,
 * aria-invalid). Pure view: the values and errors come from the caller.
 */
export function FormFields(props: FormFieldsProps) {
  return (
    <div class="stack appr-form">
      <For each={props.fields}>
        {(field) =>
          field.type === 'table' ? (
            <TableInput
              field={field}
              rows={props.values[field.id]}
              onChange={(rows) => props.onChange(field.id, rows)}
              errors={props.errors}
              org={props.org}
              upload={props.upload}
            />
          ) : (
            <FieldBlock
              field={field}
              path={field.id}
              name={field.label}
              value={props.values[field.id]}
              onChange={(value) => props.onChange(field.id, value)}
              error={props.errors.get(field.id)}
              org={props.org}
              upload={props.upload}
            />
          )
        }
      </For>
    </div>
  );
}

function Required() {
  return (
    <>
      <span class="appr-required" aria-hidden="true">
        {' *'}
      </span>
      <span class="visually-hidden"> (required)</span>
    </>
  );
}

function FieldBlock(props: {
  field: ScalarField;
  path: string;
  /** The label as read out; table cells add their line number. */
  name: string;
  value: Json | undefined;
  onChange: (value: Json | undefined) => void;
  error: string | undefined;
  org: OrgChart | undefined;
  upload: Upload | undefined;
}) {
  const id = createUniqueId();
  const describedBy = () =>
    [props.field.help ? `${id}-help` : '', props.error ? `${id}-error` : '']
      .filter(Boolean)
      .join(' ') || undefined;
  const label = (): JSX.Element => (
    <>
      {props.name}
      <Show when={props.field.required}>
        <Required />
      </Show>
    </>
  );
  const body = (
    <>
      <ScalarInput
        field={props.field}
        value={props.value}
        onChange={props.onChange}
        id={id}
        describedBy={describedBy()}
        invalid={props.error !== undefined}
        name={props.name}
        org={props.org}
        upload={props.upload}
      />
      <Show when={props.field.help}>
        <p id={`${id}-help`} class="muted small">
          {props.field.help}
        </p>
      </Show>
      <Show when={props.error}>
        <p id={`${id}-error`} class="appr-field-error small">
          {props.error}
        </p>
      </Show>
    </>
  );
  return (
    <Show
      when={GROUP_KINDS.has(props.field.type)}
      fallback={
        <div class="field" data-field={props.path}>
          <label for={id}>{label()}</label>
          {body}
        </div>
      }
    >
      <fieldset class="fieldset appr-group" data-field={props.path}>
        <legend>{label()}</legend>
        {body}
      </fieldset>
    </Show>
  );
}

function TableInput(props: {
  field: Extract<Field, { type: 'table' }>;
  rows: Json | undefined;
  onChange: (rows: Json | undefined) => void;
  errors: ReadonlyMap<string, string>;
  org: OrgChart | undefined;
  upload: Upload | undefined;
}) {
  const rows = (): Record<string, Json>[] =>
    Array.isArray(props.rows)
      ? props.rows.filter(
          (r): r is Record<string, Json> =>
            typeof r === 'object' && r !== null && !Array.isArray(r),
        )
      : [];
  const setCell = (index: number, column: string, value: Json | undefined) =>
    props.onChange(
      rows().map((row, i) => (i === index ? { ...row, [column]: value ?? null } : row)),
    );
  const remove = (index: number) => {
    const rest = rows().filter((_, i) => i !== index);
    props.onChange(rest.length ? rest : undefined);
  };
  let addButton: HTMLButtonElement | undefined;
  return (
    <fieldset class="fieldset appr-table" data-field={props.field.id}>
      <legend>
        {props.field.label}
        <Show when={props.field.required}>
          <Required />
        </Show>
      </legend>
      <Show when={props.field.help}>
        <p class="muted small">{props.field.help}</p>
      </Show>
      <Show when={props.errors.get(props.field.id)}>
        {(message) => <p class="appr-field-error small">{message()}</p>}
      </Show>
      <For each={rows()}>
        {(row, index) => (
          <fieldset class="appr-table-row">
            <legend class="small">
              {props.field.label}, line {index() + 1}
            </legend>
            <For each={props.field.columns}>
              {(column) => (
                <FieldBlock
                  field={column}
                  path={`${props.field.id}[${index()}].${column.id}`}
                  name={`${column.label}`}
                  value={row[column.id] ?? undefined}
                  onChange={(value) => setCell(index(), column.id, value)}
                  error={props.errors.get(`${props.field.id}[${index()}].${column.id}`)}
                  org={props.org}
                  upload={props.upload}
                />
              )}
            </For>
            <button
              type="button"
              class="button button-small appr-row-remove"
              aria-label={`Remove line ${index() + 1} of ${props.field.label}`}
              onClick={() => {
                remove(index());
                addButton?.focus();
              }}
            >
              Remove line
            </button>
          </fieldset>
        )}
      </For>
      <button
        ref={addButton}
        type="button"
        class="button button-small"
        onClick={() => props.onChange([...rows(), emptyRow(props.field.columns)])}
      >
        Add a line
      </button>
    </fieldset>
  );
}
