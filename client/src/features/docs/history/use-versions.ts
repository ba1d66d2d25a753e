import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type * as Y from 'yjs';
import { listVersions, VERSIONS, type Version } from '../../../workspace/docs/history-model.js';

export function useVersions(history: Y.Doc): Accessor<Version[]> {
  const [versions, setVersions] = createSignal(listVersions(history));
  const versionsArray = history.getArray(VERSIONS);
  const update = () => setVersions(listVersions(history));
  versionsArray.observeDeep(update);
  onCleanup(() => versionsArray.unobserveDeep(update));
  return versions;
}
