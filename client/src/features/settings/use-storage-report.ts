import { createResource, createSignal } from 'solid-js';
import {
  browserStorage,
  readStorageReport,
  requestPersistence,
  type StorageApi,
} from '../../lib/storage-persistence.js';

/** What the browser answered to the last "Keep data on this device" press. */
export type AskOutcome = 'idle' | 'asking' | 'granted' | 'refused' | 'failed';

/** The device's storage report, re-read after asking for persistence. */
export function useStorageReport(storage: StorageApi | undefined = browserStorage()) {
  const [report, { refetch }] = createResource(() => readStorageReport(storage));
  const [outcome, setOutcome] = createSignal<AskOutcome>('idle');
  const ask = async () => {
    setOutcome('asking');
    const answer = await requestPersistence(storage);
    setOutcome(answer === null ? 'failed' : answer ? 'granted' : 'refused');
    await refetch();
  };
  return { report, outcome, ask };
}
