import { createSignal, type Accessor } from 'solid-js';

export interface Action<A extends unknown[]> {
  /** Starts the action unless one is running; failures land in error(). */
  run: (...args: A) => void;
  busy: Accessor<boolean>;
  /** The failure's message, shown next to the control that started it. */
  error: Accessor<string | null>;
  setError: (message: string | null) => void;
}

/** Wraps an async UI action (a form submit, a button) with busy and error state. */
export function useAction<A extends unknown[]>(perform: (...args: A) => Promise<void>): Action<A> {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const start = async (...args: A) => {
    setBusy(true);
    setError(null);
    try {
      await perform(...args);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Something went wrong.');
    } finally {
      setBusy(false);
    }
  };
  return {
    run: (...args) => {
      if (!busy()) void start(...args);
    },
    busy,
    error,
    setError,
  };
}
