import {
  createMemo,
  createResource,
  createSignal,
  For,
  onCleanup,
  Show,
  type Accessor,
} from 'solid-js';
import { Money, type FormValues } from '../../../../shared/approvals/form.js';
import { readRequestText } from '../../../../shared/approvals/request-text.js';
import {
  amountWarning,
  decisionEstimate,
  prefillForm,
  rankWithMeaning,
  suggestTemplates,
  templateText,
  type PastRequest,
} from '../../../../shared/approvals/suggest.js';
import type { Template } from '../../../../shared/approvals/template.js';
import { useSlots } from '../../workspace/slots.js';
import { formatMoney } from './form/field-value.js';

/** How many templates an ambiguous description offers. */
const CHOICES = 3;
/** The embedder runs once typing pauses this long, not on every key. */
const SETTLE_MS = 400;

/**
 * [APPR72] [APPR73] "Describe it in your words": suggests the template and what to
 * fill in, read on this device from the text, the templates and the person's own past
 * requests. The text is never sent; only what the person then submits is.
 */
export function DescribeRequest(props: {
  templates: readonly Template[];
  past: readonly PastRequest[];
  today: string;
  onUse: (template: Template, form: FormValues) => void;
}) {
  const slots = useSlots();
  const [text, setText] = createSignal('');
  const read = createMemo(() => readRequestText(text(), props.today));
  // [APPR77] With an embedder on the device, meaning ranks too once typing settles;
  // until it answers (or without one) the words alone do.
  const [settled, setSettled] = createSignal('');
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  const [meaning] = createResource(settled, async (typed) => {
    const templates = props.templates;
    const vectors = await slots.embed([typed, ...templates.map(templateText)]);
    if (!vectors) return null;
    const [query, ...rest] = vectors;
    const byId = new Map(templates.flatMap((t, i) => (rest[i] ? [[t.id, rest[i]]] : [])));
    const found = readRequestText(typed, props.today);
    return { typed, ...rankWithMeaning(found, templates, props.past, query!, byId) };
  });
  const matches = createMemo(() => {
    if (!text().trim()) return null;
    const ranked = meaning.error ? null : meaning.latest;
    return ranked && ranked.typed === text()
      ? ranked
      : suggestTemplates(read(), props.templates, props.past);
  });
  const type = (value: string) => {
    setText(value);
    clearTimeout(timer);
    timer = setTimeout(() => setSettled(value.trim() ? value : ''), SETTLE_MS);
  };
  const byId = (id: string) => props.templates.find((t) => t.id === id);
  const offered = () => {
    const found = matches();
    if (!found) return [];
    const ids = found.best ? [found.best] : found.ranked.slice(0, CHOICES).map((m) => m.templateId);
    return ids.flatMap((id) => byId(id) ?? []);
  };
  const filled = (template: Template) => {
    const form = prefillForm(template, read());
    return template.fields.filter((f) => f.id in form).map((f) => f.label);
  };
  return (
    <section class="card stack appr-help" aria-labelledby="appr-help-title">
      <h2 id="appr-help-title">Describe it in your words</h2>
      <textarea
        class="input"
        rows={2}
        aria-labelledby="appr-help-title"
        aria-describedby="appr-help-note"
        placeholder="e.g. taxi to the airport, 45 EUR, client visit"
        value={text()}
        onInput={(e) => type(e.currentTarget.value)}
      />
      <p id="appr-help-note" class="muted small">
        Read on this device only, to suggest a template and fill it in; never sent.
      </p>
      <Show when={matches()}>
        <Show
          when={offered().length > 0}
          fallback={<p class="small">No template matches these words; choose one below.</p>}
        >
          <p class="small" role="status">
            {matches()?.best ? 'Suggested template:' : 'It could be one of these:'}
          </p>
          <ul class="appr-help-choices" aria-label="Suggested templates">
            <For each={offered()}>
              {(template) => (
                <li class="appr-help-choice">
                  <button
                    type="button"
                    class="button button-primary button-small"
                    onClick={() => props.onUse(template, prefillForm(template, read()))}
                  >
                    Use {template.name}
                  </button>
                  <Show when={filled(template).length > 0}>
                    <span class="muted small">fills {filled(template).join(', ')}</span>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
    </section>
  );
}

/**
 * [APPR74] [APPR75] Beside the form: how long such requests of the person took, and a
 * warning when the amount is far from their usual. Nothing when history is too short.
 */
export function RequestHints(props: {
  template: Template;
  form: Accessor<FormValues>;
  past: readonly PastRequest[];
}) {
  const estimate = () => decisionEstimate(props.template.id, props.past);
  const money = () => {
    const field = props.template.fields.find((f) => f.type === 'money');
    const parsed = Money.safeParse(field ? props.form()[field.id] : undefined);
    return parsed.success ? parsed.data : null;
  };
  const warning = () => amountWarning(money(), props.template.id, props.past);
  return (
    <Show when={estimate() || warning()}>
      <div class="stack appr-hints" aria-label="Private hints">
        <Show when={warning()}>
          {(w) => (
            <p class="notice" role="status">
              {formatMoney(money()!.amount, w().currency)} is{' '}
              {w().direction === 'above' ? 'far above' : 'far below'} your usual{' '}
              {formatMoney(w().usual, w().currency)} for {props.template.name} (the median of your{' '}
              {w().from} past requests). Check the amount.
            </p>
          )}
        </Show>
        <Show when={estimate()}>
          {(e) => (
            <p class="muted small">
              Decided in about {e().days} {e().days === 1 ? 'day' : 'days'}, from {e().from} of your
              past requests like this.
            </p>
          )}
        </Show>
      </div>
    </Show>
  );
}
