import { createSignal, Show, type Component, type JSX } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { ErrorState, Skeleton } from '../ui/States.js';
import { shouldReloadForChunk } from './stale-chunk.js';

/** A chunk that did not arrive: reload once for a new build [LOAD4], or say so. */
function chunkFailed(showError: () => void) {
  let reload = false;
  try {
    reload = shouldReloadForChunk(sessionStorage, navigator.onLine, Date.now());
  } catch {
    // sessionStorage refused (storage disabled): no guard, so no automatic reload.
  }
  if (reload) location.reload();
  else showError();
}

/**
 * A view whose code is fetched the first time it is shown, so the first screen does
 * not wait for every feature's code [LOAD1]. While its chunk loads only its own place
 * shows the fallback (a page's Skeleton leaves the shell and its navigation in place).
 * `preload()` fetches the chunk ahead. A chunk that fails to load reloads the tab once
 * (the app was updated since it opened); otherwise an error with a Reload button shows.
 *
 * Not Solid's lazy() under a Suspense: that boundary would also catch every resource
 * the page reads, and each refetch would take the page out of the document and put it
 * back, which leaves the chat's virtual list (sized while detached) showing no rows.
 */
export function lazyView<P extends object>(
  load: () => Promise<Component<P>>,
  fallback: () => JSX.Element,
): Component<P> & { preload: () => void } {
  let loaded: Component<P> | undefined;
  let pending: Promise<Component<P>> | undefined;
  const fetch = () => {
    pending ??= load().then(
      (view) => (loaded = view),
      (error: unknown) => {
        pending = undefined; // the next try fetches again
        throw error;
      },
    );
    return pending;
  };
  const LazyView = (props: P) => {
    const [view, setView] = createSignal<Component<P> | undefined>(loaded);
    const [failed, setFailed] = createSignal(false);
    const start = () => {
      setFailed(false);
      fetch().then(
        (next) => setView(() => next),
        () => chunkFailed(() => setFailed(true)),
      );
    };
    if (!loaded) start();
    return (
      <Show
        when={view()}
        fallback={
          <Show when={failed()} fallback={fallback()}>
            <ErrorState
              title="This part of the app could not be loaded"
              action={
                <button type="button" class="button" onClick={() => location.reload()}>
                  Reload the app
                </button>
              }
            >
              Its code did not arrive: the connection dropped, or the app was updated since this tab
              opened. Reloading fetches it again; nothing you wrote is lost.
            </ErrorState>
          </Show>
        }
      >
        {(View) => <Dynamic component={View()} {...props} />}
      </Show>
    );
  };
  return Object.assign(LazyView, { preload: () => void fetch().catch(() => undefined) });
}

/** A page's chunk; a Skeleton labelled with what is loading stands in meanwhile. */
export function lazyPage<P extends object>(label: string, load: () => Promise<Component<P>>) {
  return lazyView(load, () => <Skeleton label={label} lines={4} />);
}
