/** The schemes a doc link may use: the same list the editor's Link extension allows. */
const SCHEMES = new Set(['http:', 'https:', 'mailto:']);

export type LinkHref = { ok: true; href: string } | { ok: false; error: string };

/**
 * Checks what a person typed as a link address [DOC13]. An address with no scheme
 * ("example.com", "host:8080") gets https://; a path of this app ("/docs/abc") stays relative; any
 * other scheme (javascript:, data:, file:) is refused with a reason, because a link
 * in a shared doc runs in everyone's browser when clicked. Parsing is the platform's
 * URL, not a pattern of ours.
 */
export function linkHref(input: string): LinkHref {
  const text = input.trim();
  if (text === '' || text === 'https://') return { ok: false, error: 'Type a link address.' };
  if (text.startsWith('/') && !text.startsWith('//')) return { ok: true, href: text };
  const withScheme = /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(text)
    ? text
    : `https:${text.startsWith('//') ? '' : '//'}${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, error: `“${text}” is not a link address.` };
  }
  if (!SCHEMES.has(url.protocol))
    return {
      ok: false,
      error: `Links can start with https://, http:// or mailto:, not ${url.protocol}`,
    };
  if (url.protocol !== 'mailto:' && url.hostname === '')
    return { ok: false, error: `“${text}” has no site name.` };
  return { ok: true, href: withScheme };
}
