/**
 * Turns a recording (MediaRecorder's WebM/Opus, an uploaded WAV, MP3, M4A: whatever
 * this browser's decoder reads) into what Whisper hears: 16 kHz mono Float32 samples.
 * It runs on the main thread because the Web Audio API does not exist in workers;
 * the samples then go to the AI worker by postMessage and never over the network.
 */
import { TRANSCRIBE_SAMPLE_RATE } from './worker/transcription-windows.js';

/** unreadable: not audio this browser can decode; empty: no samples in it. */
export class AudioDecodeError extends Error {
  constructor(
    readonly code: 'unreadable' | 'empty',
    message: string,
  ) {
    super(message);
    this.name = 'AudioDecodeError';
  }
}

export async function decodeRecording(
  recording: Blob,
  rate: number = TRANSCRIBE_SAMPLE_RATE,
): Promise<Float32Array> {
  if (recording.size === 0) throw new AudioDecodeError('empty', 'The recording is empty.');
  // An offline context needs no audio device or user gesture; decodeAudioData
  // resamples to its rate.
  const decoder = new OfflineAudioContext(1, 1, rate);
  let decoded: AudioBuffer;
  try {
    decoded = await decoder.decodeAudioData(await recording.arrayBuffer());
  } catch (error) {
    const name = recording instanceof File ? recording.name : 'the recording';
    const what = recording.type ? `${name} (${recording.type})` : name;
    const reason = error instanceof Error ? error.message : String(error);
    throw new AudioDecodeError(
      'unreadable',
      `This browser cannot read ${what} as audio (${reason}).`,
    );
  }
  if (decoded.length === 0)
    throw new AudioDecodeError('empty', 'The recording has no sound in it.');
  if (decoded.numberOfChannels === 1 && decoded.sampleRate === rate) {
    return Float32Array.from(decoded.getChannelData(0));
  }
  // Rendering into one channel downmixes as the Web Audio spec says ((L + R) / 2).
  const mixer = new OfflineAudioContext(1, Math.ceil(decoded.duration * rate), rate);
  const source = mixer.createBufferSource();
  source.buffer = decoded;
  source.connect(mixer.destination);
  source.start();
  const rendered = await mixer.startRendering();
  return Float32Array.from(rendered.getChannelData(0));
}
