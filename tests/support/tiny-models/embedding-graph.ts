import { encodeModel, floatTensor, int64Tensor, node, valueInfo } from './onnx-graph.js';

/**
 * An encoder that is only an embedding lookup: last_hidden_state[b, s] =
 * table[input_ids[b, s]] * attention_mask[b, s]. Extra inputs (token_type_ids) are
 * declared so Transformers.js feeds them, and left unused.
 */
export function embeddingLookupGraph(
  name: string,
  table: Float32Array,
  dims: number,
  extraInputs: string[] = [],
): Uint8Array {
  const ids = ['batch_size', 'sequence_length'];
  return encodeModel({
    name,
    inputs: ['input_ids', 'attention_mask', ...extraInputs].map((input) =>
      valueInfo(input, 'int64', ids),
    ),
    outputs: [valueInfo('last_hidden_state', 'float', [...ids, dims])],
    initializers: [
      floatTensor('word_embeddings', [table.length / dims, dims], table),
      int64Tensor('last_axis', [1], [-1]),
    ],
    nodes: [
      node('Gather', ['word_embeddings', 'input_ids'], ['embedded']),
      node('Cast', ['attention_mask'], ['mask_float'], { to: 1 }),
      node('Unsqueeze', ['mask_float', 'last_axis'], ['mask_3d']),
      node('Mul', ['embedded', 'mask_3d'], ['last_hidden_state']),
    ],
  });
}
