import { createSignal, onCleanup, type Accessor } from 'solid-js';

export type RecorderState =
  | { status: 'idle' }
  | { status: 'starting' }
  | { status: 'recording'; since: number }
  | { status: 'failed'; message: string };

/**
 * The microphone through MediaRecorder (the browser's own compressed format, which
 * decode-audio reads). The recording stays in memory on this device: `stop` hands it
 * to the caller, nothing here sends it anywhere. The microphone is released on stop
 * and when the view goes away.
 */
export function useRecorder(): {
  state: Accessor<RecorderState>;
  start(): Promise<void>;
  stop(): Promise<Blob | null>;
} {
  const [state, setState] = createSignal<RecorderState>({ status: 'idle' });
  let recorder: MediaRecorder | null = null;
  let stream: MediaStream | null = null;
  const parts: Blob[] = [];
  const release = () => {
    stream?.getTracks().forEach((track) => track.stop());
    stream = null;
  };
  onCleanup(() => {
    if (recorder?.state === 'recording') recorder.stop();
    release();
  });
  return {
    state,
    async start() {
      if (state().status === 'recording' || state().status === 'starting') return;
      setState({ status: 'starting' });
      try {
        stream = await navigator.mediaDevices.getUserMedia({ audio: true });
        recorder = new MediaRecorder(stream);
        parts.length = 0;
        recorder.ondataavailable = (event) => parts.push(event.data);
        recorder.start();
        setState({ status: 'recording', since: Date.now() });
      } catch (error) {
        release();
        const denied = error instanceof DOMException && error.name === 'NotAllowedError';
        setState({
          status: 'failed',
          message: denied
            ? 'The browser was not allowed to use the microphone.'
            : `The microphone could not be started: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    },
    async stop() {
      const active = recorder;
      if (!active || active.state !== 'recording') return null;
      const stopped = new Promise<void>((resolve) => (active.onstop = () => resolve()));
      active.stop();
      await stopped;
      release();
      recorder = null;
      setState({ status: 'idle' });
      return new Blob(parts, { type: active.mimeType });
    },
  };
}
