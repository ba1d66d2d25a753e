/** What the app needs to know about the device's network, passed in so tests can fake it. */
export interface NetworkMonitor {
  isOnline(): boolean;
  /** Calls `listener` on every online/offline change; returns an unsubscribe function. */
  subscribe(listener: (online: boolean) => void): () => void;
}

export function browserNetworkMonitor(win: Window = window): NetworkMonitor {
  return {
    isOnline: () => win.navigator.onLine,
    subscribe(listener) {
      const online = () => listener(true);
      const offline = () => listener(false);
      win.addEventListener('online', online);
      win.addEventListener('offline', offline);
      return () => {
        win.removeEventListener('online', online);
        win.removeEventListener('offline', offline);
      };
    },
  };
}
