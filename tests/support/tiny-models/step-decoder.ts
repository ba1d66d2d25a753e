/**
 * The decoder both tiny encoder-decoders share: its greedy output is a fixed token
 * list, then `eos`, whatever the encoder said.
 *
 * Transformers.js feeds the decoder only the last generated token after the first
 * step, so the decoder finds its step in the cache: every call appends the input
 * tokens to past_key_values.0.decoder.{key,value} and returns the result as
 * present.*; the length of that minus the prompt (Shape/Gather/Sub/Min) picks the row
 * of a constant logits table whose maximum is the next token.
 */
import { encodeModel, floatTensor, int64Tensor, node, valueInfo } from './onnx-graph.js';

export interface StepDecoderOptions {
  name: string;
  /** The tokens to emit in order; `eos` follows them, and repeats if asked for more. */
  tokens: number[];
  eos: number;
  vocabSize: number;
  /** How many tokens the first call gets (BART: the start token; Whisper: start + notimestamps). */
  promptLength: number;
  /** Width of encoder_hidden_states. */
  hiddenSize: number;
  /** BART's decoder takes encoder_attention_mask; Whisper's does not. */
  encoderMask: boolean;
}

export function stepDecoderGraph(opts: StepDecoderOptions): Uint8Array {
  const { vocabSize } = opts;
  const rows = [...opts.tokens, opts.eos];
  const table = new Float32Array(rows.length * vocabSize);
  rows.forEach((id, step) => (table[step * vocabSize + id] = 10));
  const kv = ['batch_size', 1, 'past_decoder_sequence_length', 1];
  const presentKv = ['batch_size', 1, 'present_decoder_sequence_length', 1];
  const mask = opts.encoderMask
    ? [valueInfo('encoder_attention_mask', 'int64', ['batch_size', 'encoder_sequence_length'])]
    : [];
  return encodeModel({
    name: opts.name,
    inputs: [
      ...mask,
      valueInfo('input_ids', 'int64', ['batch_size', 'decoder_sequence_length']),
      valueInfo('encoder_hidden_states', 'float', [
        'batch_size',
        'encoder_sequence_length',
        opts.hiddenSize,
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
      int64Tensor('prompt_length', [], [opts.promptLength]),
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
      node('Sub', ['decoded_length', 'prompt_length'], ['step']),
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
