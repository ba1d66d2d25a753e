import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readDocJson, jsonText } from '../../../../../shared/model/docs/doc-json.js';
import { writeDocJson } from '../../../../../client/src/workspace/docs/write-doc.js';
import {
  MAX_AUTO_VERSIONS,
  changedSinceLastVersion,
  listVersions,
  restoreVersion,
  takeVersion,
  versionDoc,
} from '../../../../../client/src/workspace/docs/history-model.js';
import { markdownToJson } from '../../../../../shared/model/docs/markdown.js';

const ann = { authorId: 'u-ann', authorName: 'Ann' };
let n = 0;
const meta = (name: string | null = null, at = ++n) => ({ id: `v${at}`, name, at, ...ann });
const text = (doc: Y.Doc) => jsonText(readDocJson(doc));
const write = (doc: Y.Doc, md: string) => writeDocJson(doc, markdownToJson(md));

function sync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('version history model', () => {
  it('[HIST1] a version holds the text as it was; the live doc keeps garbage collection on', () => {
    const live = new Y.Doc();
    const history = new Y.Doc();
    write(live, 'first draft');
    takeVersion(history, live, meta('Draft'), false);
    write(live, 'second draft, much better');
    expect(live.gc).toBe(true);
    const [version] = listVersions(history);
    expect(version?.name).toBe('Draft');
    expect(text(versionDoc(version!))).toBe('first draft');
  });

  it('[HIST2] automatic versions skip an unchanged doc; named ones never do', () => {
    const live = new Y.Doc();
    const history = new Y.Doc();
    write(live, 'hello');
    expect(takeVersion(history, live, meta(), true)).not.toBeNull();
    expect(changedSinceLastVersion(history, live)).toBe(false);
    expect(takeVersion(history, live, meta(), true)).toBeNull();
    expect(takeVersion(history, live, meta('Same text, named'), false)).not.toBeNull();
    expect(listVersions(history)).toHaveLength(2);
  });

  it('[HIST3] restoring is a new change: the old text returns everywhere and newer versions stay', () => {
    const live = new Y.Doc();
    const peer = new Y.Doc();
    const history = new Y.Doc();
    write(live, 'version one');
    takeVersion(history, live, meta('One'), false);
    write(live, 'version two');
    takeVersion(history, live, meta('Two'), false);
    sync(live, peer);
    write(live, 'version three, unsaved');

    const one = listVersions(history).find((v) => v.name === 'One')!;
    restoreVersion(history, live, one, meta());
    sync(live, peer);
    expect(text(live)).toBe('version one');
    expect(text(peer)).toBe('version one');
    const names = listVersions(history).map((v) => (v.auto ? text(versionDoc(v)) : v.name));
    // The text that was current before the restore became a version too.
    expect(names).toEqual(['version three, unsaved', 'Two', 'One']);
  });

  it('[HIST4] a restore merges with an edit made at the same time on another device', () => {
    const live = new Y.Doc();
    const peer = new Y.Doc();
    const history = new Y.Doc();
    write(live, 'Intro\n\nBody');
    takeVersion(history, live, meta('Base'), false);
    write(live, 'Intro changed\n\nBody');
    sync(live, peer);
    // Offline: one restores, the other adds a paragraph.
    restoreVersion(history, live, listVersions(history).at(-1)!, meta());
    writeDocJson(peer, {
      ...readDocJson(peer),
      content: [...(readDocJson(peer).content ?? []), markdownToJson('Added offline').content![0]!],
    });
    sync(live, peer);
    expect(text(live)).toBe(text(peer));
    expect(text(live)).toContain('Added offline');
    expect(text(live)).toContain('Intro\n');
  });

  it('[HIST5] old automatic versions are pruned, named ones kept', () => {
    const live = new Y.Doc();
    const history = new Y.Doc();
    write(live, 'named');
    takeVersion(history, live, meta('Keep me'), false);
    for (let i = 0; i < MAX_AUTO_VERSIONS + 5; i += 1) {
      write(live, `edit ${i}`);
      takeVersion(history, live, meta(), true);
    }
    const versions = listVersions(history);
    expect(versions.filter((v) => v.auto)).toHaveLength(MAX_AUTO_VERSIONS);
    expect(versions.some((v) => v.name === 'Keep me')).toBe(true);
    expect(text(versionDoc(versions[0]!))).toBe(`edit ${MAX_AUTO_VERSIONS + 4}`);
  });
});
