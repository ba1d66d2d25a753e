import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  diffText,
  transformPosition,
  type TextChange,
} from '../../../../client/src/lib/text-diff.js';

function apply(text: string, change: TextChange | null): string {
  if (!change) return text;
  return text.slice(0, change.index) + change.insert + text.slice(change.index + change.remove);
}

describe('diffText', () => {
  it('finds inserts, deletes and replacements', () => {
    expect(diffText('hello', 'hello')).toBeNull();
    expect(diffText('helo', 'hello', 4)).toEqual({ index: 3, remove: 0, insert: 'l' });
    expect(diffText('hello world', 'hello', 5)).toEqual({ index: 5, remove: 6, insert: '' });
    expect(diffText('a cat sat', 'a dog sat', 5)).toEqual({ index: 2, remove: 3, insert: 'dog' });
  });

  it('uses the caret to place edits among repeated characters', () => {
    expect(diffText('aa', 'aaa', 1)).toEqual({ index: 0, remove: 0, insert: 'a' });
    expect(diffText('aa', 'aaa', 3)).toEqual({ index: 2, remove: 0, insert: 'a' });
    expect(diffText('abab', 'ab', 0)).toEqual({ index: 0, remove: 2, insert: '' });
  });

  it('never splits a surrogate pair', () => {
    const change = diffText('x😀y', 'x😃y', 3);
    expect(change).toEqual({ index: 1, remove: 2, insert: '😃' });
  });

  it('always produces a change that turns before into after', () => {
    const samples = ['', 'a', 'ab', 'aab', 'hello', '😀😀', 'abcabc'];
    for (const before of samples) {
      for (const after of samples) {
        for (let caret = 0; caret <= after.length; caret++) {
          expect(apply(before, diffText(before, after, caret))).toBe(after);
        }
      }
    }
  });
});

describe('transformPosition', () => {
  function remoteDelta(initial: string, edit: (text: Y.Text) => void) {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, initial);
    let delta: Y.YTextEvent['delta'] = [];
    text.observe((event) => (delta = event.delta));
    edit(text);
    return delta;
  }

  it('shifts the caret by text inserted or deleted before it', () => {
    const insert = remoteDelta('hello world', (t) => t.insert(0, '>> '));
    expect(transformPosition(insert, 5)).toBe(8);
    const remove = remoteDelta('hello world', (t) => t.delete(0, 6));
    expect(transformPosition(remove, 8)).toBe(2);
  });

  it('leaves the caret alone for changes after it, and for inserts exactly at it', () => {
    const after = remoteDelta('hello world', (t) => t.insert(11, '!'));
    expect(transformPosition(after, 5)).toBe(5);
    const at = remoteDelta('hello world', (t) => t.insert(5, ','));
    expect(transformPosition(at, 5)).toBe(5);
  });

  it('moves a caret inside a deleted range to its start', () => {
    const remove = remoteDelta('hello world', (t) => t.delete(2, 6));
    expect(transformPosition(remove, 4)).toBe(2);
  });
});
