/**
 * A recording is transcribed on the device by the tiny Whisper model the relay serves
 * ([SPEECH3], [SPEECH5]): an uploaded 48 kHz stereo WAV, then a MediaRecorder
 * WebM/Opus recording of Chromium's fake microphone, which plays a WAV file.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import config from '../../playwright.config.js';
import { DEFAULT_TRANSCRIPT } from '../support/tiny-models/index.js';
import { encodeWav, toneSamples } from '../support/wav.js';
import { expect, test } from './fixtures.js';

const RATE = 48_000;
const stereo = toneSamples(3, RATE * 2);
const wav = encodeWav(stereo, RATE, 2);
const microphoneWav = join(tmpdir(), `fake-microphone-${process.pid}.wav`);
writeFileSync(microphoneWav, encodeWav(toneSamples(4, 16_000, 330), 16_000));

const launch = config.use?.launchOptions ?? {};
test.use({
  aiModels: true,
  launchOptions: {
    ...launch,
    args: [
      ...(launch.args ?? []),
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-audio-capture=${microphoneWav}`,
    ],
  },
});

test.afterAll(() => rmSync(microphoneWav, { force: true }));

const MAGIC = ['RIFF', 'WAVE', '\u001aE\u00df\u00a3' /* EBML (WebM) */, 'OpusHead'];

test('[SPEECH3] [SPEECH5] a WAV file and a microphone recording are transcribed on the device, and no request carries the audio', async ({
  openApp,
}) => {
  const { page, context } = await openApp('/settings');
  const sent: { url: string; body: Buffer }[] = [];
  context.on('request', (r) =>
    sent.push({ url: r.url(), body: r.postDataBuffer() ?? Buffer.alloc(0) }),
  );
  const frames: Buffer[] = [];
  page.on('websocket', (ws) => ws.on('framesent', (f) => frames.push(Buffer.from(f.payload))));

  const section = page.getByTestId('ai-transcribe');
  await section.getByLabel('Audio file').setInputFiles({
    name: 'standup.wav',
    mimeType: 'audio/wav',
    buffer: Buffer.from(wav),
  });
  await expect(section.getByTestId('ai-transcript')).toHaveText(DEFAULT_TRANSCRIPT, {
    timeout: 60_000,
  });
  await expect(section).toContainText('Transcript of standup.wav');
  await expect(page.getByTestId('ai-model').filter({ hasText: 'tiny-transcriber' })).toContainText(
    'Ready on this device',
  );

  // [SPEECH3] what is not audio fails with a reason, and the worker never sees it.
  const input = section.getByLabel('Audio file');
  await input.setInputFiles({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('hi'),
  });
  await expect(section.getByRole('alert')).toContainText(
    'This browser cannot read notes.txt (text/plain) as audio',
  );
  await input.setInputFiles({ name: 'empty.wav', mimeType: 'audio/wav', buffer: Buffer.alloc(0) });
  await expect(section.getByRole('alert')).toHaveText('The recording is empty.');

  // MediaRecorder's own format, from the (fake) microphone, through the same input.
  const recorded = await page.evaluate(async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const recorder = new MediaRecorder(stream, { mimeType: 'audio/webm;codecs=opus' });
    const parts: Blob[] = [];
    recorder.ondataavailable = (e) => parts.push(e.data);
    const stopped = new Promise((resolve) => (recorder.onstop = resolve));
    recorder.start();
    // The length of the recording, not a wait for the app.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    recorder.stop();
    await stopped;
    stream.getTracks().forEach((t) => t.stop());
    const blob = new Blob(parts, { type: recorder.mimeType });
    const input = document.querySelector<HTMLInputElement>('[data-testid=ai-transcribe] input');
    const files = new DataTransfer();
    files.items.add(new File([blob], 'meeting.webm', { type: blob.type }));
    input!.files = files.files;
    input!.dispatchEvent(new Event('change', { bubbles: true }));
    return { type: blob.type, bytes: blob.size };
  });
  expect(recorded.type).toMatch(/^audio\/webm/);
  expect(recorded.bytes).toBeGreaterThan(1000);
  await expect(section).toContainText('Transcript of meeting.webm');
  await expect(section.getByTestId('ai-transcript')).toHaveText(DEFAULT_TRANSCRIPT);

  expect(sent.length).toBeGreaterThan(0);
  const pcm = Buffer.from(wav.subarray(1000, 1032));
  const sentBytes = [...sent.map((s) => s.body), ...frames];
  for (const body of sentBytes) {
    expect(body.includes(pcm)).toBe(false);
    for (const magic of MAGIC) expect(body.includes(Buffer.from(magic, 'latin1'))).toBe(false);
  }
  const total = sentBytes.reduce((sum, b) => sum + b.length, 0);
  expect(total, sent.map((s) => s.url).join('\n')).toBeLessThan(recorded.bytes);
});
