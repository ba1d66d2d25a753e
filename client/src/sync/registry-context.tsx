import { createContext, onCleanup, useContext, type JSX } from 'solid-js';
import type { DocRegistry, RoomHandle } from './doc-registry.js';

const RegistryContext = createContext<DocRegistry>();

export function RegistryProvider(props: { registry: DocRegistry; children: JSX.Element }) {
  return (
    <RegistryContext.Provider value={props.registry}>{props.children}</RegistryContext.Provider>
  );
}

export function useRegistry(): DocRegistry {
  const registry = useContext(RegistryContext);
  if (!registry) throw new Error('useRegistry needs a <RegistryProvider> above it');
  return registry;
}

/** Acquires a room for the lifetime of the calling component. */
export function useRoom(room: string): RoomHandle {
  const handle = useRegistry().acquire(room);
  onCleanup(handle.release);
  return handle;
}
