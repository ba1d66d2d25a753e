import { useSession } from '../../auth/session-context.js';
import { origins } from '../../sync/origins.js';
import type { EditContext } from '../../workspace/tasks/index.js';

/** Who edits, now, tagged as a local edit: the context every model call takes. */
export function useEditContext(): () => EditContext {
  const session = useSession();
  return () => ({ by: session.me()?.user.id ?? 'unknown', now: Date.now(), origin: origins.edit });
}

/** A new task id: random, so devices never collide offline. */
export function newTaskId(): string {
  return crypto.randomUUID().replaceAll('-', '').slice(0, 20);
}
