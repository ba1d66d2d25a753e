import { createEffect, createRoot, on, onCleanup } from 'solid-js';
import { render } from 'solid-js/web';
import { DIRECTORY_DIGEST_HEADER } from '../../shared/protocol/mux.js';
import { chatSummarizer } from './workspace/chat-summary.js';
import { taskSummarizer } from './workspace/task-summary.js';
import { calendarSummarizer } from './workspace/calendar-summary.js';
import type { DeviceData } from './auth/device-data.js';
import { indexedDbFeedStore } from './sync/feed/feed-store.js';
import { openFeedDb } from './sync/feed/workspace-db.js';
import { WorkspaceStore } from './sync/device-store/workspace-store.js';
import { workspacePartStore } from './sync/local-store/workspace-part-store.js';
import { workspaceSummaryStore } from './workspace/room-summaries.js';
import { partPriority } from './workspace/part-priority.js';
import { WorkspaceSyncProvider } from './workspace/workspace-sync-context.js';
import { WorkspaceSync } from './workspace/workspace-sync.js';
import { registerSW } from 'virtual:pwa-register';
import { roomIdOf } from '../../shared/protocol/room-id.js';
import { App } from './app/App.js';
import { applyThemePreference, readThemePreference } from './app/theme-preference.js';
import { installUnloadGuard } from './app/unload-guard.js';
import { showDeviceStoreProblem } from './app/device-store-problem.js';
import { QUARANTINE_PREFIX, upgradeLocalStorage } from './lib/storage-layout.js';
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
import { DocRegistry, localStorageUnsettledParts } from './sync/doc-registry.js';
import { openMuxRoomSync } from './sync/mux/mux-room-sync.js';
import { type HelloState, WorkspaceConnection } from './sync/mux/workspace-connection.js';
import './ui/theme.css';
import './ui/forms.css';
import './ui/lists.css';

/** Socket failures and focus events come in bursts; one session check per burst is enough. */
const REFRESH_GAP_MS = 2_000;

// Before anything reads localStorage: its layout is versioned [UPGRADE6].
const layout = upgradeLocalStorage(localStorage);
if (layout.quarantined.length > 0)
  console.warn(
    `unreadable values kept aside under ${QUARANTINE_PREFIX}<key>: ${layout.quarantined.join(', ')}`,
  );
if (layout.kind === 'newer')
  console.warn(
    `local settings were saved by a newer app (layout ${layout.found}); left as they are`,
  );
applyThemePreference(document.documentElement, readThemePreference(localStorage));

const network = browserNetworkMonitor(window);
const serverUrl = syncUrl(window.location);
let directoryDigest = '';
const api = createApi(
  createApiRequest(window.fetch.bind(window), '/api', (method, path, headers) => {
    // The digest of the directory this device now holds goes into the next hello [FEED1].
    if (method === 'GET' && path === '/rooms')
      directoryDigest = headers.get(DIRECTORY_DIGEST_HEADER) ?? '';
  }),
);
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
// A close that says access changed is checked at once; refusals may be the relay restarting.
const onAccessProblem = (code: number | null) =>
  code === null ? refreshSoon() : void session.refresh();
// The tab's one WebSocket: every room part it syncs is a subscription on it (protocol v2).
const connection = new WorkspaceConnection({
  url: serverUrl,
  tokens,
  network,
  onAccessProblem,
  hello: (): HelloState => workspace.catchUp.ledger.cursor,
  helloReady: Promise.resolve().then(() => workspace.catchUp.ready()),
});
// Every room part this device keeps, in one IndexedDB database (moved in from the old
// one-database-per-part layout on first start).
const deviceStore = new WorkspaceStore({
  idb: indexedDB,
  onError: (part, error) => console.warn(`could not store ${part} on this device`, error),
});
deviceStore.ready.catch((error: unknown) => showDeviceStoreProblem(document, error));
const partStore = workspacePartStore(deviceStore);
const registry = new DocRegistry(
  (room) =>
    openMuxRoomSync({
      room,
      connection,
      store: partStore,
      level: () => session.levelOf(roomIdOf(room)),
      onAccessProblem,
      registration: pendingDocs,
    }),
  // Parts released with edits not yet on the relay are opened again at the next start.
  { unsettled: localStorageUnsettledParts(localStorage) },
);

const me = () => session.me()?.user.id ?? null;
// Every readable room kept on this device through the feed of heads, and a small summary
// of each for the sidebar, DINGs, My tasks and reminders (no room is held open for them).
const workspace: WorkspaceSync = new WorkspaceSync({
  connection,
  registry,
  feedStore: indexedDbFeedStore(openFeedDb(indexedDB)),
  summaryStore: workspaceSummaryStore(deviceStore),
  summarizers: [chatSummarizer(me), taskSummarizer(me), calendarSummarizer(me)],
  directory: () => session.directory(),
  // The directory changed [FEED3]: re-reading it wipes rooms that went away.
  refreshDirectory: () => void session.refresh(),
  priority: partPriority(() => session.directory(), workspaceSummaries),
});
function workspaceSummaries() {
  return workspace.summaries;
}
const roomData = browserDeviceData(registry, indexedDB, deviceStore);
const device: DeviceData = {
  ...roomData,
  async forgetRooms(roomIds) {
    workspace.forgetRooms(roomIds);
    await roomData.forgetRooms(roomIds);
  },
  async forgetAll() {
    workspace.reset();
    await roomData.forgetAll();
  },
};
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
registry.reopenUnsettled();
createRoot(() => {
  createEffect(
    on(session.directory, () => {
      if (session.state() !== 'signed-in') return;
      workspace.catchUp.directoryHeld(directoryDigest);
      workspace.directoryChanged();
    }),
  );
  // Signed in, the tab keeps its one socket open for the feed even with no room open.
  createEffect(
    on(
      () => session.state() === 'signed-in',
      (signedIn) => {
        if (signedIn) onCleanup(connection.hold());
      },
    ),
  );
});
installUnloadGuard(window, () => registry.hasUnsavedWork());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
render(
  () => (
    <WorkspaceSyncProvider workspace={workspace}>
      <App registry={registry} session={session} api={api} pendingDocs={pendingDocs} />
    </WorkspaceSyncProvider>
  ),
  root,
);

// autoUpdate: a new service worker takes over at once; the shell is precached for offline use.
void registerSW({ immediate: true });
