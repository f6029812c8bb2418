import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { htmlTitle } from './clean/html-title.ts';
import { isDocBook, stripChrome } from './clean/page-chrome.ts';

/**
 * The main content of a page: page chrome removed first (clean/page-chrome.ts), then Readability's article, or the
 * whole cleaned body when Readability finds none or the page is a DocBook manual (all content once the chrome is
 * gone). The title is the page's own (og:title, <title>, <h1>, without the site name), not Readability's guess.
 */
export function extractArticle(html: string, url?: string): { title?: string; html: string } {
  const { document } = parseHTML(html);
  const title = htmlTitle(document as unknown as Document, url);
  if (url) {
    const base = document.createElement('base');
    base.setAttribute('href', url);
    document.head?.appendChild(base);
  }
  stripChrome(document as unknown as ParentNode);
  const body = document.body?.innerHTML ?? html;
  const named = (content: string) => (title ? { title, html: content } : { html: content });
  if (isDocBook(document as unknown as Document)) return named(body);
  try {
    const article = new Readability(document as unknown as Document, { charThreshold: 200 }).parse();
    if (article?.content && (article.textContent ?? '').trim().length > 100) return named(article.content);
  } catch {
    // Readability throws on some malformed pages; the cleaned body below still gives usable text.
  }
  return named(body);
}
