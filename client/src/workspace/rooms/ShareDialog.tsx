import { createResource, createSignal, Show } from 'solid-js';
import type { AccessLevel } from '../../../../shared/access/levels.js';
import type { DirectoryRoom, RoomAccess } from '../../../../shared/api/schemas.js';
import { useApi, useSession } from '../../auth/session-context.js';
import { Dialog } from '../../ui/Dialog.js';
import { FormError } from '../../ui/FormError.js';
import { resourceError, resourceValue } from '../../ui/resource-value.js';
import { SelectField } from '../../ui/SelectField.js';
import { useAction } from '../../ui/use-action.js';
import { GrantsEditor } from './GrantsEditor.js';
import { levelLabels } from './room-access.js';
import { useGrantees } from './use-grantees.js';

const levels: readonly AccessLevel[] = ['none', 'read', 'write'];

/** Edits a room's access rule (PUT /api/rooms/:id/access); for people who may manage it. */
export function ShareDialog(props: { room: DirectoryRoom; onClose: () => void }) {
  const api = useApi();
  const [loaded] = createResource(
    () => props.room.id,
    (id) => api.roomAccess(id),
  );
  const grantees = useGrantees(() => props.room.ownerId);

  return (
    <Dialog title={`Share “${props.room.title}”`} onClose={() => props.onClose()}>
      <Show
        when={resourceValue(loaded)}
        fallback={
          <Show
            when={resourceError(loaded)}
            fallback={<p class="muted">Loading who has access…</p>}
          >
            {(message) => (
              <>
                <FormError message={message()} />
                <button type="button" class="button" onClick={() => props.onClose()}>
                  Close
                </button>
              </>
            )}
          </Show>
        }
      >
        {(initial) => (
          <ShareForm
            room={props.room}
            initial={initial()}
            grantees={grantees}
            onClose={props.onClose}
          />
        )}
      </Show>
    </Dialog>
  );
}

function ShareForm(props: {
  room: DirectoryRoom;
  initial: RoomAccess;
  grantees: ReturnType<typeof useGrantees>;
  onClose: () => void;
}) {
  const api = useApi();
  const session = useSession();
  // The form edits a copy of what was loaded; reloading is a new dialog.
  const [access, setAccess] = createSignal<RoomAccess>(props.initial);
  const save = useAction(async () => {
    await api.setRoomAccess(props.room.id, access());
    await session.refresh();
    props.onClose();
  });

  return (
    <form
      class="stack"
      onSubmit={(event) => {
        event.preventDefault();
        save.run();
      }}
    >
      <SelectField
        label="Everyone in the workspace"
        value={access().workspace}
        options={levels.map((value) => ({ value, label: levelLabels[value] }))}
        onChange={(workspace) => setAccess({ ...access(), workspace })}
      />
      <Show
        when={props.grantees()}
        fallback={<p class="muted small">Loading groups and people…</p>}
      >
        {(list) => (
          <GrantsEditor
            groups={list().groups}
            people={list().people}
            access={access()}
            onChange={setAccess}
          />
        )}
      </Show>
      <p class="muted small">The room’s owner can always edit it.</p>
      <FormError message={save.error()} />
      <div class="row">
        <button type="submit" class="button button-primary" disabled={save.busy()}>
          {save.busy() ? 'Saving…' : 'Save access'}
        </button>
        <button type="button" class="button" onClick={() => props.onClose()}>
          Cancel
        </button>
      </div>
    </form>
  );
}
