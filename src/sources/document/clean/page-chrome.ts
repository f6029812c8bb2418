/**
 * Page chrome removed before the article is looked for: navigation, site headers and footers, sidebars, skip links,
 * breadcrumbs, cookie banners, and the front matter DocBook puts on a title page (authors, copyright lines, the legal
 * notice, the table of contents, navigation headers of chunked manuals). What is left is the text a reader came for;
 * the title (h1) and an abstract stay.
 */

const CHROME_TAGS = new Set(['NAV', 'ASIDE', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'DIALOG']);
const CHROME_ROLES = /^(?:navigation|banner|contentinfo|complementary|search|menubar|toolbar|dialog)$/i;
/** Class or id tokens of chrome (compared whole and case-insensitively, so "menu-item" inside content stays). */
const CHROME_TOKENS = new Set([
  'breadcrumb', 'breadcrumbs', 'skip-link', 'skiplink', 'skip-to-content', 'skipnav', 'site-header', 'site-footer', 'site-nav', 'navbar', 'topbar',
  'sidebar', 'toc', 'table-of-contents', 'cookie-banner', 'cookie-consent', 'cookies', 'share', 'social', 'pagination',
  // DocBook (the Modular and XSL stylesheets write these in upper or lower case)
  'author', 'authorgroup', 'affiliation', 'corpauthor', 'othercredit', 'copyright', 'legalnotice', 'revhistory', 'pubdate', 'lot', 'navheader', 'navfooter',
]);

/** Attribute by name in any case: linkedom keeps the case of the source, and old pages write CLASS= and NAME=. */
export function attr(el: Element, name: string): string | null {
  const direct = el.getAttribute(name);
  if (direct) return direct;
  for (const a of Array.from(el.attributes)) if (a.name.toLowerCase() === name) return a.value;
  return null;
}

const tokens = (el: Element) => `${attr(el, 'class') ?? ''} ${attr(el, 'id') ?? ''}`.toLowerCase().split(/\s+/).filter(Boolean);
const inArticle = (el: Element) => !!el.parentElement?.closest('article, main, [role="main"]');

function isChrome(el: Element): boolean {
  const tag = el.tagName.toUpperCase();
  if (CHROME_TAGS.has(tag)) return true;
  if ((tag === 'HEADER' || tag === 'FOOTER') && !inArticle(el)) return !el.querySelector('h1') || !!el.querySelector('nav');
  if (CHROME_ROLES.test(attr(el, 'role') ?? '')) return true;
  if (/breadcrumb/i.test(attr(el, 'aria-label') ?? '')) return true;
  if (tokens(el).some((t) => CHROME_TOKENS.has(t))) return el.tagName.toUpperCase() !== 'H1' && !el.closest('h1');
  if (tag === 'A' && /^\s*(?:skip|jump)\s+to\b/i.test(el.textContent ?? '')) return true;
  // A "Table of Contents" block without a class: a definition list or list whose title says so.
  if ((tag === 'DIV' || tag === 'SECTION') && /^\s*(?:table of )?contents\s*$/i.test(el.firstElementChild?.textContent ?? '')) return true;
  return false;
}

export function stripChrome(root: ParentNode): void {
  for (const el of Array.from(root.querySelectorAll('*'))) if (el.isConnected && isChrome(el)) el.remove();
}

/** Pages made by DocBook stylesheets are all content once the chrome is gone; Readability would only reshuffle them. */
export const isDocBook = (doc: Document) => Array.from(doc.querySelectorAll('meta')).some((m) => /^generator$/i.test(attr(m, 'name') ?? '') && /docbook/i.test(attr(m, 'content') ?? ''));
