/**
 * tiny-transcriber: a Whisper-layout speech model (like Xenova/whisper-tiny.en,
 * English-only) whose transcript is always `transcript`, whatever the audio.
 *
 * The real WhisperFeatureExtractor (80 log-mel bins, 16 kHz, 30 s windows) runs on
 * the audio; the encoder is one MatMul over the mel frames, so the pipeline's own
 * work is what a run measures. The decoder is the shared step decoder with a prompt
 * of two tokens (<|startoftranscript|> <|notimestamps|>, what Transformers.js sends
 * to an English-only model without timestamps).
 *
 * Token ids: the 256 byte-level characters, then one token per word of the
 * transcript, then the special tokens, with <|notimestamps|> last. Transformers.js
 * reads every id above <|notimestamps|> as a timestamp, so text tokens must come
 * before it, as in Whisper's own vocabulary. There are no timestamp tokens:
 * `return_timestamps` is not supported by the tiny model.
 */
import { byteLevel, BYTE_CHARS } from './byte-level.js';
import type { ModelFiles } from './model-folder.js';
import { encodeModel, floatTensor, node, valueInfo } from './onnx-graph.js';
import { stepDecoderGraph } from './step-decoder.js';
import { summaryPieces } from './summarizer.js';

export const DEFAULT_TRANSCRIPT = 'Alice will send the budget by Friday.';

const SPECIALS = ['<|endoftext|>', '<|startoftranscript|>', '<|notimestamps|>'] as const;
const MEL_BINS = 80;
const D_MODEL = 4;
export const SAMPLING_RATE = 16_000;

function encoderGraph(): Uint8Array {
  const weights = Float32Array.from({ length: MEL_BINS * D_MODEL }, (_, i) => Math.cos(i) / 8);
  return encodeModel({
    name: 'tiny-transcriber-encoder',
    inputs: [valueInfo('input_features', 'float', ['batch_size', MEL_BINS, 'frames'])],
    outputs: [valueInfo('last_hidden_state', 'float', ['batch_size', 'frames', D_MODEL])],
    initializers: [floatTensor('projection', [MEL_BINS, D_MODEL], weights)],
    nodes: [
      node('Transpose', ['input_features'], ['frames_first'], { perm: [0, 2, 1] }),
      node('MatMul', ['frames_first', 'projection'], ['last_hidden_state']),
    ],
  });
}

function whisperTokenizer(vocab: string[], firstSpecial: number): object {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIALS.map((content, i) => ({
      id: firstSpecial + i,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true },
    post_processor: null,
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: '',
      end_of_word_suffix: '',
      fuse_unk: false,
      byte_fallback: false,
      vocab: Object.fromEntries(vocab.map((token, i) => [token, i])),
      merges: [],
    },
  };
}

/**
 * The files of the tiny-transcriber folder for a transcript, keyed by path. Like
 * Whisper, the text starts with a space (the pipeline returns " Alice will …").
 */
export function tinyTranscriberFiles(transcript: string = DEFAULT_TRANSCRIPT): ModelFiles {
  const words = summaryPieces(` ${transcript}`).map(byteLevel);
  const text = [...new Set<string>([...BYTE_CHARS, ...words])];
  const vocab = [...text, ...SPECIALS];
  const [EOT, SOT, NO_TIMESTAMPS] = SPECIALS.map((s) => vocab.indexOf(s)) as [
    number,
    number,
    number,
  ];
  const ids = words.map((token) => vocab.indexOf(token));
  return {
    'config.json': {
      model_type: 'whisper',
      architectures: ['WhisperForConditionalGeneration'],
      is_encoder_decoder: true,
      d_model: D_MODEL,
      encoder_layers: 1,
      decoder_layers: 1,
      encoder_attention_heads: 1,
      decoder_attention_heads: 1,
      encoder_ffn_dim: D_MODEL,
      decoder_ffn_dim: D_MODEL,
      num_mel_bins: MEL_BINS,
      max_source_positions: 1500,
      max_target_positions: 448,
      vocab_size: vocab.length,
      bos_token_id: EOT,
      eos_token_id: EOT,
      pad_token_id: EOT,
      decoder_start_token_id: SOT,
      'transformers.js_config': { dtype: 'fp32' },
    },
    'generation_config.json': {
      bos_token_id: EOT,
      eos_token_id: EOT,
      pad_token_id: EOT,
      decoder_start_token_id: SOT,
      no_timestamps_token_id: NO_TIMESTAMPS,
      is_multilingual: false,
      begin_suppress_tokens: [EOT],
      max_initial_timestamp_index: 1,
      max_length: 448,
      return_timestamps: false,
    },
    'preprocessor_config.json': {
      feature_extractor_type: 'WhisperFeatureExtractor',
      processor_class: 'WhisperProcessor',
      feature_size: MEL_BINS,
      sampling_rate: SAMPLING_RATE,
      hop_length: 160,
      n_fft: 400,
      chunk_length: 30,
      n_samples: 30 * SAMPLING_RATE,
      nb_max_frames: 3000,
      padding_side: 'right',
      padding_value: 0,
      return_attention_mask: false,
    },
    'tokenizer.json': whisperTokenizer(vocab, text.length),
    'tokenizer_config.json': {
      tokenizer_class: 'WhisperTokenizer',
      bos_token: '<|endoftext|>',
      eos_token: '<|endoftext|>',
      pad_token: '<|endoftext|>',
      unk_token: '<|endoftext|>',
      model_max_length: 1024,
      clean_up_tokenization_spaces: true,
    },
    'onnx/encoder_model.onnx': encoderGraph(),
    'onnx/decoder_model_merged.onnx': stepDecoderGraph({
      name: 'tiny-transcriber-decoder',
      tokens: ids,
      eos: EOT,
      vocabSize: vocab.length,
      promptLength: 2,
      hiddenSize: D_MODEL,
      encoderMask: false,
    }),
  };
}
