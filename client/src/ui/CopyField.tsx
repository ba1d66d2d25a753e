import { createSignal, createUniqueId } from 'solid-js';

/** A read-only value with a Copy button, for links shown once (invites). */
export function CopyField(props: { label: string; value: string }) {
  const id = createUniqueId();
  const [copied, setCopied] = createSignal<string | null>(null);
  let input!: HTMLInputElement;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.value);
      setCopied('Copied to the clipboard.');
    } catch {
      // No clipboard permission (or not a secure context): let the person copy it.
      input.select();
      setCopied('Selected: press Ctrl+C (⌘C) to copy.');
    }
  };
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <div class="row">
        <input
          ref={input}
          id={id}
          class="input input-wide"
          readOnly
          value={props.value}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" class="button" onClick={() => void copy()}>
          Copy link
        </button>
      </div>
      <p class="muted small" role="status">
        {copied() ?? ''}
      </p>
    </div>
  );
}
