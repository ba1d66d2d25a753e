import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type * as Y from 'yjs';

/** The current string of a Y.Text as a Solid signal; unobserves on cleanup. */
export function useYText(text: Y.Text): Accessor<string> {
  const [value, setValue] = createSignal(text.toJSON());
  const observer = () => setValue(text.toJSON());
  text.observe(observer);
  onCleanup(() => text.unobserve(observer));
  return value;
}
