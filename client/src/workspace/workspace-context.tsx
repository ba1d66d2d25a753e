import { createContext, createEffect, on, useContext, type JSX } from 'solid-js';
import { useApi, useSession } from '../auth/session-context.js';
import { createDingVerdicts, type DingVerdicts } from './ding-verdicts.js';
import { createDirectory, type Directory } from './directory.js';
import { createPeople, type People } from './people.js';

interface Workspace {
  directory: Directory;
  people: People;
  dings: DingVerdicts;
}

/** A session refresh soon after the last answer does not ask for the people again. */
const PEOPLE_REFRESH_GAP_MS = 10_000;

const WorkspaceContext = createContext<Workspace>();

/**
 * What several features share about the signed-in person's workspace, once per
 * session (the shell mounts it again for another person).
 */
export function WorkspaceProvider(props: { children: JSX.Element }) {
  const api = useApi();
  const session = useSession();
  const people = createPeople({
    api,
    storage: localStorage,
    me: () => session.me()?.user ?? null,
  });
  // Every successful session check sets a new `me`: the people list follows it.
  createEffect(on(session.me, () => void people.refresh(PEOPLE_REFRESH_GAP_MS)));
  const workspace: Workspace = {
    directory: createDirectory(session.directory),
    people,
    dings: createDingVerdicts(() => session.me()?.user.id ?? null),
  };
  return <WorkspaceContext.Provider value={workspace}>{props.children}</WorkspaceContext.Provider>;
}

function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('workspace hooks need a <WorkspaceProvider> above them');
  return workspace;
}

/** The rooms this person may open, by id and by kind (see directory.ts). */
export function useDirectory(): Directory {
  return useWorkspace().directory;
}

/** The workspace's people (see people.ts). */
export function usePeople(): People {
  return useWorkspace().people;
}

/** Which DINGs the relay said ring (see ding-verdicts.ts). */
export function useDingVerdicts(): DingVerdicts {
  return useWorkspace().dings;
}
