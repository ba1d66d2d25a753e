import { describe, expect, it } from 'vitest';
import { isRoomEntry, safeName } from '../../../../shared/model/export/export-layout.js';

describe('export layout', () => {
  it('[EXPORT3] names from titles cannot leave their folder or hide control characters', () => {
    expect(safeName('../../etc/passwd')).toBe('.. .. etc passwd');
    expect(safeName('..')).toBe('Untitled');
    expect(safeName('.')).toBe('Untitled');
    expect(safeName('a\u0000b\nc')).toBe('a b c');
    expect(safeName('   ')).toBe('Untitled');
    expect(safeName('x'.repeat(300))).toHaveLength(100);
  });

  it('[EXPORT8] exactly one entry of each room marks it done', () => {
    expect(isRoomEntry('docs/Handbook.md')).toBe(true);
    expect(isRoomEntry('docs/Handbook/Child.md')).toBe(true);
    expect(isRoomEntry('docs/files/0123abcd-notes.md')).toBe(false);
    expect(isRoomEntry('docs/files/Child.md')).toBe(true);
    expect(isRoomEntry('chat/General/messages.json')).toBe(true);
    expect(isRoomEntry('chat/General/index.html')).toBe(false);
    expect(isRoomEntry('chat/General/files/a.png')).toBe(false);
    expect(isRoomEntry('tasks/Roadmap.json')).toBe(true);
    expect(isRoomEntry('tasks/Roadmap.csv')).toBe(false);
    expect(isRoomEntry('skipped/General.txt')).toBe(true);
    expect(isRoomEntry('manifest.json')).toBe(false);
  });
});
