import { Show } from 'solid-js';
import type * as Y from 'yjs';
import { readDocJson } from '../../../../../shared/model/docs/doc-json.js';
import { origins } from '../../../sync/origins.js';
import { TranscriptionProgress } from '../../../workspace/ai/TranscriptionProgress.js';
import { useTranscription } from '../../../workspace/ai/use-transcription.js';
import { writeDocJson } from '../../../workspace/docs/write-doc.js';
import { useSlots } from '../../../workspace/slots.js';
import { useRecorder } from './use-recorder.js';

/**
 * "Record" [CAL76]: the microphone is recorded and transcribed on this device; the
 * person then adds the transcript to the notes or discards it. The audio is never
 * uploaded. Without a speech model there is no transcript: notes only.
 */
export function RecordMeeting(props: { notes: Y.Doc; canWrite: boolean }) {
  const slots = useSlots();
  const recorder = useRecorder();
  const transcription = useTranscription(slots.deviceAi.transcribe);
  const stop = async () => {
    const recording = await recorder.stop();
    if (recording) await transcription.transcribe(recording, 'the recording');
  };
  const done = () => {
    const s = transcription.state();
    return s.status === 'done' ? s : null;
  };
  const addToNotes = (text: string) => {
    const json = readDocJson(props.notes);
    writeDocJson(
      props.notes,
      {
        type: 'doc',
        content: [
          ...(json.content ?? []),
          { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Transcript' }] },
          { type: 'paragraph', content: text ? [{ type: 'text', text }] : [] },
        ],
      },
      origins.edit,
    );
    transcription.reset();
  };
  return (
    <Show
      when={slots.deviceAi.speechModel()}
      fallback={
        <p class="muted small" role="note">
          No speech model installed — notes only.
        </p>
      }
    >
      <div class="stack meeting-record">
        <div class="row">
          <Show
            when={recorder.state().status === 'recording'}
            fallback={
              <button
                type="button"
                class="button"
                disabled={
                  !props.canWrite ||
                  recorder.state().status === 'starting' ||
                  transcription.state().status === 'running'
                }
                onClick={() => void recorder.start()}
              >
                Record
              </button>
            }
          >
            <button type="button" class="button button-primary" onClick={() => void stop()}>
              Stop recording
            </button>
            <span class="small" role="status">
              Recording on this device…
            </span>
          </Show>
        </div>
        <Show when={recorder.state().status === 'failed' && recorder.state()} keyed>
          {(s) => (
            <p class="notice" role="alert">
              {s.status === 'failed' ? s.message : ''}
            </p>
          )}
        </Show>
        <TranscriptionProgress state={transcription.state()} />
        <Show when={done()} keyed>
          {(s) => (
            <figure class="stack meeting-transcript">
              <figcaption class="small muted">Transcript (made on this device)</figcaption>
              <blockquote data-testid="meeting-transcript">
                {s.text || '(no speech heard)'}
              </blockquote>
              <div class="row">
                <button
                  type="button"
                  class="button button-primary"
                  onClick={() => addToNotes(s.text)}
                >
                  Add to notes
                </button>
                <button type="button" class="button" onClick={() => transcription.reset()}>
                  Discard
                </button>
              </div>
            </figure>
          )}
        </Show>
      </div>
    </Show>
  );
}
