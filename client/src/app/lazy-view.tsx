import { lazy, Suspense, type Component, type JSX } from 'solid-js';
import { Skeleton } from '../ui/States.js';

/**
 * A view whose code is fetched the first time it is shown, so the first screen does
 * not wait for every feature's code [LOAD1]. It has its own Suspense, so while its
 * chunk loads only its own place shows the fallback (a page's Skeleton leaves the
 * shell and its navigation in place; a panel inside a page leaves the page).
 * `preload()` fetches the chunk ahead (the router calls it when a link is hovered).
 */
export function lazyView<P extends object>(
  load: () => Promise<Component<P>>,
  fallback: () => JSX.Element,
): Component<P> & { preload: () => void } {
  const View = lazy(async () => ({ default: await load() }));
  const LazyView = (props: P) => (
    <Suspense fallback={fallback()}>
      <View {...props} />
    </Suspense>
  );
  return Object.assign(LazyView, { preload: () => void View.preload() });
}

/** A page's chunk; a Skeleton labelled with what is loading stands in meanwhile. */
export function lazyPage<P extends object>(label: string, load: () => Promise<Component<P>>) {
  return lazyView(load, () => <Skeleton label={label} lines={4} />);
}
