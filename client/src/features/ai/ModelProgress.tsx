import { Match, Switch } from 'solid-js';
import type { ModelInfo } from '../../../../shared/api/schemas.js';
import type { ModelState } from './ai-context.js';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/** A model's download: a progress bar with bytes and percent, or its failure. */
export function ModelProgress(props: { model: ModelInfo; state: ModelState }) {
  return (
    <Switch>
      <Match when={props.state.status === 'loading' && props.state} keyed>
        {(state) => {
          const percent = () =>
            state.total > 0 ? Math.min(100, Math.round((state.loaded / state.total) * 100)) : 0;
          return (
            <div class="ai-progress" role="status">
              <progress
                max={100}
                value={percent()}
                aria-label={`Downloading ${props.model.name}`}
              />
              <span class="small">
                Downloading {props.model.name}: {formatBytes(state.loaded)} of{' '}
                {formatBytes(state.total)} ({percent()}%)
              </span>
            </div>
          );
        }}
      </Match>
      <Match when={props.state.status === 'failed' && props.state} keyed>
        {(state) => <p class="notice small">{state.message}</p>}
      </Match>
    </Switch>
  );
}
