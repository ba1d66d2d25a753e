import { useNavigate } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import type { DirectoryRoom, RoomAccess, RoomKind } from '../../../../shared/api/schemas.js';
import { useApi, useSession } from '../../auth/session-context.js';
import { FormError } from '../../ui/FormError.js';
import { SelectField } from '../../ui/SelectField.js';
import { TextField } from '../../ui/TextField.js';
import { useAction } from '../../ui/use-action.js';
import { GrantsEditor } from './GrantsEditor.js';
import { newRoomId } from './new-room-id.js';
import { roomPath } from './room-path.js';
import { accessForVisibility, noAccess, visibilityLabels, type Visibility } from './room-access.js';
import { kindLabels } from './kind-labels.js';
import { useGrantees } from './use-grantees.js';

const kinds: readonly RoomKind[] = ['doc', 'channel', 'board', 'calendar'];
const visibilities = Object.keys(visibilityLabels) as Visibility[];

/**
 * Creates a room on the relay (the device picks its id) and opens it. With `kind`,
 * the kind is fixed (e.g. a project from the Tasks page) and `open` says where to go.
 */
export function NewRoomForm(props: {
  onCancel: () => void;
  kind?: RoomKind;
  /** Accessible name of the form and text of its button's noun, e.g. "project". */
  noun?: string;
  open?: (room: DirectoryRoom) => string;
}) {
  const api = useApi();
  const session = useSession();
  const navigate = useNavigate();
  const [title, setTitle] = createSignal('');
  const [kind, setKind] = createSignal<RoomKind>(props.kind ?? 'doc');
  const noun = () => props.noun ?? 'room';
  const [visibility, setVisibility] = createSignal<Visibility>('private');
  const [chosen, setChosen] = createSignal<RoomAccess>(noAccess);
  const grantees = useGrantees(() => session.me()?.user.id ?? null);
  const create = useAction(async () => {
    const room = await api.createRoom({
      id: newRoomId(),
      kind: kind(),
      title: title(),
      access: accessForVisibility(visibility(), chosen()),
    });
    session.addRoom(room);
    navigate(props.open?.(room) ?? roomPath(room));
  });

  return (
    <form
      class="stack editor"
      aria-label={`New ${noun()}`}
      onSubmit={(event) => {
        event.preventDefault();
        create.run();
      }}
    >
      <TextField label="Title" required maxLength={200} value={title()} onInput={setTitle} />
      <Show when={props.kind === undefined}>
        <SelectField
          label="Kind"
          value={kind()}
          options={kinds.map((value) => ({ value, label: kindLabels[value] }))}
          onChange={setKind}
        />
      </Show>
      <fieldset class="fieldset">
        <legend>Who can see it</legend>
        <For each={visibilities}>
          {(value) => (
            <label class="check">
              <input
                type="radio"
                name="visibility"
                value={value}
                checked={visibility() === value}
                onChange={() => setVisibility(value)}
              />
              {visibilityLabels[value]}
            </label>
          )}
        </For>
      </fieldset>
      <Show when={visibility() === 'chosen'}>
        <Show when={grantees()} fallback={<p class="muted small">Loading groups and people…</p>}>
          {(list) => (
            <GrantsEditor
              groups={list().groups}
              people={list().people}
              access={chosen()}
              onChange={setChosen}
            />
          )}
        </Show>
      </Show>
      <FormError message={create.error()} />
      <div class="row">
        <button type="submit" class="button button-primary" disabled={create.busy()}>
          {create.busy() ? 'Creating…' : `Create ${noun()}`}
        </button>
        <button type="button" class="button" onClick={() => props.onCancel()}>
          Cancel
        </button>
      </div>
    </form>
  );
}
