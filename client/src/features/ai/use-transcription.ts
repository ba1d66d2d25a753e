import { createSignal, type Accessor } from 'solid-js';
import { useAi } from './ai-context.js';
import { AudioDecodeError } from './decode-audio.js';

/** A transcription's progress, as the view shows it. */
export type TranscriptionState =
  | { status: 'idle' }
  | { status: 'running'; done: number; total: number }
  | { status: 'done'; name: string; text: string }
  | { status: 'no-model' }
  | { status: 'failed'; message: string };

/** Transcribes one recording at a time on this device; a new one replaces the last result. */
export function useTranscription(): {
  state: Accessor<TranscriptionState>;
  transcribe(recording: Blob, name: string): Promise<void>;
} {
  const ai = useAi();
  const [state, setState] = createSignal<TranscriptionState>({ status: 'idle' });
  const transcribe = async (recording: Blob, name: string) => {
    setState({ status: 'running', done: 0, total: 0 });
    try {
      const result = await ai.transcribe(recording, (done, total) =>
        setState({ status: 'running', done, total }),
      );
      setState(result.status === 'done' ? { status: 'done', name, text: result.text } : result);
    } catch (error) {
      const message =
        error instanceof AudioDecodeError
          ? error.message
          : `The recording could not be transcribed: ${error instanceof Error ? error.message : String(error)}`;
      setState({ status: 'failed', message });
    }
  };
  return { state, transcribe };
}
