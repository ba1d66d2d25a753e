import { Match, Switch } from 'solid-js';
import { useTranscription } from './use-transcription.js';

/**
 * Settings → AI: transcribe an audio file on this device, to try the speech model
 * (meeting notes use the same `transcribe` service). The file is read here and never
 * uploaded.
 */
export function TranscribeRecording() {
  const transcription = useTranscription();
  return (
    <div class="ai-transcribe" data-testid="ai-transcribe">
      <h3>Transcribe a recording</h3>
      <p class="muted small">
        The audio is turned into text in this browser and is not uploaded anywhere.
      </p>
      <label class="ai-transcribe-file">
        <span>Audio file</span>
        <input
          type="file"
          accept="audio/*,video/webm"
          disabled={transcription.state().status === 'running'}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) void transcription.transcribe(file, file.name);
          }}
        />
      </label>
      <Switch>
        <Match
          when={(() => {
            const s = transcription.state();
            return s.status === 'running' ? s : false;
          })()}
          keyed
        >
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
        <Match
          when={(() => {
            const s = transcription.state();
            return s.status === 'done' ? s : false;
          })()}
          keyed
        >
          {(s) => (
            <figure class="ai-transcript-figure">
              <figcaption class="small muted">Transcript of {s.name}</figcaption>
              <blockquote class="ai-transcript" data-testid="ai-transcript">
                {s.text || '(no speech heard)'}
              </blockquote>
            </figure>
          )}
        </Match>
        <Match when={transcription.state().status === 'no-model'}>
          <p class="notice" role="status">
            No speech model is installed on the relay, so there is no transcript: notes only.
          </p>
        </Match>
        <Match
          when={(() => {
            const s = transcription.state();
            return s.status === 'failed' ? s : false;
          })()}
          keyed
        >
          {(s) => (
            <p class="notice" role="alert">
              {s.message}
            </p>
          )}
        </Match>
      </Switch>
    </div>
  );
}
