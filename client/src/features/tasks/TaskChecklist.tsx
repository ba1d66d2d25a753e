import { For, Show } from 'solid-js';
import type * as Y from 'yjs';
import {
  addChecklistItem,
  removeChecklistItem,
  toggleChecklistItem,
  type TaskSnapshot,
} from '../../workspace/tasks/index.js';
import { InlineAddForm } from '../../ui/InlineAddForm.js';
import { newTaskId, useEditContext } from './task-context.js';

/** A task's checklist: tick, add, remove. */
export function TaskChecklist(props: {
  doc: Y.Doc;
  task: TaskSnapshot;
  readOnly: boolean;
  edit: (fn: () => void) => void;
}) {
  const ctx = useEditContext();
  const done = () => props.task.checklist.filter((item) => item.done).length;
  return (
    <section class="stack" aria-labelledby="checklist-title">
      <h3 id="checklist-title">
        Checklist{' '}
        <Show when={props.task.checklist.length > 0}>
          <span class="badge">
            {done()}/{props.task.checklist.length}
          </span>
        </Show>
      </h3>
      <ul class="plain-list" aria-label="Checklist">
        <For each={props.task.checklist}>
          {(item) => (
            <li class="row">
              <label class="check">
                <input
                  type="checkbox"
                  disabled={props.readOnly}
                  checked={item.done}
                  onChange={(event) =>
                    props.edit(() =>
                      toggleChecklistItem(
                        props.doc,
                        props.task.id,
                        item.id,
                        ctx(),
                        event.currentTarget.checked,
                      ),
                    )
                  }
                />
                {item.text}
              </label>
              <Show when={!props.readOnly}>
                <button
                  type="button"
                  class="button button-small"
                  aria-label={`Remove “${item.text}”`}
                  onClick={() =>
                    props.edit(() => removeChecklistItem(props.doc, props.task.id, item.id, ctx()))
                  }
                >
                  Remove
                </button>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={!props.readOnly}>
        <InlineAddForm
          label="New checklist item"
          placeholder="Add an item"
          maxLength={1000}
          onAdd={(text) =>
            props.edit(() =>
              addChecklistItem(props.doc, props.task.id, { id: newTaskId(), text }, ctx()),
            )
          }
        />
      </Show>
    </section>
  );
}
