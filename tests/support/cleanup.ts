import { afterEach } from 'vitest';

/**
 * Registers an afterEach that runs the pushed teardown steps in reverse order, and
 * returns the list to push them onto (relays, clients, processes).
 */
export function cleanupAfterEach(): (() => unknown)[] {
  const steps: (() => unknown)[] = [];
  afterEach(async () => {
    for (const step of steps.splice(0).reverse()) await step();
  });
  return steps;
}
