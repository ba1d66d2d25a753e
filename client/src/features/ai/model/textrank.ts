/**
 * TextRank (Mihalcea & Tarau, 2004): weighted PageRank over a graph whose nodes are
 * sentences and whose edge weights are their similarity. The default similarity
 * is the paper's: shared terms / (log |Si| + log |Sj|).
 */

export interface PageRankOptions {
  /** Probability of following an edge rather than jumping anywhere; default 0.85. */
  damping?: number;
  /** Stop once no score moves by more than this (scores sum to 1); default 1e-6. */
  tolerance?: number;
  /** Stop after this many sweeps whatever the change; default 100. */
  maxIterations?: number;
}

/** Where the random jump lands, per node (any positive weights); default uniform. */
export type JumpWeights = ArrayLike<number>;

/** A symmetric weighted graph: `weights[i]` holds the edges of node i as (node, weight). */
export type Graph = ReadonlyArray<ReadonlyArray<readonly [number, number]>>;

/**
 * Weighted PageRank (personalized when `jump` is given). The vote of a node without
 * edges goes where the jump goes; scores sum to 1 over the graph. Returns the
 * scores and how many sweeps it took.
 */
export function pageRank(
  graph: Graph,
  options: PageRankOptions = {},
  jump?: JumpWeights,
): { scores: Float64Array; iterations: number } {
  const n = graph.length;
  const jumpTotal = jump ? Array.from(jump).reduce((a, b) => a + b, 0) : n;
  const teleport = (i: number) => (jump ? (jump[i] ?? 0) : 1) / jumpTotal;
  const damping = options.damping ?? 0.85;
  const tolerance = options.tolerance ?? 1e-6;
  const maxIterations = options.maxIterations ?? 100;
  const outWeight = graph.map((edges) => edges.reduce((sum, [, w]) => sum + w, 0));
  let scores = new Float64Array(n).fill(1 / Math.max(n, 1));
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations += 1;
    const next = new Float64Array(n);
    let dangling = 0;
    for (let j = 0; j < n; j += 1) {
      const out = outWeight[j] ?? 0;
      const share = scores[j] ?? 0;
      if (out === 0) {
        dangling += share;
        continue;
      }
      for (const [i, w] of graph[j] ?? []) next[i] = (next[i] ?? 0) + (share * w) / out;
    }
    let delta = 0;
    for (let i = 0; i < n; i += 1) {
      // A dangling node's vote goes where jumps go, so the scores keep summing to 1.
      const value = (1 - damping + damping * dangling) * teleport(i) + damping * (next[i] ?? 0);
      delta = Math.max(delta, Math.abs(value - (scores[i] ?? 0)));
      next[i] = value;
    }
    scores = next;
    if (delta < tolerance) break;
  }
  return { scores, iterations };
}

/** The TextRank paper's similarity of two sentences given their term sets. */
export function overlapSimilarity(shared: number, sizeA: number, sizeB: number): number {
  if (shared === 0) return 0;
  const norm = Math.log(Math.max(sizeA, 1)) + Math.log(Math.max(sizeB, 1));
  return shared / (norm > 0 ? norm : 1);
}

/**
 * The similarity graph of sentences given as term sets, built through an inverted
 * index so only pairs that share a term are visited; with `similarity`, every pair
 * is scored by it instead (e.g. embeddings' cosine) and non-positive weights dropped.
 */
export function similarityGraph(
  termSets: ReadonlyArray<ReadonlySet<string>>,
  similarity?: (a: number, b: number) => number,
): Array<Array<[number, number]>> {
  const n = termSets.length;
  const graph: Array<Array<[number, number]>> = Array.from({ length: n }, () => []);
  const add = (i: number, j: number, w: number) => {
    if (!(w > 0)) return;
    graph[i]?.push([j, w]);
    graph[j]?.push([i, w]);
  };
  if (similarity) {
    for (let i = 0; i < n; i += 1) for (let j = i + 1; j < n; j += 1) add(i, j, similarity(i, j));
    return graph;
  }
  const postings = new Map<string, number[]>();
  termSets.forEach((set, i) => {
    for (const term of set) {
      const list = postings.get(term);
      if (list) list.push(i);
      else postings.set(term, [i]);
    }
  });
  for (let i = 0; i < n; i += 1) {
    const shared = new Map<number, number>();
    for (const term of termSets[i] ?? []) {
      for (const j of postings.get(term) ?? []) if (j > i) shared.set(j, (shared.get(j) ?? 0) + 1);
    }
    const sizeI = termSets[i]?.size ?? 0;
    for (const [j, count] of shared)
      add(i, j, overlapSimilarity(count, sizeI, termSets[j]?.size ?? 0));
  }
  return graph;
}
