import { describe, expect, it } from 'vitest';
import { applyFormat, shortcutFormat } from './markdown-format';

describe('applyFormat', () => {
  it('wraps the selected word in bold or italic and keeps it selected', () => {
    expect(applyFormat('een moeilijke dag', 'bold', 4, 13)).toEqual({
      text: 'een **moeilijke** dag',
      selection: [6, 15],
    });
    expect(applyFormat('een moeilijke dag', 'italic', 4, 13)).toEqual({
      text: 'een _moeilijke_ dag',
      selection: [5, 14],
    });
  });

  it('inserts the placeholder at the caret when nothing is selected', () => {
    expect(applyFormat('ab', 'bold', 1, 1, 'tekst')).toEqual({ text: 'a**tekst**b', selection: [3, 8] });
  });

  it('prefixes every selected line for a list or a quote, starting on a new line', () => {
    expect(applyFormat('een\ntwee', 'list', 0, 8)).toEqual({ text: '- een\n- twee', selection: [0, 12] });
    expect(applyFormat('Zij zei: wacht', 'quote', 9, 14)).toEqual({
      text: 'Zij zei: \n> wacht',
      selection: [10, 17],
    });
  });

  it('makes a link of the selection and selects its address to type over', () => {
    const { text, selection } = applyFormat('zie hier', 'link', 4, 8);
    expect(text).toBe('zie [hier](https://)');
    expect(text.slice(...selection)).toBe('https://');
  });
});

describe('shortcutFormat', () => {
  const key = (k: string, extra: Partial<KeyboardEvent> = {}) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...extra,
  });

  it('maps Ctrl/⌘+B to bold and Ctrl/⌘+I to italic', () => {
    expect(shortcutFormat(key('b', { ctrlKey: true }))).toBe('bold');
    expect(shortcutFormat(key('B', { metaKey: true }))).toBe('bold');
    expect(shortcutFormat(key('i', { ctrlKey: true }))).toBe('italic');
  });

  it('ignores plain keys and other combinations', () => {
    expect(shortcutFormat(key('b'))).toBeNull();
    expect(shortcutFormat(key('b', { ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(shortcutFormat(key('i', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(shortcutFormat(key('u', { ctrlKey: true }))).toBeNull();
  });
});
