import { createContext, useContext, type JSX } from 'solid-js';
import type { Api } from './api.js';
import type { SessionStore } from './session-store.js';

interface SessionServices {
  session: SessionStore;
  api: Api;
}

const SessionContext = createContext<SessionServices>();

export function SessionProvider(props: SessionServices & { children: JSX.Element }) {
  return (
    <SessionContext.Provider value={{ session: props.session, api: props.api }}>
      {props.children}
    </SessionContext.Provider>
  );
}

function useServices(): SessionServices {
  const services = useContext(SessionContext);
  if (!services) throw new Error('useSession needs a <SessionProvider> above it');
  return services;
}

export function useSession(): SessionStore {
  return useServices().session;
}

export function useApi(): Api {
  return useServices().api;
}
