import { createSignal, type Accessor } from 'solid-js';

/** A transcription's progress, as the view shows it. */
export type TranscriptionState =
  | { status: 'idle' }
  | { status: 'running'; done: number; total: number }
  | { status: 'done'; name: string; text: string }
  | { status: 'no-model' }
  | { status: 'failed'; message: string };

/** How a finished transcription ends (the AI feature's service, lent through the slots). */
export type TranscriptionResult =
  | Extract<TranscriptionState, { status: 'no-model' } | { status: 'failed' }>
  | { status: 'done'; text: string };

/**
 * Transcribes `recording` on this device; `onStep` counts the parts done. Never
 * rejects: an unreadable file or a failing model ends as `failed` with a reason.
 */
export type Transcribe = (
  recording: Blob,
  onStep: (done: number, total: number) => void,
) => Promise<TranscriptionResult>;

/**
 * One recording at a time (Settings → AI and meeting notes share it); a new one
 * replaces the last result.
 */
export function useTranscription(transcribe: Transcribe): {
  state: Accessor<TranscriptionState>;
  transcribe(recording: Blob, name: string): Promise<void>;
  reset(): void;
} {
  const [state, setState] = createSignal<TranscriptionState>({ status: 'idle' });
  return {
    state,
    reset: () => setState({ status: 'idle' }),
    async transcribe(recording, name) {
      setState({ status: 'running', done: 0, total: 0 });
      const result = await transcribe(recording, (done, total) =>
        setState({ status: 'running', done, total }),
      );
      setState(result.status === 'done' ? { status: 'done', name, text: result.text } : result);
    },
  };
}
