import { useNavigate } from '@solidjs/router';
import type * as Y from 'yjs';
import { useApi, useSession } from '../../../auth/session-context.js';
import { origins } from '../../../sync/origins.js';
import { useAction } from '../../../ui/use-action.js';
import { openNotes, type NotesTarget } from '../../../workspace/calendar/open-notes.js';
import { usePeople } from '../../../workspace/workspace-context.js';

/**
 * "Notes" for one occurrence: creates the notes doc once (or finds it) and opens it.
 * `calendarDoc` is null where the calendar is not open (Home) or not writable.
 */
export function useOpenNotes(props: {
  calendarId: string;
  calendarDoc: () => Y.Doc | null;
  onOpened?: () => void;
}) {
  const api = useApi();
  const session = useSession();
  const people = usePeople();
  const navigate = useNavigate();
  const ensure = async (target: NotesTarget, date: string): Promise<string> => {
    const known = new Set(people.active().map((person) => person.id));
    const room = await openNotes(props.calendarId, target, date, {
      api,
      addRoom: (entry) => session.addRoom(entry),
      known: (id) => known.has(id),
      calendarDoc: props.calendarDoc(),
      ctx: { by: session.me()?.user.id ?? 'unknown', now: Date.now(), origin: origins.edit },
    });
    return room.id;
  };
  const open = useAction(async (target: NotesTarget, date: string) => {
    const id = await ensure(target, date);
    props.onOpened?.();
    navigate(`/docs/${id}`);
  });
  return { open, ensure };
}
