/** Vector helpers for semantic search over embeddings kept on the device. */
import { AiInputError } from './errors.js';
import type { RankedId } from './keyword-search.js';

function sameLength(a: Float32Array, b: Float32Array): void {
  if (a.length !== b.length) {
    throw new AiInputError(
      'dimension-mismatch',
      `vectors of different lengths (${a.length} and ${b.length}): were they made by different models?`,
    );
  }
}

/** Cosine similarity in -1..1; 0 when either vector is all zeros. */
export function cosine(a: Float32Array, b: Float32Array): number {
  sameLength(a, b);
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

/**
 * The `k` vectors most similar (cosine) to `query`, best first; ties keep the
 * order given. One pass, holding only the best k, so it streams over a store.
 */
export function topK(
  query: Float32Array,
  vectors: Iterable<{ id: string; vector: Float32Array }>,
  k: number,
): RankedId[] {
  if (!Number.isInteger(k) || k < 0) {
    throw new AiInputError('invalid-input', 'k must be a whole number, 0 or more');
  }
  const best: RankedId[] = [];
  if (k === 0) return best;
  for (const { id, vector } of vectors) {
    const score = cosine(query, vector);
    if (best.length === k && score <= (best[k - 1]?.score ?? -Infinity)) continue;
    // Insert after every equal score, so earlier items win ties.
    let at = best.length;
    while (at > 0 && (best[at - 1]?.score ?? 0) < score) at -= 1;
    best.splice(at, 0, { id, score });
    if (best.length > k) best.pop();
  }
  return best;
}
