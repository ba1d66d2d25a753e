/**
 * tiny-summarizer: a BART-layout encoder-decoder (like Xenova/distilbart-cnn-6-6) whose
 * greedy output is always `summary`, token by token, then </s>.
 *
 * Transformers.js feeds the decoder only the last generated token after the first
 * step, so the decoder finds its step in the cache: every call appends the input
 * tokens to past_key_values.0.decoder.{key,value} and returns the result as
 * present.*; the length of that (Shape/Gather/Sub/Min) picks the row of a constant
 * logits table whose maximum is the next token of the summary.
 */
import { byteLevel, BYTE_CHARS } from './byte-level.js';
import { embeddingLookupGraph } from './embedding-graph.js';
import type { ModelFiles } from './model-folder.js';
import { encodeModel, floatTensor, int64Tensor, node, valueInfo } from './onnx-graph.js';

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

function decoderGraph(summaryIds: number[], vocabSize: number): Uint8Array {
  const rows = [...summaryIds, EOS];
  const table = new Float32Array(rows.length * vocabSize);
  rows.forEach((id, step) => (table[step * vocabSize + id] = 10));
  const kv = ['batch_size', 1, 'past_decoder_sequence_length', 1];
  const presentKv = ['batch_size', 1, 'present_decoder_sequence_length', 1];
  return encodeModel({
    name: 'tiny-summarizer-decoder',
    inputs: [
      valueInfo('encoder_attention_mask', 'int64', ['batch_size', 'encoder_sequence_length']),
      valueInfo('input_ids', 'int64', ['batch_size', 'decoder_sequence_length']),
      valueInfo('encoder_hidden_states', 'float', [
        'batch_size',
        'encoder_sequence_length',
        D_MODEL,
      ]),
      valueInfo('past_key_values.0.decoder.key', 'float', kv),
      valueInfo('past_key_values.0.decoder.value', 'float', kv),
    ],
    outputs: [
      valueInfo('logits', 'float', ['batch_size', 1, vocabSize]),
      valueInfo('present.0.decoder.key', 'float', presentKv),
      valueInfo('present.0.decoder.value', 'float', presentKv),
    ],
    initializers: [
      floatTensor('logits_table', [rows.length, vocabSize], table),
      int64Tensor('head_and_dim_axes', [2], [1, 3]),
      int64Tensor('sequence_axis', [], [2]),
      int64Tensor('one', [], [1]),
      int64Tensor('last_row', [], [rows.length - 1]),
      int64Tensor('batch_axis', [1], [0]),
      int64Tensor('one_and_vocab', [2], [1, vocabSize]),
      int64Tensor('row_shape', [3], [1, 1, vocabSize]),
    ],
    nodes: [
      node('Cast', ['input_ids'], ['ids_float'], { to: 1 }),
      node('Unsqueeze', ['ids_float', 'head_and_dim_axes'], ['new_kv']),
      node('Concat', ['past_key_values.0.decoder.key', 'new_kv'], ['present.0.decoder.key'], {
        axis: 2,
      }),
      node('Concat', ['past_key_values.0.decoder.value', 'new_kv'], ['present.0.decoder.value'], {
        axis: 2,
      }),
      node('Shape', ['present.0.decoder.key'], ['kv_shape']),
      node('Gather', ['kv_shape', 'sequence_axis'], ['decoded_length'], { axis: 0 }),
      node('Sub', ['decoded_length', 'one'], ['step']),
      node('Min', ['step', 'last_row'], ['row_index']),
      node('Gather', ['logits_table', 'row_index'], ['row'], { axis: 0 }),
      node('Reshape', ['row', 'row_shape'], ['row_3d']),
      node('Shape', ['input_ids'], ['ids_shape']),
      node('Gather', ['ids_shape', 'batch_axis'], ['batch'], { axis: 0 }),
      node('Concat', ['batch', 'one_and_vocab'], ['logits_shape'], { axis: 0 }),
      node('Expand', ['row_3d', 'logits_shape'], ['logits']),
    ],
  });
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
    'onnx/decoder_model_merged.onnx': decoderGraph(ids, vocab.length),
  };
}
