import { createEffect, createRoot, type Accessor } from 'solid-js';

/** Resolves the first time `condition` reads true (a Solid signal or derived accessor). */
export function whenTrue(condition: Accessor<boolean>): Promise<void> {
  return new Promise((resolve) => {
    createRoot((dispose) => {
      createEffect(() => {
        if (!condition()) return;
        dispose();
        resolve();
      });
    });
  });
}
