import { Show } from 'solid-js';

/** A failure message beside the form or button that caused it; read out when it appears. */
export function FormError(props: { message: string | null; id?: string }) {
  return (
    <Show when={props.message}>
      {(message) => (
        <p class="form-error" role="alert" id={props.id}>
          {message()}
        </p>
      )}
    </Show>
  );
}
