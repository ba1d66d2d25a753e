/**
 * 16-bit PCM WAV files for speech tests: Chromium's fake audio capture reads them
 * (--use-file-for-fake-audio-capture) and the Node tests decode them back. Written by
 * hand because a RIFF header is 44 bytes and no dependency is worth it for that.
 */

/** A tone with a little seeded noise, so the features are not all zeros. */
export function toneSamples(seconds: number, sampleRate: number, hz = 220): Float32Array {
  const samples = new Float32Array(Math.round(seconds * sampleRate));
  let seed = 1;
  for (let i = 0; i < samples.length; i += 1) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    samples[i] =
      0.4 * Math.sin((2 * Math.PI * hz * i) / sampleRate) + 0.05 * (seed / 2 ** 31 - 0.5);
  }
  return samples;
}

/** Mono (or interleaved `channels`) float samples in [-1, 1] as a PCM16 WAV file. */
export function encodeWav(samples: Float32Array, sampleRate: number, channels = 1): Uint8Array {
  const bytes = new Uint8Array(44 + samples.length * 2);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) =>
    [...text].forEach((c, i) => view.setUint8(offset + i, c.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + samples.length * 2, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channels * 2, true);
  view.setUint16(32, channels * 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, samples.length * 2, true);
  samples.forEach((s, i) =>
    view.setInt16(44 + i * 2, Math.round(Math.max(-1, Math.min(1, s)) * 32_767), true),
  );
  return bytes;
}

/** The first channel of a PCM16 WAV written by encodeWav, as floats. */
export function decodeWav(bytes: Uint8Array): { sampleRate: number; samples: Float32Array } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (tag(0) !== 'RIFF' || tag(8) !== 'WAVE' || view.getUint16(34, true) !== 16) {
    throw new Error('decodeWav: not a 16-bit PCM WAV file');
  }
  const channels = view.getUint16(22, true);
  const frames = view.getUint32(40, true) / 2 / channels;
  const samples = new Float32Array(frames);
  for (let i = 0; i < frames; i += 1) {
    samples[i] = view.getInt16(44 + i * channels * 2, true) / 32_768;
  }
  return { sampleRate: view.getUint32(24, true), samples };
}
