import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../../../client/src/features/chat/markdown.js';

describe('message Markdown', () => {
  it('formats bold, italics, code and lists', () => {
    const html = renderMarkdown('**bold** _it_ `code`\n\n- one\n- two');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<em>it</em>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain('<li>one</li>');
  });

  it('shows typed HTML as text, never as markup', () => {
    const html = renderMarkdown('<img src=x onerror=alert(1)><script>alert(2)</script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;');
  });

  it('drops javascript: links and does not load images', () => {
    expect(renderMarkdown('[x](javascript:alert(1))')).not.toContain('href="javascript');
    expect(renderMarkdown('![a](https://evil.example/p.png)')).not.toContain('<img');
  });

  it('links to docs and tasks stay in the app; outside links open a new tab safely', () => {
    expect(renderMarkdown('[spec](/docs/abc)')).toContain('<a href="/docs/abc">spec</a>');
    const outside = renderMarkdown('see https://example.com');
    expect(outside).toContain('href="https://example.com"');
    expect(outside).toContain('rel="noopener noreferrer"');
  });
});
