import { createUniqueId, For, Show } from 'solid-js';
import type { Field, ScalarField } from '../../../../../shared/approvals/template.js';
import { FIELD_TYPES, newField, withType, type FieldType } from './template-draft.js';

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** One field of a template: key, label, type, required, help, and what its type needs. */
export function FieldEditor(props: {
  field: Field;
  position: string;
  onChange: (field: Field) => void;
  onRemove: () => void;
  /** Table columns cannot be tables themselves ([APPR2]). */
  inTable?: boolean;
}) {
  const id = createUniqueId();
  const set = (patch: Partial<Field>) => props.onChange({ ...props.field, ...patch } as Field);
  const types = () => FIELD_TYPES.filter((t) => !props.inTable || t.type !== 'table');
  return (
    <fieldset class="fieldset appr-edit-field">
      <legend>
        {props.position}: {props.field.label}
      </legend>
      <div class="appr-edit-grid">
        <label class="appr-inline-label">
          Label
          <input
            class="input"
            value={props.field.label}
            onInput={(e) => set({ label: e.currentTarget.value })}
          />
        </label>
        <label class="appr-inline-label">
          Key
          <input
            class="input"
            value={props.field.id}
            onInput={(e) => set({ id: e.currentTarget.value.trim() })}
          />
        </label>
        <label class="appr-inline-label">
          Type
          <select
            class="input"
            onChange={(e) =>
              props.onChange(withType(props.field, e.currentTarget.value as FieldType))
            }
          >
            <For each={types()}>
              {(t) => (
                <option value={t.type} selected={t.type === props.field.type}>
                  {t.label}
                </option>
              )}
            </For>
          </select>
        </label>
        <label class="appr-inline-label">
          Help
          <input
            class="input"
            value={props.field.help ?? ''}
            onInput={(e) => set({ help: e.currentTarget.value || undefined })}
          />
        </label>
        <Show when={props.field.type === 'money' && props.field}>
          {(money) => (
            <label class="appr-inline-label">
              Currencies (ISO codes, comma separated)
              <input
                class="input"
                value={money().currencies.join(', ')}
                onChange={(e) => set({ currencies: list(e.currentTarget.value.toUpperCase()) })}
              />
            </label>
          )}
        </Show>
        <Show when={props.field.type === 'choice' && props.field}>
          {(choice) => (
            <>
              <label class="appr-inline-label">
                Options (comma separated)
                <input
                  class="input"
                  value={choice().options.join(', ')}
                  onChange={(e) => set({ options: list(e.currentTarget.value) })}
                />
              </label>
              <label class="check">
                <input
                  type="checkbox"
                  checked={choice().multiple}
                  onChange={(e) => set({ multiple: e.currentTarget.checked })}
                />
                Several may be chosen
              </label>
            </>
          )}
        </Show>
      </div>
      <div class="row">
        <label class="check">
          <input
            id={id}
            type="checkbox"
            checked={props.field.required}
            onChange={(e) => set({ required: e.currentTarget.checked })}
          />
          Required
        </label>
        <button type="button" class="button button-small" onClick={() => props.onRemove()}>
          Remove {props.field.label}
        </button>
      </div>
      <Show when={props.field.type === 'table' && props.field}>
        {(table) => (
          <div class="stack appr-edit-columns">
            <For each={table().columns}>
              {(column, i) => (
                <FieldEditor
                  field={column}
                  position={`Column ${i() + 1}`}
                  inTable
                  onChange={(next) =>
                    set({
                      columns: table().columns.map((c, j) =>
                        j === i() ? (next as ScalarField) : c,
                      ),
                    })
                  }
                  onRemove={() =>
                    set({
                      columns: table().columns.filter((_, j) => j !== i()),
                    })
                  }
                />
              )}
            </For>
            <button
              type="button"
              class="button button-small"
              onClick={() =>
                set({
                  columns: [
                    ...table().columns,
                    newField(table().columns.length + 1) as ScalarField,
                  ],
                })
              }
            >
              Add a column
            </button>
          </div>
        )}
      </Show>
    </fieldset>
  );
}
