import { randomBytes } from 'node:crypto';
import type { Bus, Lease } from './bus.js';

const granted: Lease = { release: () => Promise.resolve() };

/**
 * The embedded mode's bus: one relay, so nothing crosses and nothing arrives. Every
 * call returns at once; the lease is always granted.
 */
export class LocalBus implements Bus {
  readonly relayId = randomBytes(6).toString('base64url');

  publishUpdates(): Promise<void> {
    return Promise.resolve();
  }

  publish(): void {}

  subscribe(): () => void {
    return () => {};
  }

  healthy(): boolean {
    return true;
  }

  lease(): Promise<Lease | null> {
    return Promise.resolve(granted);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
