/**
 * tiny-summarizer: a BART-layout encoder-decoder (like Xenova/distilbart-cnn-6-6) whose
 * greedy output is always `summary`, token by token, then </s>.
 *
 * The decoder (step-decoder.ts) finds its step in its cache, because Transformers.js
 * feeds it only the last generated token after the first step.
 */
import { byteLevel, BYTE_CHARS } from './byte-level.js';
import { embeddingLookupGraph } from './embedding-graph.js';
import type { ModelFiles } from './model-folder.js';
import { stepDecoderGraph } from './step-decoder.js';

export const DEFAULT_SUMMARY = 'The team agreed to ship the release on Friday.';

const SPECIALS = ['<s>', '<pad>', '</s>', '<unk>'] as const;
const [BOS, PAD, EOS] = [0, 1, 2];
const D_MODEL = 4;

/** Words with their leading space, punctuation runs, whitespace runs: they join back to the text. */
export function summaryPieces(summary: string): string[] {
  const pieces = summary.match(/ ?[\p{L}\p{N}]+| ?[^\s\p{L}\p{N}]+|\s+/gu) ?? [];
  if (summary.length === 0 || pieces.join('') !== summary) {
    throw new Error(`tiny-summarizer: cannot split summary ${JSON.stringify(summary)} into tokens`);
  }
  return pieces;
}

function bartTokenizer(vocab: string[]): object {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIALS.map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: true,
      special: true,
    })),
    normalizer: null,
    pre_tokenizer: {
      type: 'ByteLevel',
      add_prefix_space: false,
      trim_offsets: true,
      use_regex: true,
    },
    post_processor: {
      type: 'RobertaProcessing',
      sep: ['</s>', EOS],
      cls: ['<s>', BOS],
      trim_offsets: true,
      add_prefix_space: false,
    },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: '<unk>',
      continuing_subword_prefix: '',
      end_of_word_suffix: '',
      fuse_unk: false,
      byte_fallback: false,
      vocab: Object.fromEntries(vocab.map((token, i) => [token, i])),
      merges: [],
    },
  };
}

/** The files of the tiny-summarizer folder for a summary sentence, keyed by path. */
export function tinySummarizerFiles(summary: string = DEFAULT_SUMMARY): ModelFiles {
  const tokens = summaryPieces(summary).map(byteLevel);
  // Every byte is a token, so any input text encodes without <unk>.
  const vocab = [...new Set<string>([...SPECIALS, ...BYTE_CHARS, ...tokens])];
  const ids = tokens.map((token) => vocab.indexOf(token));
  const encoderTable = Float32Array.from({ length: vocab.length * D_MODEL }, (_, i) => Math.sin(i));
  const maxLength = ids.length + 8;
  return {
    'config.json': {
      model_type: 'bart',
      architectures: ['BartForConditionalGeneration'],
      is_encoder_decoder: true,
      d_model: D_MODEL,
      encoder_layers: 1,
      decoder_layers: 1,
      encoder_attention_heads: 1,
      decoder_attention_heads: 1,
      encoder_ffn_dim: D_MODEL,
      decoder_ffn_dim: D_MODEL,
      vocab_size: vocab.length,
      max_position_embeddings: 1024,
      bos_token_id: BOS,
      pad_token_id: PAD,
      eos_token_id: EOS,
      decoder_start_token_id: EOS,
      'transformers.js_config': { dtype: 'fp32' },
    },
    'generation_config.json': {
      bos_token_id: BOS,
      pad_token_id: PAD,
      eos_token_id: EOS,
      decoder_start_token_id: EOS,
      max_length: maxLength,
      num_beams: 1,
      do_sample: false,
    },
    'tokenizer.json': bartTokenizer(vocab),
    'tokenizer_config.json': {
      tokenizer_class: 'BartTokenizer',
      bos_token: '<s>',
      eos_token: '</s>',
      pad_token: '<pad>',
      unk_token: '<unk>',
      model_max_length: 1024,
      clean_up_tokenization_spaces: false,
    },
    'onnx/encoder_model.onnx': embeddingLookupGraph(
      'tiny-summarizer-encoder',
      encoderTable,
      D_MODEL,
    ),
    'onnx/decoder_model_merged.onnx': stepDecoderGraph({
      name: 'tiny-summarizer-decoder',
      tokens: ids,
      eos: EOS,
      vocabSize: vocab.length,
      promptLength: 1,
      hiddenSize: D_MODEL,
      encoderMask: true,
    }),
  };
}
