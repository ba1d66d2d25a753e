/**
 * GPT-2 / BART byte-level alphabet: each byte maps to one printable character (space
 * is 'Ġ'), so a ByteLevel decoder turns tokens back into the exact UTF-8 text.
 */
function byteToChar(): string[] {
  const printable = (b: number) =>
    (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
  const chars: string[] = [];
  let extra = 0;
  for (let b = 0; b < 256; b += 1) {
    chars.push(String.fromCharCode(printable(b) ? b : 256 + extra++));
  }
  return chars;
}

export const BYTE_CHARS: readonly string[] = byteToChar();

/** The byte-level token spelling of a piece of text. */
export function byteLevel(text: string): string {
  return Array.from(new TextEncoder().encode(text), (b) => BYTE_CHARS[b] ?? '').join('');
}
