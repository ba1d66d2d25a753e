/**
 * The tiny embedder's "meaning": every vocabulary word is hashed (FNV-1a) into two
 * dimensions with a sign, weighted down for stop words and suffix pieces. Texts that
 * share words share dimensions, so after mean pooling and normalizing their cosine
 * similarity is higher than that of texts with no word in common.
 */
export const STOP_WORDS = new Set(
  'a an and are as at be but by for from has have i in is it of on or so that the this to was we were will with you'.split(
    ' ',
  ),
);

export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Adds the vector of `word` (scaled by `scale`) into `out` (length = dimensions). */
export function addWordVector(out: Float32Array | number[], word: string, scale = 1): void {
  const dims = out.length;
  const h = fnv1a(word);
  const weight = (STOP_WORDS.has(word) ? 0.25 : word.startsWith('##') ? 0.4 : 1) * scale;
  const first = h % dims;
  const second = (first + 1 + ((h >>> 16) % (dims - 1))) % dims;
  out[first] = (out[first] ?? 0) + (h & 0x100 ? weight : -weight);
  out[second] = (out[second] ?? 0) + (h & 0x200 ? weight : -weight);
}
