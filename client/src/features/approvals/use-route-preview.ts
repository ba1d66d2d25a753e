import { createEffect, createSignal, on, onCleanup } from 'solid-js';
import type { RoutePreview } from '../../../../shared/api/approvals.js';
import type { FormValues } from '../../../../shared/approvals/form.js';
import { canonicalJson } from '../../../../shared/approvals/canonical-json.js';
import { ApiFailure } from '../../auth/api-failure.js';
import { useApi } from '../../auth/session-context.js';

export type PreviewState =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'ready'; preview: RoutePreview; form: string }
  | { kind: 'offline' }
  | { kind: 'failed'; message: string };

/** Typing pauses this long before the relay is asked again, so each key is not a request. */
const SETTLE_MS = 400;

/**
 * The route the relay would record for this form now ([APPR34], [APPR52]): asked again
 * whenever the form changes and settles. `ready` holds the form it was computed for, so
 * a submit can tell the route shown is the current form's.
 */
export function useRoutePreview(templateId: () => string | null, form: () => FormValues) {
  const api = useApi();
  const [state, setState] = createSignal<PreviewState>({ kind: 'idle' });
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(
    on([templateId, () => canonicalJson(form())], ([id, json]) => {
      clearTimeout(timer);
      if (!id) {
        setState({ kind: 'idle' });
        return;
      }
      const mine = ++generation;
      setState({ kind: 'checking' });
      timer = setTimeout(() => {
        api.approvals.preview({ templateId: id, form: JSON.parse(json) as FormValues }).then(
          (preview) => mine === generation && setState({ kind: 'ready', preview, form: json }),
          (error: unknown) => {
            if (mine !== generation) return;
            if (error instanceof ApiFailure && error.offline) setState({ kind: 'offline' });
            else setState({ kind: 'failed', message: (error as Error).message });
          },
        );
      }, SETTLE_MS);
    }),
  );
  onCleanup(() => clearTimeout(timer));
  return {
    state,
    /** The preview is of exactly this form. */
    isFor: (values: FormValues) => {
      const s = state();
      return s.kind === 'ready' && s.form === canonicalJson(values);
    },
  };
}
