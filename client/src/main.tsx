import { render } from 'solid-js/web';
import { registerSW } from 'virtual:pwa-register';
import { roomIdOf } from '../../shared/protocol/room-id.js';
import { App } from './app/App.js';
import { applyThemePreference, readThemePreference } from './app/theme-preference.js';
import { installUnloadGuard } from './app/unload-guard.js';
import { ApiFailure } from './auth/api-failure.js';
import { createApiRequest } from './auth/api-request.js';
import { createApi } from './auth/api.js';
import { browserDeviceData } from './auth/device-data.js';
import { moveLocalDoc } from './features/docs/tree/move-local-doc.js';
import { createPendingDocs } from './features/docs/tree/pending-docs.js';
import { newRoomId } from './workspace/rooms/new-room-id.js';
import { installSessionRefresh } from './auth/session-refresh.js';
import { createSessionStore } from './auth/session-store.js';
import { TokenSource } from './auth/token-source.js';
import { browserNetworkMonitor } from './lib/network-monitor.js';
import { syncUrl } from './lib/sync-url.js';
import { throttle } from './lib/throttle.js';
import { DocRegistry } from './sync/doc-registry.js';
import { openRoomSync } from './sync/room-sync.js';
import './ui/theme.css';
import './ui/forms.css';
import './ui/lists.css';

/** Socket failures and focus events come in bursts; one session check per burst is enough. */
const REFRESH_GAP_MS = 2_000;

applyThemePreference(document.documentElement, readThemePreference(localStorage));

const network = browserNetworkMonitor(window);
const serverUrl = syncUrl(window.location);
const api = createApi(createApiRequest(window.fetch.bind(window)));
const refreshSoon = throttle(() => {
  // Signed out (or before setup), checking again only matters while the relay is out of reach.
  const state = session.state();
  if (state === 'signed-in' || state === 'loading' || !session.reachable()) void session.refresh();
}, REFRESH_GAP_MS);
const tokens = new TokenSource({
  fetchToken: api.accessToken,
  onFailure: (error) => {
    if (error instanceof ApiFailure && error.status === 401) refreshSoon();
  },
});
const registry = new DocRegistry((room) =>
  openRoomSync({
    room,
    serverUrl,
    network,
    tokens,
    level: () => session.levelOf(roomIdOf(room)),
    // A close that says access changed is checked at once; refusals may be the relay restarting.
    onAccessProblem: (code) => (code === null ? refreshSoon() : void session.refresh()),
    registration: pendingDocs,
  }),
);
const device = browserDeviceData(registry, indexedDB);
// Docs created offline: no socket opens for them until the relay registered them as ours.
const pendingDocs = createPendingDocs({
  api,
  storage: localStorage,
  registered: (room) => session.addRoom(room),
  me: () => session.me()?.user.id ?? null,
  newId: () => newRoomId(),
  moveLocalCopy: moveLocalDoc({ registry, forgetRooms: (ids) => device.forgetRooms(ids) }),
});
const session = createSessionStore({
  api,
  storage: localStorage,
  device,
  onEnded: () => tokens.reset(),
  ownUnregistered: (roomId) => pendingDocs.awaiting(roomId),
});
network.subscribe((online) => {
  if (online) tokens.wake();
});
installSessionRefresh(window, refreshSoon);
installUnloadGuard(window, () => registry.hasUnsavedWork());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
render(
  () => <App registry={registry} session={session} api={api} pendingDocs={pendingDocs} />,
  root,
);

// autoUpdate: a new service worker takes over at once; the shell is precached for offline use.
void registerSW({ immediate: true });
