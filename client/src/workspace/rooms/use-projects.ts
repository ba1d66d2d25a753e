import type { DirectoryRoom } from '../../../../shared/api/schemas.js';
import { useSession } from '../../auth/session-context.js';

/** The task projects (rooms of kind board) this person may read, by title. */
export function useProjects(): () => DirectoryRoom[] {
  const session = useSession();
  return () =>
    session
      .directory()
      .filter((room) => room.kind === 'board')
      .sort((a, b) => a.title.localeCompare(b.title));
}
