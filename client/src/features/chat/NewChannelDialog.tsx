import { useNavigate } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import type { RoomAccess } from '../../../../shared/api/schemas.js';
import { useApi, useSession } from '../../auth/session-context.js';
import { Dialog } from '../../ui/Dialog.js';
import { FormError } from '../../ui/FormError.js';
import { TextField } from '../../ui/TextField.js';
import { useAction } from '../../ui/use-action.js';
import { newRoomId } from '../../workspace/rooms/new-room-id.js';
import { usePeople } from '../../workspace/workspace-context.js';
import { useChat } from './chat-context.js';

/**
 * A channel is public (everyone in the workspace may write) or private (chosen people
 * may write); a direct message is shared with exactly the chosen people. Rooms are
 * registered on the relay, so this needs a connection.
 */
export function NewChannelDialog(props: { kind: 'channel' | 'dm'; onClose: () => void }) {
  const api = useApi();
  const session = useSession();
  const chat = useChat();
  const people = usePeople();
  const navigate = useNavigate();
  void people.refresh();
  const [title, setTitle] = createSignal('');
  const [isPublic, setPublic] = createSignal(true);
  const [chosen, setChosen] = createSignal<string[]>([]);
  const others = () => people.active().filter((p) => p.id !== chat.me());
  const create = useAction(async () => {
    const users = chosen().map((id) => ({ id, level: 'write' as const }));
    const dm = props.kind === 'dm';
    if (users.length === 0 && (dm || !isPublic())) throw new Error('Choose at least one person.');
    const access: RoomAccess =
      dm || !isPublic()
        ? { workspace: 'none', groups: [], users }
        : { workspace: 'write', groups: [], users: [] };
    // Everyone in it, so the title reads the same for each of them.
    const dmTitle = [chat.me() ?? '', ...chosen()].map((id) => people.nameOf(id)).join(', ');
    const room = await api.createRoom({
      id: newRoomId(),
      kind: props.kind,
      title: dm ? dmTitle : title(),
      access,
    });
    session.addRoom(room);
    props.onClose();
    navigate(`/chat/${room.id}`);
  });
  const toggle = (id: string, on: boolean) =>
    setChosen((list) => (on ? [...list, id] : list.filter((x) => x !== id)));

  return (
    <Dialog
      title={props.kind === 'dm' ? 'New direct message' : 'New channel'}
      onClose={() => props.onClose()}
    >
      <form
        class="stack"
        onSubmit={(event) => {
          event.preventDefault();
          create.run();
        }}
      >
        <Show when={props.kind === 'channel'}>
          <TextField
            label="Channel name"
            required
            maxLength={200}
            value={title()}
            onInput={setTitle}
          />
          <fieldset class="fieldset">
            <legend>Who can see it</legend>
            <label class="check">
              <input
                type="radio"
                name="visibility"
                checked={isPublic()}
                onChange={() => setPublic(true)}
              />
              Everyone in the workspace
            </label>
            <label class="check">
              <input
                type="radio"
                name="visibility"
                checked={!isPublic()}
                onChange={() => setPublic(false)}
              />
              Only chosen people (private)
            </label>
          </fieldset>
        </Show>
        <Show when={props.kind === 'dm' || !isPublic()}>
          <fieldset class="fieldset">
            <legend>People</legend>
            <For each={others()} fallback={<p class="muted small">No one else here yet.</p>}>
              {(person) => (
                <label class="check">
                  <input
                    type="checkbox"
                    checked={chosen().includes(person.id)}
                    onChange={(e) => toggle(person.id, e.currentTarget.checked)}
                  />
                  {person.name}
                </label>
              )}
            </For>
          </fieldset>
        </Show>
        <FormError message={create.error()} />
        <div class="row">
          <button type="submit" class="button button-primary" disabled={create.busy()}>
            Create
          </button>
          <button type="button" class="button" onClick={() => props.onClose()}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
