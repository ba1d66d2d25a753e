import { render } from 'solid-js/web';
import { registerSW } from 'virtual:pwa-register';
import { App } from './app/App.js';
import { applyThemePreference, readThemePreference } from './app/theme-preference.js';
import { installUnloadGuard } from './app/unload-guard.js';
import { browserNetworkMonitor } from './lib/network-monitor.js';
import { syncUrl } from './lib/sync-url.js';
import { DocRegistry } from './sync/doc-registry.js';
import { openRoomSync } from './sync/room-sync.js';
import './ui/theme.css';

applyThemePreference(document.documentElement, readThemePreference(localStorage));

const network = browserNetworkMonitor(window);
const serverUrl = syncUrl(window.location);
const registry = new DocRegistry((room) => openRoomSync({ room, serverUrl, network }));
installUnloadGuard(window, () => registry.hasUnsavedWork());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
render(() => <App registry={registry} />, root);

// autoUpdate: a new service worker takes over at once; the shell is precached for offline use.
void registerSW({ immediate: true });
