import { createSignal, For, Match, Switch } from 'solid-js';
import type { ScalarField } from '../../../../../shared/approvals/template.js';
import type { OrgChart } from '../../../../../shared/org/org-chart.js';
import { AttachmentInput, type Upload } from './AttachmentInput.js';
import { amountText, parseAmount, type Json } from './field-value.js';

export type { Json };
import { DepartmentPicker, PersonPicker } from './OrgPickers.js';

export interface InputProps<F extends ScalarField = ScalarField> {
  field: F;
  value: Json | undefined;
  onChange: (value: Json | undefined) => void;
  /** The control's id; the label outside points at it. */
  id: string;
  /** Help and error ids. */
  describedBy: string | undefined;
  invalid: boolean;
  /** The accessible name when the label is not a <label for> (groups of inputs). */
  name: string;
  org: OrgChart | undefined;
  upload: Upload | undefined;
}

/** Kinds whose controls are a group (several inputs): labelled by a fieldset legend. */
export const GROUP_KINDS: ReadonlySet<ScalarField['type']> = new Set([
  'money',
  'dateRange',
  'choice',
  'attachment',
]);

const text = (value: Json | undefined) =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';

/** One input for one field kind of APPROVALS.md [APPR2]. */
export function ScalarInput(props: InputProps) {
  const common = () => ({
    id: props.id,
    'aria-describedby': props.describedBy,
    'aria-invalid': props.invalid || undefined,
    'aria-required': props.field.required || undefined,
  });
  const set = (raw: string) => props.onChange(raw === '' ? undefined : raw);
  return (
    <Switch>
      <Match when={props.field.type === 'text' && props.field}>
        {(field) => (
          <input
            {...common()}
            class="input"
            type="text"
            maxLength={field().maxLength}
            value={text(props.value)}
            onInput={(e) => set(e.currentTarget.value)}
          />
        )}
      </Match>
      <Match when={props.field.type === 'longText'}>
        <textarea
          {...common()}
          class="input"
          rows="4"
          value={text(props.value)}
          onInput={(e) => set(e.currentTarget.value)}
        />
      </Match>
      <Match when={props.field.type === 'number' && props.field}>
        {(field) => (
          <input
            {...common()}
            class="input"
            type="text"
            inputmode="decimal"
            min={field().min}
            max={field().max}
            value={text(props.value)}
            onInput={(e) => {
              const raw = e.currentTarget.value.trim();
              const n = Number(raw.replace(',', '.'));
              // Half-typed text stays text, so validateForm names it (APPR2: a finite number).
              props.onChange(raw === '' ? undefined : Number.isFinite(n) ? n : raw);
            }}
          />
        )}
      </Match>
      <Match when={props.field.type === 'money' && props.field}>
        {(field) => <MoneyInput {...props} field={field()} />}
      </Match>
      <Match when={props.field.type === 'date'}>
        <input
          {...common()}
          class="input"
          type="date"
          value={text(props.value)}
          onInput={(e) => set(e.currentTarget.value)}
        />
      </Match>
      <Match when={props.field.type === 'dateRange'}>
        <DateRangeInput {...props} />
      </Match>
      <Match when={props.field.type === 'choice' && props.field}>
        {(field) => <ChoiceInput {...props} field={field()} />}
      </Match>
      <Match when={props.field.type === 'person'}>
        <PersonPicker {...common()} org={props.org} value={text(props.value)} onChange={set} />
      </Match>
      <Match when={props.field.type === 'department'}>
        <DepartmentPicker {...common()} org={props.org} value={text(props.value)} onChange={set} />
      </Match>
      <Match when={props.field.type === 'attachment'}>
        <AttachmentInput
          id={props.id}
          describedBy={props.describedBy}
          value={props.value}
          onChange={props.onChange}
          upload={props.upload}
        />
      </Match>
    </Switch>
  );
}

function MoneyInput(props: InputProps<Extract<ScalarField, { type: 'money' }>>) {
  const money = () =>
    typeof props.value === 'object' && props.value !== null && !Array.isArray(props.value)
      ? props.value
      : {};
  const currency = () =>
    typeof money().currency === 'string' ? String(money().currency) : props.field.currencies[0]!;
  // The typed text is kept here: "12." is not an amount yet but must stay on screen.
  const [typed, setTyped] = createSignal(
    typeof money().amount === 'number' ? amountText(Number(money().amount), currency()) : '',
  );
  const emit = (amountTyped: string, code: string) => {
    setTyped(amountTyped);
    if (amountTyped.trim() === '') return props.onChange(undefined);
    const amount = parseAmount(amountTyped, code);
    props.onChange({ amount: amount ?? amountTyped, currency: code });
  };
  return (
    <div class="appr-money">
      <input
        id={props.id}
        class="input"
        type="text"
        inputmode="decimal"
        aria-label={props.name}
        aria-describedby={props.describedBy}
        aria-invalid={props.invalid || undefined}
        aria-required={props.field.required || undefined}
        value={typed()}
        onInput={(e) => emit(e.currentTarget.value, currency())}
      />
      <select
        class="input"
        aria-label={`${props.name} currency`}
        onChange={(e) => emit(typed(), e.currentTarget.value)}
      >
        <For each={props.field.currencies}>
          {(code) => (
            <option value={code} selected={code === currency()}>
              {code}
            </option>
          )}
        </For>
      </select>
    </div>
  );
}

function DateRangeInput(props: InputProps) {
  const range = () =>
    typeof props.value === 'object' && props.value !== null && !Array.isArray(props.value)
      ? props.value
      : {};
  const set = (key: 'from' | 'to', day: string) => {
    const next = { ...range(), [key]: day };
    if (!next.from && !next.to) return props.onChange(undefined);
    props.onChange({ from: next.from ?? '', to: next.to ?? '' });
  };
  return (
    <div class="row">
      <label class="appr-inline-label">
        From
        <input
          id={props.id}
          class="input"
          type="date"
          aria-describedby={props.describedBy}
          aria-invalid={props.invalid || undefined}
          value={text(range().from)}
          onInput={(e) => set('from', e.currentTarget.value)}
        />
      </label>
      <label class="appr-inline-label">
        To
        <input
          class="input"
          type="date"
          aria-describedby={props.describedBy}
          aria-invalid={props.invalid || undefined}
          value={text(range().to)}
          onInput={(e) => set('to', e.currentTarget.value)}
        />
      </label>
    </div>
  );
}

function ChoiceInput(props: InputProps<Extract<ScalarField, { type: 'choice' }>>) {
  const picked = () =>
    Array.isArray(props.value) ? props.value : props.value == null ? [] : [props.value];
  const toggle = (option: string, on: boolean) => {
    if (!props.field.multiple) return props.onChange(option);
    const next = props.field.options.filter((o) => (o === option ? on : picked().includes(o)));
    props.onChange(next.length ? next : undefined);
  };
  return (
    <div class="appr-choices">
      <For each={props.field.options}>
        {(option, i) => (
          <label class="check">
            <input
              id={i() === 0 ? props.id : undefined}
              type={props.field.multiple ? 'checkbox' : 'radio'}
              name={props.id}
              value={option}
              checked={picked().includes(option)}
              aria-describedby={props.describedBy}
              onChange={(e) => toggle(option, e.currentTarget.checked)}
            />
            {option}
          </label>
        )}
      </For>
    </div>
  );
}
