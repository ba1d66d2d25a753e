import { describe, expect, it } from 'vitest';
import { linkHref } from '../../../../../client/src/features/docs/editor/link-href.js';

describe('linkHref', () => {
  it('[DOC13] keeps http, https, mailto and app paths; adds https:// to a bare address', () => {
    expect(linkHref(' https://example.com/a ')).toEqual({
      ok: true,
      href: 'https://example.com/a',
    });
    expect(linkHref('http://example.com')).toEqual({ ok: true, href: 'http://example.com' });
    expect(linkHref('mailto:ann@example.com')).toEqual({
      ok: true,
      href: 'mailto:ann@example.com',
    });
    expect(linkHref('/docs/abc')).toEqual({ ok: true, href: '/docs/abc' });
    expect(linkHref('example.com/plan')).toEqual({ ok: true, href: 'https://example.com/plan' });
    expect(linkHref('//example.org/x')).toEqual({ ok: true, href: 'https://example.org/x' });
    expect(linkHref('localhost:8080')).toEqual({ ok: true, href: 'https://localhost:8080' });
  });

  it('[DOC13] refuses other schemes, empty and unparsable addresses with a reason', () => {
    for (const input of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'data:text/html,x',
      'file:///etc/passwd',
    ]) {
      const result = linkHref(input);
      expect(result.ok, input).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/^Links can start with/);
    }
    expect(linkHref('')).toEqual({ ok: false, error: 'Type a link address.' });
    expect(linkHref('https://')).toEqual({ ok: false, error: 'Type a link address.' });
    expect(linkHref('exa mple.com').ok).toBe(false);
  });
});
