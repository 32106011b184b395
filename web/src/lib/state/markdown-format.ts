/**
 * The composer toolbar's text transforms (bold, italic, list, quote, link): pure functions from the text
 * and the selection to the new text and the range to select, so they can be tested without a browser.
 */
export type FormatKind = 'bold' | 'italic' | 'list' | 'quote' | 'link';

export interface Formatted {
  text: string;
  /** The range to select afterwards: the wrapped words (or placeholder), or the link's address. */
  selection: [number, number];
}

export function applyFormat(text: string, kind: FormatKind, start: number, end: number, placeholder = ''): Formatted {
  const before = text.slice(0, start);
  const selected = text.slice(start, end);
  const after = text.slice(end);
  const wrap = (left: string, right: string): Formatted => {
    const inner = selected || placeholder;
    return {
      text: `${before}${left}${inner}${right}${after}`,
      selection: [start + left.length, start + left.length + inner.length],
    };
  };
  const prefixLines = (prefix: string): Formatted => {
    const atLineStart = before === '' || before.endsWith('\n');
    const lines = (selected || placeholder).split('\n').map((line) => `${prefix}${line}`);
    const block = `${atLineStart ? '' : '\n'}${lines.join('\n')}`;
    return { text: `${before}${block}${after}`, selection: [start + (atLineStart ? 0 : 1), start + block.length] };
  };
  switch (kind) {
    case 'bold':
      return wrap('**', '**');
    case 'italic':
      return wrap('_', '_');
    case 'list':
      return prefixLines('- ');
    case 'quote':
      return prefixLines('> ');
    case 'link': {
      const label = selected || placeholder;
      const urlStart = start + label.length + 3;
      return { text: `${before}[${label}](https://)${after}`, selection: [urlStart, urlStart + 'https://'.length] };
    }
  }
}

/** The toolbar format for a keyboard shortcut (Ctrl/⌘+B, Ctrl/⌘+I), or null. */
export function shortcutFormat(event: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}): FormatKind | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return null;
  const key = event.key.toLowerCase();
  if (key === 'b') return 'bold';
  if (key === 'i') return 'italic';
  return null;
}
