import { createContext, useContext, type JSX } from 'solid-js';
import type { WorkspaceSync } from './workspace-sync.js';

const WorkspaceContext = createContext<WorkspaceSync>();

/** Gives views the device's view of the whole workspace: summaries and catch-up progress. */
export function WorkspaceProvider(props: { workspace: WorkspaceSync; children: JSX.Element }) {
  return (
    <WorkspaceContext.Provider value={props.workspace}>{props.children}</WorkspaceContext.Provider>
  );
}

export function useWorkspace(): WorkspaceSync {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace outside WorkspaceProvider');
  return workspace;
}
