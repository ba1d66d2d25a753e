import { Match, Switch } from 'solid-js';
import type { TranscriptionState } from './use-transcription.js';

/** Progress, "no model" and failure of a transcription; the result is the caller's to show. */
export function TranscriptionProgress(props: { state: TranscriptionState }) {
  const running = () => (props.state.status === 'running' ? props.state : null);
  const failed = () => (props.state.status === 'failed' ? props.state : null);
  return (
    <Switch>
      <Match when={running()} keyed>
        {(s) => (
          <div class="ai-progress" role="status">
            <progress max={Math.max(1, s.total)} value={s.done} aria-label="Transcribing" />
            <span class="small">
              {s.total === 0
                ? 'Preparing the recording…'
                : `Transcribing: ${s.done} of ${s.total} ${s.total === 1 ? 'part' : 'parts'} done`}
            </span>
          </div>
        )}
      </Match>
      <Match when={props.state.status === 'no-model'}>
        <p class="notice" role="status">
          No speech model is installed on the relay, so there is no transcript: notes only.
        </p>
      </Match>
      <Match when={failed()} keyed>
        {(s) => (
          <p class="notice" role="alert">
            {s.message}
          </p>
        )}
      </Match>
    </Switch>
  );
}
