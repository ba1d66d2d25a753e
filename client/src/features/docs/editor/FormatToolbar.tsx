import type { Editor } from '@tiptap/core';
import { createSignal, For, onCleanup, Show, type Accessor } from 'solid-js';
import { useSlots } from '../../../workspace/slots.js';
import { FORMATS, type Format } from './formats.js';
import { LinkDialog } from './LinkDialog.js';

/**
 * A slim row of formatting buttons above the text (Tiptap's BubbleMenu is not
 * installed). Each shows with aria-pressed whether it applies at the selection;
 * mousedown is prevented so the editor keeps its selection and focus.
 */
export function FormatToolbar(props: {
  editor: Accessor<Editor | null>;
  docId: string;
  docTitle: string;
  readOnly: boolean;
}) {
  const { CreateTaskDialog } = useSlots();
  const [tick, setTick] = createSignal(0);
  const [taskText, setTaskText] = createSignal<string | null>(null);
  let watched: Editor | null = null;
  const bump = () => setTick((n) => n + 1);
  const watch = (editor: Editor | null) => {
    if (editor === watched) return editor;
    watched?.off('transaction', bump);
    watched = editor;
    editor?.on('transaction', bump);
    return editor;
  };
  onCleanup(() => watch(null));
  const active = (format: Format) => {
    tick();
    const editor = watch(props.editor());
    return editor ? format.active(editor) : false;
  };
  const [linking, setLinking] = createSignal(false);
  const apply = (format: Format) => {
    const editor = props.editor();
    if (editor) format.run(editor, () => setLinking(true));
  };

  return (
    <div class="doc-toolbar" role="toolbar" aria-label="Formatting">
      <Show when={!props.readOnly}>
        <For each={FORMATS}>
          {(format) => (
            <>
              <Show when={format.groupStart}>
                <span class="doc-toolbar-sep" aria-hidden="true" />
              </Show>
              <button
                type="button"
                class="doc-toolbar-button"
                classList={{ [`format-${format.id}`]: true }}
                aria-label={format.label}
                title={format.shortcut ? `${format.label} (${format.shortcut})` : format.label}
                aria-pressed={active(format)}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => apply(format)}
              >
                {format.icon}
              </button>
            </>
          )}
        </For>
        <span class="doc-toolbar-sep" aria-hidden="true" />
      </Show>
      <button
        type="button"
        class="doc-toolbar-button doc-toolbar-text"
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => {
          const editor = props.editor();
          if (!editor) return;
          const { from, to } = editor.state.selection;
          setTaskText(from === to ? props.docTitle : editor.state.doc.textBetween(from, to, '\n'));
        }}
      >
        Create task
      </button>
      <Show when={linking() && props.editor()}>
        {(editor) => <LinkDialog editor={editor()} onClose={() => setLinking(false)} />}
      </Show>
      <Show when={taskText()}>
        {(text) => (
          <CreateTaskDialog
            source={{ kind: 'doc', room: props.docId }}
            text={text()}
            onClose={() => setTaskText(null)}
          />
        )}
      </Show>
    </div>
  );
}
