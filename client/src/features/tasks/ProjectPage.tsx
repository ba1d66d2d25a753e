import { A, useParams, useSearchParams } from '@solidjs/router';
import { createEffect, createSignal, Match, onCleanup, Show, Switch } from 'solid-js';
import { fromYjs } from '../../sync/yjs-signal.js';
import { useRoom } from '../../sync/registry-context.js';
import { SegmentedControl } from '../../ui/SegmentedControl.js';
import { EmptyState, Skeleton } from '../../ui/States.js';
import { ShareDialog } from '../../workspace/rooms/ShareDialog.js';
import {
  createProject,
  deleteTaskUndoably,
  projectName,
  readBoard,
  type UndoableDelete,
} from '../../workspace/tasks/index.js';
import { useDirectory } from '../../workspace/workspace-context.js';
import { useEditContext } from './task-context.js';
import { TaskDialog } from './TaskDialog.js';
import { UndoToast } from './UndoToast.js';
import { BoardView } from './views/BoardView.js';
import { ListView } from './views/ListView.js';
import { TimelineView } from './views/TimelineView.js';

type View = 'board' | 'list' | 'timeline';
const VIEWS = [
  { value: 'board', label: 'Board' },
  { value: 'list', label: 'List' },
  { value: 'timeline', label: 'Timeline' },
] as const;

/** /tasks/:projectId — one project: board, list or timeline, and a task's details. */
export function ProjectPage() {
  const params = useParams<{ projectId: string }>();
  const directory = useDirectory();
  const room = () => {
    const entry = directory.byId(params.projectId);
    return entry?.kind === 'board' ? entry : undefined;
  };
  return (
    <div class="page stack project-page">
      <Show
        when={room() ? params.projectId : null}
        keyed
        fallback={
          <EmptyState
            title="Project not available"
            action={
              <A class="button" href="/tasks">
                All projects
              </A>
            }
          >
            It does not exist, or you do not have access to it.
          </EmptyState>
        }
      >
        {(id) => <ProjectView id={id} />}
      </Show>
    </div>
  );
}

function ProjectView(props: { id: string }) {
  const directory = useDirectory();
  const handle = useRoom(props.id);
  const ctx = useEditContext();
  const entry = () => directory.byId(props.id);
  const [search, setSearch] = useSearchParams<{ view?: string; task?: string }>();
  const view = (): View =>
    search.view === 'list' || search.view === 'timeline' ? search.view : 'board';
  const board = fromYjs(handle.doc, () => readBoard(handle.doc));
  const [sharing, setSharing] = createSignal(false);
  const readOnly = () => handle.readOnly();
  const [deleted, setDeleted] = createSignal<{ title: string; deletion: UndoableDelete } | null>(
    null,
  );
  const settleDeletion = () => {
    deleted()?.deletion.forget();
    setDeleted(null);
  };
  onCleanup(settleDeletion);

  // A new project gets its name and default columns once its local copy is loaded.
  // Default columns have fixed ids, so two devices doing this offline agree.
  createEffect(() => {
    const title = entry()?.title;
    if (handle.loaded() && !readOnly() && title && projectName(handle.doc) === '') {
      createProject(handle.doc, { name: title }, ctx());
    }
  });

  return (
    <>
      <header class="page-header row-between project-header">
        <div>
          <p class="muted small">
            <A href="/tasks">All projects</A>
          </p>
          <h1>{entry()?.title}</h1>
          <Show when={readOnly()}>
            <p class="muted small">You can read this project but not change it.</p>
          </Show>
        </div>
        <div class="row">
          <SegmentedControl
            legend="View"
            name="project-view"
            options={VIEWS}
            value={view()}
            onChange={(value) => setSearch({ view: value === 'board' ? undefined : value })}
          />
          <Show when={entry()?.canManage}>
            <button type="button" class="button button-small" onClick={() => setSharing(true)}>
              Share
            </button>
          </Show>
        </div>
      </header>
      <Show when={handle.loaded()} fallback={<Skeleton label="the project" lines={4} />}>
        <Switch>
          <Match when={view() === 'board'}>
            <BoardView
              doc={handle.doc}
              board={board()}
              readOnly={readOnly()}
              onOpen={(task) => setSearch({ task })}
            />
          </Match>
          <Match when={view() === 'list'}>
            <ListView doc={handle.doc} board={board()} onOpen={(task) => setSearch({ task })} />
          </Match>
          <Match when={view() === 'timeline'}>
            <TimelineView board={board()} onOpen={(task) => setSearch({ task })} />
          </Match>
        </Switch>
      </Show>
      <Show when={search.task}>
        {(taskId) => (
          <TaskDialog
            doc={handle.doc}
            projectId={props.id}
            taskId={taskId()}
            readOnly={readOnly()}
            onClose={() => setSearch({ task: undefined })}
            onDelete={(task) => {
              settleDeletion();
              const deletion = deleteTaskUndoably(handle.doc, task.id, ctx());
              setDeleted({ title: task.title, deletion });
            }}
          />
        )}
      </Show>
      <Show when={deleted()} keyed>
        {(last) => (
          <UndoToast
            message={`Deleted “${last.title}”`}
            onUndo={() => {
              last.deletion.undo();
              setDeleted(null);
            }}
            onExpire={settleDeletion}
          />
        )}
      </Show>
      <Show when={sharing() ? entry() : undefined}>
        {(room) => <ShareDialog room={room()} onClose={() => setSharing(false)} />}
      </Show>
    </>
  );
}
