import { For, Show } from 'solid-js';
import type {
  ApproverSource,
  Condition,
  Field,
  FlowStep,
} from '../../../../../shared/approvals/template.js';
import type { OrgChart } from '../../../../../shared/org/org-chart.js';
import { amountText, parseAmount } from '../form/field-value.js';
import { SourceDetail } from './SourceDetail.js';
import { newSource, SOURCE_KINDS } from './template-draft.js';

/**
 * One flow step: approve or CC, its mode, where its people come from (the first
 * source; further sources made elsewhere are kept as they are) and an optional
 * condition on an amount or the submitter's department ([APPR4]).
 */
export function StepEditor(props: {
  step: FlowStep;
  position: number;
  fields: readonly Field[];
  org: OrgChart | undefined;
  onChange: (step: FlowStep) => void;
  onRemove: () => void;
}) {
  const sources = () =>
    props.step.kind === 'approve' ? props.step.approvers : props.step.recipients;
  const setSource = (source: ApproverSource) => {
    const next = [source, ...sources().slice(1)];
    props.onChange(
      props.step.kind === 'approve'
        ? { ...props.step, approvers: next }
        : { ...props.step, recipients: next },
    );
  };
  const source = () => sources()[0]!;
  const numeric = () => props.fields.filter((f) => f.type === 'money' || f.type === 'number');
  const setWhen = (when: Condition | undefined) => {
    const next = { ...props.step };
    delete next.when;
    props.onChange(when ? { ...next, when } : next);
  };
  const currencyOf = (fieldId: string) => {
    const f = props.fields.find((x) => x.id === fieldId);
    return f?.type === 'money' ? f.currencies[0] : undefined;
  };
  const conditionKind = () => props.step.when?.kind ?? 'none';
  return (
    <fieldset class="fieldset appr-edit-step">
      <legend>
        Step {props.position}
        {props.step.name ? `: ${props.step.name}` : ''}
      </legend>
      <div class="appr-edit-grid">
        <label class="appr-inline-label">
          Name
          <input
            class="input"
            value={props.step.name ?? ''}
            onInput={(e) =>
              props.onChange({ ...props.step, name: e.currentTarget.value || undefined })
            }
          />
        </label>
        <label class="appr-inline-label">
          Kind
          <select
            class="input"
            onChange={(e) => {
              const { id, name, when } = props.step;
              const common = { id, ...(name ? { name } : {}), ...(when ? { when } : {}) };
              props.onChange(
                e.currentTarget.value === 'cc'
                  ? { kind: 'cc', ...common, recipients: sources() }
                  : { kind: 'approve', ...common, mode: 'sequential', approvers: sources() },
              );
            }}
          >
            <option value="approve" selected={props.step.kind === 'approve'}>
              Approve
            </option>
            <option value="cc" selected={props.step.kind === 'cc'}>
              CC (no action)
            </option>
          </select>
        </label>
        <Show when={props.step.kind === 'approve' && props.step}>
          {(approve) => (
            <label class="appr-inline-label">
              Mode
              <select
                class="input"
                onChange={(e) =>
                  props.onChange({ ...approve(), mode: e.currentTarget.value as 'all' })
                }
              >
                <option value="sequential" selected={approve().mode === 'sequential'}>
                  One after another
                </option>
                <option value="all" selected={approve().mode === 'all'}>
                  All must approve
                </option>
                <option value="any" selected={approve().mode === 'any'}>
                  Any one approves
                </option>
              </select>
            </label>
          )}
        </Show>
        <label class="appr-inline-label">
          People
          <select
            class="input"
            onChange={(e) =>
              setSource(newSource(e.currentTarget.value as ApproverSource['kind'], props.fields))
            }
          >
            <For each={SOURCE_KINDS}>
              {(k) => (
                <option value={k.kind} selected={k.kind === source().kind}>
                  {k.label}
                </option>
              )}
            </For>
          </select>
        </label>
        <SourceDetail
          source={source()}
          fields={props.fields}
          org={props.org}
          onChange={setSource}
        />
        <label class="appr-inline-label">
          Only when
          <select
            class="input"
            onChange={(e) => {
              const kind = e.currentTarget.value;
              const field = numeric()[0]?.id ?? '';
              const currency = currencyOf(field);
              setWhen(
                kind === 'compare'
                  ? { kind, field, op: 'gt', value: 0, ...(currency ? { currency } : {}) }
                  : kind === 'submitterIn'
                    ? {
                        kind,
                        departmentIds: props.org?.departments[0]
                          ? [props.org.departments[0].id]
                          : [],
                      }
                    : undefined,
              );
            }}
          >
            <option value="none" selected={conditionKind() === 'none'}>
              Always
            </option>
            <option value="compare" selected={conditionKind() === 'compare'}>
              An amount is over…
            </option>
            <option value="submitterIn" selected={conditionKind() === 'submitterIn'}>
              The submitter is in a department
            </option>
          </select>
        </label>
        <Show when={props.step.when?.kind === 'compare' && props.step.when}>
          {(when) => {
            const c = () => when();
            return (
              <>
                <label class="appr-inline-label">
                  Field
                  <select
                    class="input"
                    onChange={(e) => {
                      const currency = currencyOf(e.currentTarget.value);
                      const rest = { ...c() };
                      delete rest.currency;
                      setWhen({
                        ...rest,
                        field: e.currentTarget.value,
                        ...(currency ? { currency } : {}),
                      });
                    }}
                  >
                    <For each={numeric()}>
                      {(f) => (
                        <option value={f.id} selected={f.id === c().field}>
                          {f.label}
                        </option>
                      )}
                    </For>
                  </select>
                </label>
                <label class="appr-inline-label">
                  Over{c().currency ? ` (${c().currency})` : ''}
                  <input
                    class="input"
                    inputmode="decimal"
                    value={c().currency ? amountText(c().value, c().currency!) : String(c().value)}
                    onChange={(e) => {
                      const text = e.currentTarget.value;
                      const value = c().currency ? parseAmount(text, c().currency!) : Number(text);
                      if (value !== undefined && Number.isFinite(value)) setWhen({ ...c(), value });
                    }}
                  />
                </label>
              </>
            );
          }}
        </Show>
        <Show when={props.step.when?.kind === 'submitterIn' && props.step.when}>
          {(when) => (
            <label class="appr-inline-label">
              Department
              <select
                class="input"
                onChange={(e) =>
                  setWhen({ kind: 'submitterIn', departmentIds: [e.currentTarget.value] })
                }
              >
                <For each={props.org?.departments ?? []}>
                  {(d) => (
                    <option
                      value={d.id}
                      selected={(when() as { departmentIds: string[] }).departmentIds.includes(
                        d.id,
                      )}
                    >
                      {d.name}
                    </option>
                  )}
                </For>
              </select>
            </label>
          )}
        </Show>
      </div>
      <div class="row">
        <button type="button" class="button button-small" onClick={() => props.onRemove()}>
          Remove step {props.position}
        </button>
      </div>
    </fieldset>
  );
}
