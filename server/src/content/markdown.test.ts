import { describe, expect, it } from 'vitest';
import { plainTitle, renderMarkdown, sanitizePostHtml } from './markdown';

const ALLOWED_TAGS = new Set([
  'p',
  'br',
  'strong',
  'em',
  'del',
  'blockquote',
  'ul',
  'ol',
  'li',
  'code',
  'pre',
  'a',
  'h3',
  'h4',
  'hr',
]);

/** Every tag in the output is on the allowlist, and only <a> carries attributes (href + rel). */
function expectOnlyAllowedMarkup(html: string): void {
  for (const match of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)) {
    const [, tag = '', attributes = ''] = match;
    expect(ALLOWED_TAGS.has(tag.toLowerCase()), `tag <${tag}> in ${html}`).toBe(true);
    const names = [...attributes.replace(/"[^"]*"/g, '""').matchAll(/([a-zA-Z-]+)\s*=/g)].map((m) => m[1]);
    if (tag.toLowerCase() === 'a' && !match[0].startsWith('</')) {
      expect(names.sort(), `attributes of ${match[0]}`).toEqual(['href', 'rel']);
      expect(match[0]).toMatch(/ href="(https?:\/\/|mailto:)/);
      expect(match[0]).toContain('rel="nofollow ugc noopener"');
    } else {
      expect(names, `attributes of ${match[0]}`).toEqual([]);
    }
  }
}

// A corpus of hostile input: raw HTML, dangerous schemes in every spelling, attribute breakouts,
// markdown constructs that expand to tags outside the allowlist.
const xssCorpus = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<iframe src="https://evil.example"></iframe>',
  '<a href="javascript:alert(1)">klik</a>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<style>body{display:none}</style>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '[klik](javascript:alert(1))',
  '[klik](JaVaScRiPt:alert(1))',
  '[klik](java\tscript:alert(1))',
  '[klik](&#106;avascript:alert(1))',
  '[klik](vbscript:msgbox(1))',
  '[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[klik](//evil.example/pad)',
  '[klik](/relatief)',
  '[klik](https://ok.example" onclick="alert(1))',
  '[klik](https://ok.example "titel" onclick=alert(1))',
  '<https://ok.example/<script>>',
  '![plaatje](https://evil.example/tracker.png)',
  '![plaatje](javascript:alert(1))',
  '| a | b |\n|---|---|\n| <b>1</b> | 2 |',
  '<details open ontoggle=alert(1)>',
  '<!-- <script>alert(1)</script> -->',
  '<form action="https://evil.example"><input name=x></form>',
  '"><script>alert(1)</script>',
  '`<script>alert(1)</script>`',
  '```html\n<script>alert(1)</script>\n```',
  '<p onclick="alert(1)">tekst</p>',
  'https://ok.example/?q=<script>',
  '[a](https://ok.example)<img src=x onerror=alert(1)>',
  '<javascript:alert(1)>',
  '<vbscript:msgbox(1)>',
  '[klik](  javascript:alert(1)  )',
  '[klik](https://ok.example/\u0000javascript:alert(1))',
  '[![x](https://evil.example/a.png)](https://ok.example)',
];

