import { defineConfig } from 'vitest/config';

const shared = { environment: 'node', testTimeout: 60_000, hookTimeout: 60_000 } as const;

export default defineConfig({
  test: {
    projects: [
      {
        // Pure code: files run two at a time, and all of them before the others start.
        test: {
          ...shared,
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        // Contract and integration tests start real relays, PostgreSQL, Redis and child
        // processes: keep them apart on 2 cores.
        test: {
          ...shared,
          name: 'integration',
          include: ['tests/{contract,integration}/**/*.test.ts'],
          fileParallelism: false,
          // Made once per run: the relay compiled, so each relay and command process
          // starts faster, and a PostgreSQL cluster that each test server copies.
          globalSetup: ['tests/support/compiled-relay.ts', 'tests/support/postgres-template.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
