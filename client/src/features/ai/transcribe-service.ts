import type { Transcribe } from '../../workspace/ai/use-transcription.js';
import type { AiServices } from './ai-context.js';
import { AudioDecodeError } from './decode-audio.js';

/** The device's transcriber as the workspace lends it: failures become a reason to show. */
export function transcribeService(ai: Pick<AiServices, 'transcribe'>): Transcribe {
  return async (recording, onStep) => {
    try {
      const result = await ai.transcribe(recording, onStep);
      return result.status === 'done' ? { status: 'done', text: result.text } : result;
    } catch (error) {
      const message =
        error instanceof AudioDecodeError
          ? error.message
          : `The recording could not be transcribed: ${error instanceof Error ? error.message : String(error)}`;
      return { status: 'failed', message };
    }
  };
}
