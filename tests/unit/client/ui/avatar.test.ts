import { describe, expect, it } from 'vitest';
import { avatarColour, initialsOf } from '../../../../client/src/ui/avatar-colour.js';

describe('Avatar', () => {
  it('takes the first letters of the first and last words, or two of a single word', () => {
    expect(initialsOf('Olivia Owner')).toBe('OO');
    expect(initialsOf('  mia  van der Berg ')).toBe('MB');
    expect(initialsOf('Cher')).toBe('CH');
    expect(initialsOf('李小龙')).toBe('李小');
    expect(initialsOf('')).toBe('?');
  });

  it('gives a person the same colour every time, and different people different colours', () => {
    expect(avatarColour('user-1')).toBe(avatarColour('user-1'));
    const colours = new Set(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((id) => avatarColour(id)));
    expect(colours.size).toBeGreaterThan(4);
  });
});
