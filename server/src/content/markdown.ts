/**
 * User content: a safe markdown subset rendered to HTML once, on write, and stored next to its source.
 *
 * Two layers, so a mistake in one is caught by the other:
 * 1. markdown-it with `html: false` (raw HTML is shown as text), no images, no tables, linkify on for web
 *    addresses only (a bare e-mail address stays text: a post is no place to invite mail);
 * 2. sanitize-html with exactly the allowlist of docs/security.md (p, br, strong, em, del, blockquote, ul, ol, li,
 *    code, pre, a[href], h3–h4, hr), schemes http/https/mailto, every link `rel="nofollow ugc noopener"`.
 * Headings from markdown move down to h3/h4 so a post never competes with the page's own outline.
 */
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

const markdown = new MarkdownIt('default', {
  html: false,
  linkify: true,
  typographer: false,
  breaks: true,
});
// Images would load from elsewhere (tracking, unwanted content); tables fall outside the allowlist.
markdown.disable(['image', 'table']);
// A bare e-mail address ("mail me op jan@example.nl") is not turned into a mailto: link, and neither is
// "mailto:jan@example.nl" typed as text; web addresses still are. A link written on purpose
// ("[mail](mailto:…)") stays a link.
markdown.linkify.set({ fuzzyEmail: false });
markdown.linkify.add('mailto:', null);
// Every link is parsed as a link, so that a refused address disappears with its markup and only the
// link text stays ("[klik](javascript:…)" → "klik"). Which addresses survive is decided in one place:
// the sanitiser's `a` transform below (absolute http(s) and mailto only), backed by its scheme allowlist.
markdown.validateLink = () => true;

const LINK_REL = 'nofollow ugc noopener';
const SAFE_HREF = /^(?:https?:\/\/[^\s]|mailto:[^\s])/i;

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'del', 'blockquote', 'ul', 'ol', 'li', 'code', 'pre', 'a', 'h3', 'h4', 'hr'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Text inside these is dropped with the tag (it is never meant to be read).
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'iframe', 'object', 'embed'],
  transformTags: {
    h1: 'h3',
    h2: 'h4',
    h3: 'h4',
    h5: 'h4',
    h6: 'h4',
    s: 'del',
    strike: 'del',
    b: 'strong',
    i: 'em',
    // Only absolute http(s) and mailto links survive; anything else keeps its text and loses the link.
    a: (tagName, attribs) => {
      const href = attribs.href?.trim() ?? '';
      const safe: sanitizeHtml.Attributes = SAFE_HREF.test(href) ? { href, rel: LINK_REL } : {};
      return { tagName, attribs: safe };
    },
  },
  exclusiveFilter: (frame) => (frame.tag === 'a' && !frame.attribs.href ? 'excludeTag' : false),
};

/** The allowlist pass on its own, for HTML from any other source. */
export function sanitizePostHtml(html: string): string {
  return sanitizeHtml(html, sanitizeOptions);
}

/** Markdown source → safe HTML, ready to store. */
export function renderMarkdown(source: string): string {
  return sanitizePostHtml(markdown.render(source)).trim();
}

/**
 * A thread title is plain text: it is never rendered as HTML, but tags are removed anyway so that
 * nothing that looks like markup reaches a page, an export or a notification.
 */
export function plainTitle(input: string): string {
  let current = input;
  // Entity-encoded markup ("&lt;script&gt;") decodes into markup, so strip until nothing changes.
  for (let pass = 0; pass < 5; pass++) {
    const next = stripTags(current);
    if (next === current) break;
    current = next;
  }
  return current.replace(/\s+/g, ' ').trim();
}

function stripTags(input: string): string {
  const withoutTags = sanitizeHtml(input, {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: ['script', 'style', 'textarea', 'noscript', 'template', 'iframe'],
  });
  // sanitize-html escapes what remains as HTML text; a title is plain text, so decode those entities.
  return withoutTags
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
}
