import type { Editor } from '@tiptap/core';
import { createSignal, createUniqueId, Show } from 'solid-js';
import { Dialog } from '../../../ui/Dialog.js';
import { FormError } from '../../../ui/FormError.js';
import { linkHref } from './link-href.js';

/**
 * Adds, changes or removes the link at the selection [DOC13], in the app rather than
 * the browser's prompt (which cannot validate, explain or offer Remove). With nothing
 * selected the address itself is inserted as the link's text.
 */
export function LinkDialog(props: { editor: Editor; onClose: () => void }) {
  const id = createUniqueId();
  const editing = props.editor.isActive('link');
  const current = editing ? String(props.editor.getAttributes('link')['href'] ?? '') : '';
  const [address, setAddress] = createSignal(current);
  const [error, setError] = createSignal<string | null>(null);
  const chain = () => props.editor.chain().focus().extendMarkRange('link');

  const save = () => {
    const result = linkHref(address());
    if (!result.ok) {
      setError(result.error); // the dialog stays, with what was typed
      return;
    }
    const { empty } = props.editor.state.selection;
    if (empty && !editing) {
      chain()
        .insertContent({
          type: 'text',
          text: result.href,
          marks: [{ type: 'link', attrs: { href: result.href } }],
        })
        .run();
    } else {
      chain().setLink({ href: result.href }).run();
    }
    props.onClose();
  };
  const remove = () => {
    chain().unsetLink().run();
    props.onClose();
  };

  return (
    <Dialog
      title={editing ? 'Edit link' : 'Add link'}
      onClose={() => props.onClose()}
      footer={
        <>
          <button type="submit" form={`${id}-form`} class="button button-primary">
            Save link
          </button>
          <Show when={editing}>
            <button type="button" class="button" onClick={remove}>
              Remove link
            </button>
          </Show>
          <button type="button" class="button" onClick={() => props.onClose()}>
            Cancel
          </button>
        </>
      }
    >
      <form
        id={`${id}-form`}
        class="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <div class="field">
          <label for={`${id}-address`}>Link address</label>
          <input
            id={`${id}-address`}
            class="input"
            type="url"
            inputMode="url"
            placeholder="https://example.com"
            autofocus
            value={address()}
            aria-invalid={error() !== null}
            aria-describedby={error() ? `${id}-error` : undefined}
            onInput={(event) => {
              setAddress(event.currentTarget.value);
              setError(null);
            }}
          />
        </div>
        <FormError message={error()} id={`${id}-error`} />
      </form>
    </Dialog>
  );
}
