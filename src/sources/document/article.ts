import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

/** The main content of a page: Readability's article, or the whole body when Readability finds none. */
export function extractArticle(html: string, url?: string): { title?: string; html: string } {
  const { document } = parseHTML(html);
  if (url) {
    const base = document.createElement('base');
    base.setAttribute('href', url);
    document.head?.appendChild(base);
  }
  const pageTitle = document.querySelector('title')?.textContent?.trim();
  try {
    const article = new Readability(document as unknown as Document, { charThreshold: 200 }).parse();
    if (article?.content && (article.textContent ?? '').trim().length > 100) {
      const title = article.title?.trim() || pageTitle;
      return title ? { title, html: article.content } : { html: article.content };
    }
  } catch {
    // Readability throws on some malformed pages; the body fallback below still gives usable text.
  }
  const body = parseHTML(html).document.body?.innerHTML ?? html;
  return pageTitle ? { title: pageTitle, html: body } : { html: body };
}
