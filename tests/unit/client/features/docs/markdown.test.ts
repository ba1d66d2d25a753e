import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readDocJson } from '../../../../../shared/model/docs/doc-json.js';
import { writeDocJson } from '../../../../../client/src/workspace/docs/write-doc.js';
import { jsonToMarkdown, markdownToJson } from '../../../../../shared/model/docs/markdown.js';

const SAMPLE = `# Quarterly plan

Some **bold**, *italic*, ~~struck~~ and \`code\` with a [link](https://example.test).

## Lists

- apples
- pears
  - green ones

1. first
2. second

- [ ] write the report
- [x] book the room

> A quote worth keeping.

\`\`\`ts
const total = 1 + 2;
\`\`\`

---

| Team | Budget |
| --- | --- |
| Ops | 12 |

![A chart](/api/rooms/doc1/files/abc)
`;

describe('Markdown import and export', () => {
  it('[MD1] Markdown in, Markdown out: the same structure', () => {
    const json = markdownToJson(SAMPLE);
    const again = markdownToJson(jsonToMarkdown(json));
    expect(again).toEqual(json);
    const types = (json.content ?? []).map((node) => node.type);
    expect(types).toEqual([
      'heading',
      'paragraph',
      'heading',
      'bulletList',
      'orderedList',
      'taskList',
      'blockquote',
      'codeBlock',
      'horizontalRule',
      'table',
      'image',
    ]);
  });

  it('[MD2] through a Y.Doc and back: imported Markdown exports the same structure', () => {
    const doc = new Y.Doc();
    writeDocJson(doc, markdownToJson(SAMPLE));
    // Another device receives the doc as an update.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    expect(markdownToJson(jsonToMarkdown(readDocJson(other)))).toEqual(markdownToJson(SAMPLE));
  });

  it('[MD3] odd input still imports: plain text, stray markup, empty files', () => {
    expect(markdownToJson('just words').content?.[0]?.type).toBe('paragraph');
    const doc = new Y.Doc();
    writeDocJson(doc, markdownToJson('<script>alert(1)</script>\n\n**unclosed\n\n<img src=x>'));
    // Raw HTML stays literal text: never an element, never an image.
    const nodes = JSON.stringify(readDocJson(doc)).match(/"type":"\w+"/g);
    expect(new Set(nodes)).toEqual(
      new Set(['"type":"doc"', '"type":"paragraph"', '"type":"text"']),
    );
    expect(JSON.stringify(readDocJson(doc))).toContain('<script>alert(1)</script>');
    expect(() => writeDocJson(new Y.Doc(), markdownToJson(''))).not.toThrow();
  });
});
