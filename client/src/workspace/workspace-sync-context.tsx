import { createContext, useContext, type JSX } from 'solid-js';
import type { WorkspaceSync } from './workspace-sync.js';

const WorkspaceSyncContext = createContext<WorkspaceSync>();

/** Gives views the device's view of the whole workspace: summaries and catch-up progress. */
export function WorkspaceSyncProvider(props: { workspace: WorkspaceSync; children: JSX.Element }) {
  return (
    <WorkspaceSyncContext.Provider value={props.workspace}>
      {props.children}
    </WorkspaceSyncContext.Provider>
  );
}

export function useWorkspaceSync(): WorkspaceSync {
  const workspace = useContext(WorkspaceSyncContext);
  if (!workspace) throw new Error('useWorkspaceSync outside WorkspaceSyncProvider');
  return workspace;
}
