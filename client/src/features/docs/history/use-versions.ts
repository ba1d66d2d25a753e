import type { Accessor } from 'solid-js';
import type * as Y from 'yjs';
import { fromYjs } from '../../../sync/yjs-signal.js';
import { listVersions, VERSIONS, type Version } from '../../../workspace/docs/history-model.js';

/** The doc's versions, kept current as versions are taken here or elsewhere. */
export function useVersions(history: Y.Doc): Accessor<Version[]> {
  return fromYjs(history.getArray(VERSIONS), () => listVersions(history));
}
