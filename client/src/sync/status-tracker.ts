import type { WebsocketProvider } from 'y-websocket';
import type { StatusInputs } from './connection-status.js';

type SetInputs = (update: (current: StatusInputs) => StatusInputs) => void;

/**
 * Feeds a provider's events into StatusInputs. A socket that closes without ever
 * opening marks the relay unreachable, and that sticks through the provider's retries
 * until a socket opens, so the UI says "offline" instead of flickering "connecting".
 */
export function trackStatusInputs(provider: WebsocketProvider, setInputs: SetInputs): () => void {
  let opened = false;

  const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
    if (status === 'connecting') {
      opened = false;
      setInputs((s) => ({ ...s, socket: 'connecting' }));
    } else if (status === 'connected') {
      opened = true;
      setInputs((s) => ({
        ...s,
        socket: 'open',
        unreachable: false,
        lastClose: null,
        fatal: null,
      }));
    } else {
      setInputs((s) => ({ ...s, socket: 'idle', synced: false }));
    }
  };
  const onClose = (event: CloseEvent | null) => {
    const wasOpen = opened;
    opened = false;
    setInputs((s) => ({
      ...s,
      socket: 'idle',
      synced: false,
      // A close we caused ourselves (event null) says nothing about the relay.
      unreachable: event === null ? s.unreachable : !wasOpen,
      lastClose: event === null ? s.lastClose : { code: event.code, reason: event.reason },
    }));
  };
  const onSync = (synced: boolean) => setInputs((s) => ({ ...s, synced }));
  const onClosed = (close: { code: number; reason: string }) =>
    setInputs((s) => ({ ...s, fatal: close }));

  provider.on('status', onStatus);
  provider.on('connection-close', onClose);
  provider.on('sync', onSync);
  provider.on('closed', onClosed);
  return () => {
    provider.off('status', onStatus);
    provider.off('connection-close', onClose);
    provider.off('sync', onSync);
    provider.off('closed', onClosed);
  };
}
