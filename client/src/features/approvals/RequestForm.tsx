import { createMemo, createSignal, Match, Show, Switch, type Accessor, type JSX } from 'solid-js';
import { validateForm, type FormValues } from '../../../../shared/approvals/form.js';
import type { Template } from '../../../../shared/approvals/template.js';
import { canonicalJson } from '../../../../shared/approvals/canonical-json.js';
import { FormError } from '../../ui/FormError.js';
import { useOrgChart } from '../../workspace/org/use-org-chart.js';
import { errorsByPath } from './form/field-value.js';
import { uploadApprovalFile } from '../../lib/upload-file.js';
import { FormFields } from './form/FormFields.js';
import { RouteView } from './RouteView.js';
import { useRoutePreview } from './use-route-preview.js';

/** A path's field kind, for wording its error (`lines[0].amount` → the column's kind). */
function kindAt(template: Template, path: string) {
  const [, top, column] = /^([^[]+)(?:\[\d+\]\.(.+))?$/.exec(path) ?? [];
  const field = template.fields.find((f) => f.id === top);
  if (field?.type === 'table' && column) return field.columns.find((c) => c.id === column)?.type;
  return field?.type;
}

/**
 * Fill a template's form, see the exact route the relay resolves for it, then send.
 * Errors show once the person tries to send (not while they first type); the send is
 * refused locally until the form validates, and offline it is queued.
 */
export function RequestForm(props: {
  template: Template;
  initial: FormValues;
  sendLabel: string;
  busy: boolean;
  error: string | null;
  onSend: (form: FormValues) => void;
  /** Private hints on the form as it is now, shown above the send button. */
  hints?: (form: Accessor<FormValues>) => JSX.Element;
}) {
  const org = useOrgChart();
  const [values, setValues] = createSignal<FormValues>(structuredClone(props.initial));
  const [tried, setTried] = createSignal(false);
  // Keys with no value are left out, as the log would leave them out anyway.
  const form = createMemo(() => JSON.parse(canonicalJson(values())) as FormValues, undefined, {
    equals: (a, b) => canonicalJson(a) === canonicalJson(b),
  });
  const checked = createMemo(() => validateForm(props.template, form(), org.chart()));
  const errors = createMemo(() =>
    tried() && 'errors' in checked()
      ? errorsByPath((checked() as { errors: [] }).errors, (p) => kindAt(props.template, p))
      : new Map<string, string>(),
  );
  const preview = useRoutePreview(() => props.template.id, form);
  const nameOf = (id: string) => {
    const s = preview.state();
    return (
      (s.kind === 'ready' ? s.preview.people[id] : undefined) ??
      org.chart()?.people.find((p) => p.id === id)?.name ??
      'Someone'
    );
  };
  const send = (event: SubmitEvent) => {
    event.preventDefault();
    setTried(true);
    if ('errors' in checked()) {
      queueMicrotask(() =>
        document.querySelector<HTMLElement>('.appr-form [aria-invalid="true"]')?.focus(),
      );
      return;
    }
    props.onSend(form());
  };
  return (
    <form class="stack appr-request-form" novalidate onSubmit={send}>
      <FormFields
        fields={props.template.fields}
        values={values()}
        onChange={(id, value) =>
          setValues((v) => {
            const next = { ...v };
            if (value === undefined) delete next[id];
            else next[id] = value;
            return next;
          })
        }
        errors={errors()}
        org={org.chart()}
        upload={uploadApprovalFile}
      />
      <section class="card stack appr-preview" aria-labelledby="appr-route-title">
        <h2 id="appr-route-title">Route</h2>
        <Switch>
          <Match when={preview.state().kind === 'checking'}>
            <p class="muted" role="status">
              Asking the relay for the route…
            </p>
          </Match>
          <Match when={preview.state().kind === 'offline'}>
            <p class="notice">
              The relay resolves the route from the organisation and cannot be reached now. You can
              still send: the request waits on this device and goes when the connection returns.
            </p>
          </Match>
          <Match when={preview.state().kind === 'failed' && preview.state()}>
            {(s) => <FormError message={(s() as { message: string }).message} />}
          </Match>
          <Match when={preview.state().kind === 'ready' && preview.state()}>
            {(s) => {
              const ready = () =>
                s() as Extract<ReturnType<typeof preview.state>, { kind: 'ready' }>;
              return (
                <RouteView
                  route={ready().preview.route}
                  name={nameOf}
                  label="Route this request will take"
                />
              );
            }}
          </Match>
        </Switch>
      </section>
      <Show when={tried() && errors().size > 0}>
        <p class="form-error" role="alert">
          {errors().size === 1 ? 'One field needs' : `${errors().size} fields need`} attention
          before sending.
        </p>
      </Show>
      {props.hints?.(form)}
      <FormError message={props.error} />
      <div class="row">
        <button type="submit" class="button button-primary" disabled={props.busy}>
          {props.busy ? 'Sending…' : props.sendLabel}
        </button>
      </div>
    </form>
  );
}