describe('renderMarkdown', () => {
  it('renders the allowed subset', () => {
    const html = renderMarkdown(
      [
        '**vet** _schuin_ ~~weg~~ `code`',
        '',
        '> citaat',
        '',
        '- een',
        '- twee',
        '',
        '1. eerst',
        '',
        '```',
        'blok',
        '```',
        '',
        '---',
        '### Kop',
      ].join('\n'),
    );
    expect(html).toContain('<strong>vet</strong>');
    expect(html).toContain('<em>schuin</em>');
    expect(html).toContain('<del>weg</del>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<ul>');
    expect(html).toContain('<ol>');
    expect(html).toContain('<pre><code>blok');
    expect(html).toContain('<hr />');
    expect(html).toContain('<h4>Kop</h4>');
    expectOnlyAllowedMarkup(html);
  });

  it('moves headings down to h3/h4', () => {
    expect(renderMarkdown('# Een')).toBe('<h3>Een</h3>');
    expect(renderMarkdown('## Twee')).toBe('<h4>Twee</h4>');
    expect(renderMarkdown('###### Zes')).toBe('<h4>Zes</h4>');
  });

  it('links web and mail addresses with rel="nofollow ugc noopener" and no target', () => {
    const html = renderMarkdown('Zie https://www.kanker.nl of [mail](mailto:info@example.nl).');
    expect(html).toContain('<a href="https://www.kanker.nl" rel="nofollow ugc noopener">https://www.kanker.nl</a>');
    expect(html).toContain('<a href="mailto:info@example.nl" rel="nofollow ugc noopener">mail</a>');
    expect(html).not.toContain('target');
  });

  it('does not auto-link e-mail addresses, but still web addresses', () => {
    const html = renderMarkdown('Mail me op jan@example.nl of mailto:jan@example.nl, of kijk op https://www.kanker.nl');
    expect(html).not.toContain('href="mailto:');
    expect(html).toContain('jan@example.nl');
    expect(html).toContain('<a href="https://www.kanker.nl" rel="nofollow ugc noopener">https://www.kanker.nl</a>');
    expect(renderMarkdown('jan@example.nl')).toBe('<p>jan@example.nl</p>');
  });

  it('keeps line breaks within a paragraph', () => {
    expect(renderMarkdown('regel een\nregel twee')).toBe('<p>regel een<br />\nregel twee</p>');
  });

  it.each(xssCorpus)('neutralises %j', (input) => {
    const html = renderMarkdown(input);
    expectOnlyAllowedMarkup(html);
    expect(html).not.toMatch(/<script|<img|<svg|<iframe|<style|<form|<input|<details|<math/i);
    // Inside real tags (escaped text starts with &lt; and is harmless): no handlers, no other schemes.
    for (const [tag] of html.matchAll(/<[^>]+>/g)) {
      expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
      expect(tag).not.toMatch(/href="(?!https?:\/\/|mailto:)/i);
    }
  });

  it('shows raw HTML as text instead of dropping what someone wrote', () => {
    expect(renderMarkdown('<b>vet</b>')).toBe('<p>&lt;b&gt;vet&lt;/b&gt;</p>');
  });

  it.each([
    ['[klik hier](//evil.example)', '<p>klik hier</p>'],
    ['[klik hier](javascript:alert(1))', '<p>klik hier</p>'],
    ['[klik hier](/ruimtes/intern)', '<p>klik hier</p>'],
    ['<javascript:alert(1)>', '<p>javascript:alert(1)</p>'],
  ])('keeps only the text of a link whose address is not allowed: %j', (input, expected) => {
    expect(renderMarkdown(input)).toBe(expected);
  });
});

describe('sanitizePostHtml', () => {
  it('enforces the allowlist on HTML from elsewhere too', () => {
    const html = sanitizePostHtml(
      '<h1>Kop</h1><p style="color:red" class="x">t<img src=x></p><a href="javascript:x">a</a><a href="https://ok.example" target="_blank">b</a><table><tr><td>c</td></tr></table>',
    );
    expect(html).toBe('<h3>Kop</h3><p>t</p>a<a href="https://ok.example" rel="nofollow ugc noopener">b</a>c');
  });
});

describe('plainTitle', () => {
  it.each([
    ['<script>alert(1)</script>Hallo daar', 'Hallo daar'],
    ['<b onmouseover="x">Vet</b> titel', 'Vet titel'],
    ['&lt;script&gt;alert(1)&lt;/script&gt;Hallo', 'Hallo'],
    ['Ik <3 mijn lotgenoten', 'Ik <3 mijn lotgenoten'],
    ['a < b en c > d', 'a < b en c > d'],
    ['Tom & Jerry', 'Tom & Jerry'],
    ['  ruimte   teveel ', 'ruimte teveel'],
  ])('%j → %j', (input, expected) => {
    expect(plainTitle(input)).toBe(expected);
  });
});
