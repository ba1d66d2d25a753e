import { Show } from 'solid-js';
import { TranscriptionProgress } from '../../workspace/ai/TranscriptionProgress.js';
import { useTranscription } from '../../workspace/ai/use-transcription.js';
import { useAi } from './ai-context.js';
import { transcribeService } from './transcribe-service.js';

/**
 * Settings → AI: transcribe an audio file on this device, to try the speech model
 * (meeting notes use the same `transcribe` service). The file is read here and never
 * uploaded.
 */
export function TranscribeRecording() {
  const transcription = useTranscription(transcribeService(useAi()));
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
      <TranscriptionProgress state={transcription.state()} />
      <Show
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
      </Show>
    </div>
  );
}
