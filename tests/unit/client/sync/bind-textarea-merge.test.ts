import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bindTextarea } from '../../../../client/src/sync/bind-textarea.js';

/**
 * The part of a focused <textarea> the binding touches, for Node: a value, a
 * selection, input events. Typing replaces the selection and fires "input", as the
 * browser does.
 */
class Textarea extends EventTarget {
  value = '';
  selectionStart = 0;
  selectionEnd = 0;
  selectionDirection: 'forward' | 'backward' | 'none' = 'none';
  ownerDocument = { activeElement: this as unknown };
  setSelectionRange(start: number, end: number) {
    this.selectionStart = start;
    this.selectionEnd = end;
  }
  type(text: string) {
    const v = this.value;
    this.value = v.slice(0, this.selectionStart) + text + v.slice(this.selectionEnd);
    this.selectionStart = this.selectionEnd = this.selectionStart + text.length;
    this.dispatchEvent(new Event('input'));
  }
  end() {
    this.selectionStart = this.selectionEnd = this.value.length;
  }
}

function device(clientID: number) {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const textarea = new Textarea();
  bindTextarea(textarea as unknown as HTMLTextAreaElement, doc.getText('t'));
  return { doc, textarea };
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('bindTextarea after an offline merge', () => {
  it('[DOC11] each person keeps typing in their own new paragraph', () => {
    for (const [annId, miaId] of [
      [1, 2],
      [2, 1],
    ] as const) {
      const ann = device(annId);
      const mia = device(miaId);
      ann.textarea.type('Shared start.');
      sync(ann.doc, mia.doc);
      mia.textarea.end();
      ann.textarea.type('\n\nAnn para\n\n');
      mia.textarea.type('\n\nMia para\n\n');
      sync(ann.doc, mia.doc);
      ann.textarea.type('Ann two');
      mia.textarea.type('Mia two');
      sync(ann.doc, mia.doc);
      const text = ann.doc.getText('t').toString();
      expect(mia.textarea.value).toBe(text);
      expect(text).toContain('Ann para\n\nAnn two');
      expect(text).toContain('Mia para\n\nMia two');
    }
  });
});
