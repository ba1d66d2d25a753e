import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';
import {
  applyPatches,
  bmpOnly,
  concurrentUpdates,
  loadTrace,
  skipWithoutTraces,
  tracesDir,
  type ConcurrentTrace,
} from '../support/editing-traces.js';
import type { TestClient } from '../support/test-client.js';
import { startTestRelay, type TestRelay } from '../support/test-relay.js';
import { storedText } from '../support/stored-text.js';
import { waitFor } from '../support/wait-for.js';
import { cleanupAfterEach } from '../support/cleanup.js';

const cleanup = cleanupAfterEach();

async function relayWithClients(
  names: string[],
): Promise<{ relay: TestRelay; clients: TestClient[] }> {
  const file = join(mkdtempSync(join(tmpdir(), 'trace-')), 'relay.sqlite');
  const relay = await startTestRelay({ persistence: new SqlitePersistence({ file }) });
  cleanup.push(() => relay.stop());
  const clients = names.map((_, i) => relay.client('trace', { confirm: i === 0 }));
  for (const c of clients) cleanup.push(() => c.destroy());
  await Promise.all(clients.map((c) => c.synced()));
  return { relay, clients };
}

describe(`replaying real editing traces through the relay (from ${tracesDir})`, () => {
  it
    .skipIf(skipWithoutTraces('seph-blog1', 'automerge-paper'))
    .each(['seph-blog1', 'automerge-paper'])(
    '%s: every keystroke as its own update reaches a second client',
    async (name) => {
      const trace = loadTrace(name);
      expect(bmpOnly(trace.txns)).toBe(true);
      const { relay, clients } = await relayWithClients(['writer', 'reader']);
      const [writer, reader] = clients as [TestClient, TestClient];
      const text = writer.doc.getText('t');
      text.insert(0, trace.startContent);
      for (const [i, txn] of trace.txns.entries()) {
        writer.doc.transact(() => applyPatches(text, txn.patches));
        if (i % 2000 === 0) await new Promise((r) => setImmediate(r));
      }
      expect(text.toString()).toBe(trace.endContent);
      await writer.allConfirmed();
      await waitFor(() => reader.doc.getText('t').length === trace.endContent.length, {
        timeout: 60_000,
      });
      expect(reader.doc.getText('t').toString()).toBe(trace.endContent);
      expect(await storedText(relay.persistence, 'trace')).toBe(trace.endContent);
    },
  );

  it.skipIf(skipWithoutTraces('clownschool'))(
    'clownschool: concurrent agents, each txn applied on its causal parents, converge',
    async () => {
      const trace = loadTrace<ConcurrentTrace>('clownschool');
      expect(bmpOnly(trace.txns)).toBe(true);
      const { updates, ends } = concurrentUpdates(trace);
      // Replay: each agent's client sends its own txns through the relay, and waits
      // until the relay has delivered the other agents' txns it builds on, as a person
      // typing only ever edits what is on their screen.
      const { relay, clients } = await relayWithClients(
        Array.from({ length: trace.numAgents }, (_, i) => `agent-${i}`),
      );
      for (const [index, txn] of trace.txns.entries()) {
        const client = clients[txn.agent] as TestClient;
        const hasParents = () =>
          txn.parents.every((p) => {
            const end = ends[p] as { client: number; clock: number };
            return Y.getState(client.doc.store, end.client) >= end.clock;
          });
        if (!hasParents())
          await waitFor(hasParents, { interval: 0, what: `parents of txn ${index}` });
        Y.applyUpdate(client.doc, updates[index] as Uint8Array);
      }
      await waitFor(
        () => clients.every((c) => c.doc.getText('t').toString() === trace.endContent),
        { timeout: 60_000, what: 'all agents converge on endContent' },
      );
      // The relay forwards only what it has stored, so convergence implies storage.
      expect(await storedText(relay.persistence, 'trace')).toBe(trace.endContent);
    },
  );
});
