import { For, Show } from 'solid-js';
import { Attachment } from '../../../../../shared/approvals/form.js';
import { FormError } from '../../../ui/FormError.js';
import { useAction } from '../../../ui/use-action.js';
import type { Json } from './field-value.js';

/** Sends one file to the relay's file store; the form keeps its {id, name}. */
export type Upload = (file: File) => Promise<{ id: string; name: string }>;

/** Files picked with the platform's file chooser, uploaded one by one, removable. */
export function AttachmentInput(props: {
  id: string;
  describedBy: string | undefined;
  value: Json | undefined;
  onChange: (value: Json | undefined) => void;
  upload: Upload | undefined;
}) {
  const files = () => {
    const parsed = Attachment.array().safeParse(props.value);
    return parsed.success ? parsed.data : [];
  };
  const add = useAction(async (list: File[]) => {
    if (!props.upload) throw new Error('Files cannot be attached to requests yet.');
    const added = [];
    for (const file of list) added.push(await props.upload(file));
    props.onChange([...files(), ...added]);
  });
  return (
    <div class="stack appr-files">
      <Show when={files().length > 0}>
        <ul class="appr-file-list">
          <For each={files()}>
            {(file) => (
              <li class="row">
                <span>{file.name}</span>
                <button
                  type="button"
                  class="button button-small"
                  aria-label={`Remove ${file.name}`}
                  onClick={() => {
                    const rest = files().filter((f) => f.id !== file.id);
                    props.onChange(rest.length ? rest : undefined);
                  }}
                >
                  Remove
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <input
        id={props.id}
        type="file"
        multiple
        aria-describedby={props.describedBy}
        disabled={add.busy() || !props.upload}
        onChange={(e) => {
          const list = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = '';
          if (list.length) add.run(list);
        }}
      />
      <Show when={!props.upload}>
        <p class="muted small">
          Files cannot be attached to requests yet: the relay has no place to keep them for everyone
          on the request.
        </p>
      </Show>
      <Show when={add.busy()}>
        <p class="muted small" role="status">
          Uploading…
        </p>
      </Show>
      <FormError message={add.error()} />
    </div>
  );
}
