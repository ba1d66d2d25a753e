import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  docsZip,
  fileNameFor,
} from '../../../../../client/src/features/docs/markdown/export-doc.js';
import { markdownToJson } from '../../../../../shared/model/docs/markdown.js';

describe('workspace export', () => {
  it('[MD4] the zip holds one Markdown file per doc that imports back to the same structure', () => {
    const docs = [
      { title: 'Plan', json: markdownToJson('# Plan\n\n- [ ] ship') },
      { title: 'Plan', json: markdownToJson('Second doc with the same title') },
      { title: 'a/b: c?', json: markdownToJson('> quoted') },
    ];
    const files = unzipSync(docsZip(docs));
    expect(Object.keys(files).sort()).toEqual(['Plan (2).md', 'Plan.md', 'a b  c.md']);
    expect(markdownToJson(strFromU8(files['Plan.md']!))).toEqual(docs[0]!.json);
    expect(markdownToJson(strFromU8(files['a b  c.md']!))).toEqual(docs[2]!.json);
  });

  it('[MD5] file names never hold path or control characters, and are never empty', () => {
    expect(fileNameFor('../../etc/passwd', 'md')).toBe('.. .. etc passwd.md');
    expect(fileNameFor('\u0000\u0007', 'md')).toBe('Untitled.md');
    expect(fileNameFor('a\u007fb\u0085c', 'md')).toBe('a b c.md');
  });

  it('[MD4] equal titles longer than the name limit still get distinct names', () => {
    const title = 'x'.repeat(150);
    const files = unzipSync(
      docsZip([1, 2, 3].map((n) => ({ title, json: markdownToJson(`doc ${n}`) }))),
    );
    const base = 'x'.repeat(100);
    expect(Object.keys(files).sort()).toEqual([`${base} (2).md`, `${base} (3).md`, `${base}.md`]);
  });
});
