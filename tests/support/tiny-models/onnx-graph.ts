/**
 * Writes ONNX models with protobufjs from the vendored minimal schema (onnx.proto next
 * to this file). Initializers are stored as little-endian raw_data; shapes use a number
 * for a fixed dimension and a string for a named (symbolic) one, as exporters do.
 */
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

/** IR 8 and opset 17 load in onnxruntime-node 1.30 and onnxruntime-web 1.31. */
export const IR_VERSION = 8;
export const OPSET = 17;

// keepCase: the objects below use onnx.proto's snake_case field names.
const root = new protobuf.Root().loadSync(fileURLToPath(new URL('./onnx.proto', import.meta.url)), {
  keepCase: true,
});
const ModelProto = root.lookupType('onnx.ModelProto');

export const DataType = { float: 1, int64: 7, bool: 9 } as const;
export type ElemType = keyof typeof DataType;
export type Dim = number | string;

const AttributeType = { INT: 2, INTS: 7 } as const;

export interface Tensor {
  name: string;
  dims: number[];
  data_type: number;
  raw_data: Uint8Array;
}

export function floatTensor(name: string, dims: number[], values: ArrayLike<number>): Tensor {
  const data = Float32Array.from(values);
  return { name, dims, data_type: DataType.float, raw_data: new Uint8Array(data.buffer) };
}

export function int64Tensor(name: string, dims: number[], values: number[]): Tensor {
  const data = BigInt64Array.from(values.map((v) => BigInt(v)));
  return { name, dims, data_type: DataType.int64, raw_data: new Uint8Array(data.buffer) };
}

export interface ValueInfo {
  name: string;
  type: {
    tensor_type: {
      elem_type: number;
      shape: { dim: ({ dim_value: number } | { dim_param: string })[] };
    };
  };
}

export function valueInfo(name: string, elem: ElemType, shape: Dim[]): ValueInfo {
  const dim = shape.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d }));
  return { name, type: { tensor_type: { elem_type: DataType[elem], shape: { dim } } } };
}

export interface Node {
  op_type: string;
  input: string[];
  output: string[];
  name: string;
  attribute: { name: string; type: number; i?: number; ints?: number[] }[];
}

/** One node; integer attributes only (all the tiny graphs need). */
export function node(
  op: string,
  input: string[],
  output: string[],
  attrs: Record<string, number | number[]> = {},
): Node {
  const attribute = Object.entries(attrs).map(([name, v]) =>
    Array.isArray(v)
      ? { name, type: AttributeType.INTS, ints: v }
      : { name, type: AttributeType.INT, i: v },
  );
  return { op_type: op, input, output, name: `${op}_${output[0] ?? ''}`, attribute };
}

export interface Graph {
  name: string;
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  initializers: Tensor[];
  nodes: Node[];
}

/** The serialized ModelProto bytes of a graph. */
export function encodeModel(graph: Graph): Uint8Array {
  const model = {
    ir_version: IR_VERSION,
    producer_name: 'tests/support/tiny-models',
    producer_version: '1',
    opset_import: [{ domain: '', version: OPSET }],
    graph: {
      name: graph.name,
      node: graph.nodes,
      initializer: graph.initializers,
      input: graph.inputs,
      output: graph.outputs,
    },
  };
  const problem = ModelProto.verify(model);
  if (problem) throw new Error(`invalid ONNX model ${graph.name}: ${problem}`);
  return ModelProto.encode(ModelProto.fromObject(model)).finish();
}
