import * as Y from 'yjs';
import { tasksRoot } from '../../../../shared/model/tasks/layout.js';
import type { EditContext } from '../../../../shared/model/tasks/schemas.js';
import { deleteTask } from './delete-task.js';

/** A deletion that can still be taken back; `forget` ends that chance (frees its memory). */
export interface UndoableDelete {
  undo: () => void;
  forget: () => void;
}

/**
 * Deletes a task and its subtasks like deleteTask, keeping what is needed to bring
 * them back exactly (fields, place on the board, checklist) for an "Undo" button.
 * Only this one deletion is tracked, under an origin of its own: undo never takes
 * back anyone else's edits, and the restore syncs to other devices like any edit.
 */
export function deleteTaskUndoably(doc: Y.Doc, taskId: string, ctx: EditContext): UndoableDelete {
  const origin = Symbol('delete');
  const manager = new Y.UndoManager(tasksRoot(doc), {
    trackedOrigins: new Set([origin]),
    captureTimeout: 0,
  });
  try {
    deleteTask(doc, taskId, { ...ctx, origin });
  } catch (failure) {
    manager.destroy();
    throw failure;
  }
  return {
    undo: () => {
      manager.undo();
      manager.destroy();
    },
    forget: () => manager.destroy(),
  };
}
