import MarkdownIt from 'markdown-it';

/**
 * Message text to HTML with markdown-it: raw HTML is off (typed tags are shown as text),
 * links are checked by markdown-it's validateLink (no javascript:, vbscript:, file:,
 * most data:), and bare URLs become links. Images are not rendered: a message cannot
 * make the reader's browser fetch anything.
 */
const md = new MarkdownIt({ html: false, linkify: true, breaks: true }).disable([
  'image',
  'heading',
  'lheading',
  'table',
  'hr',
]);

const defaultLinkOpen =
  md.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  const href = String(token?.attrGet('href') ?? '');
  // Links leaving the app, and attachments (relay files, not app pages), open in a
  // new tab without access to this one.
  if (token && (!href.startsWith('/') || href.startsWith('/api/'))) {
    token.attrSet('target', '_blank');
    token.attrSet('rel', 'noopener noreferrer');
  }
  return defaultLinkOpen(tokens, idx, options, env, self);
};

export function renderMarkdown(text: string): string {
  return md.render(text);
}
