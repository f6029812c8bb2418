import { parseHTML } from 'linkedom';
import { attr } from './clean/page-chrome.ts';
import { repairText } from './clean/repair-text.ts';
import { listItem, span, type DocBlock, type DocModel, type DocSection } from './model.ts';

/**
 * HTML (readability output, mammoth output) → section model. h1–h6 start sections, p/ul/ol/pre/table/blockquote become
 * blocks; wrappers (div, section, article, main) are walked through. HTML has no stable source lines, so `lines`
 * count blocks in reading order (block 1 is the first heading or paragraph).
 */

type El = Element;

const clean = (s: string | null | undefined) => repairText(s ?? '').replace(/\s+/g, ' ').trim();
/** Ads, promos and share bars that Readability sometimes leaves inside an article. */
const NOISE = /\b(?:ad|ads|advert\w*|sponsor\w*|promo\w*|banner|newsletter|social|share|related|subscribe)\b/i;
const NOISE_TEXT = /^(?:advertisement|sponsored|promoted)\b/i;
const SKIP = new Set(['SCRIPT', 'STYLE', 'NAV', 'ASIDE', 'FOOTER', 'HEADER', 'FORM', 'BUTTON', 'NOSCRIPT', 'SVG', 'IFRAME', 'FIGURE', 'IMG']);

/** Heading text without the permalink marks documentation generators append (Sphinx "¶", "#", "§", "🔗"). */
function headingText(h: El): string {
  const copy = h.cloneNode(true) as El;
  copy.querySelectorAll('a').forEach((a) => {
    if (/^\s*[¶#§🔗]?\s*$/u.test(a.textContent ?? '') || /headerlink|anchor|permalink/i.test(attr(a, 'class') ?? '')) a.remove();
  });
  return clean(copy.textContent).replace(/\s*[¶§🔗]$/u, '');
}

function codeLanguage(pre: El): string | undefined {
  const code = pre.querySelector('code');
  const cls = `${code ? (attr(code, 'class') ?? '') : ''} ${attr(pre, 'class') ?? ''}`;
  return /(?:language|lang)-([\w+#-]+)/.exec(cls)?.[1]?.toLowerCase();
}

function listItems(list: El): ReturnType<typeof listItem>[] {
  return Array.from(list.children)
    .filter((li) => li.tagName === 'LI')
    .map((li) => {
      // Nested lists are left out of the item text; only the item's own line is shown.
      const copy = li.cloneNode(true) as El;
      copy.querySelectorAll('ul, ol').forEach((n) => n.remove());
      const first = copy.firstElementChild;
      const startsBold = first && (first.tagName === 'STRONG' || first.tagName === 'B') && clean(copy.textContent).startsWith(clean(first.textContent));
      return listItem(clean(copy.textContent), startsBold ? clean(first.textContent) : undefined);
    })
    .filter((i) => i.text);
}

/**
 * A definition list (DocBook's variable lists, glossaries, FAQs) → a list of terms: each <dt> is an item's title and
 * the first paragraph of its <dd> the description. Several <dt> before one <dd> ("nobody, nogroup") share it.
 */
function definitionList(dl: El, n: number): DocBlock | undefined {
  const items: ReturnType<typeof listItem>[] = [];
  let terms: string[] = [];
  for (const child of Array.from(dl.children)) {
    if (child.tagName === 'DT') terms.push(clean(child.textContent));
    else if (child.tagName === 'DD' && terms.length) {
      const first = child.querySelector('p');
      const description = clean((first ?? child).textContent);
      const title = terms.filter(Boolean).join(', ');
      if (title) items.push(description ? { text: `${title}: ${description}`, title, description } : { text: title, title });
      terms = [];
    }
  }
  for (const title of terms.filter(Boolean)) items.push({ text: title, title });
  return items.length ? { type: 'list', ordered: false, items, lines: span(n), terms: true } : undefined;
}

function tableBlock(table: El, n: number): DocBlock | undefined {
  const rows = Array.from(table.querySelectorAll('tr')).map((tr) => Array.from(tr.children).filter((c) => c.tagName === 'TD' || c.tagName === 'TH').map((c) => clean(c.textContent)));
  const nonEmpty = rows.filter((r) => r.some(Boolean));
  const [header, ...body] = nonEmpty;
  return header && body.length ? { type: 'table', header, rows: body, lines: span(n) } : undefined;
}

function quoteBlock(el: El, n: number): DocBlock | undefined {
  const parts = Array.from(el.querySelectorAll('p')).map((p) => clean(p.textContent));
  const texts = parts.length ? parts : [clean(el.textContent)];
  const cite = clean(el.querySelector('cite, footer')?.textContent);
  let attribution = cite.replace(/^[—–-]+\s*/, '') || undefined;
  const last = texts.at(-1) ?? '';
  const m = /^(?:—|–|--)\s*(.+)$/.exec(last);
  if (!attribution && m) {
    attribution = m[1]!;
    texts.pop();
  }
  const text = clean(texts.join(' ').replace(cite, '')).replace(/^["“]|["”]$/g, '');
  if (!text) return undefined;
  return attribution ? { type: 'quote', text, attribution, lines: span(n) } : { type: 'quote', text, lines: span(n) };
}

export function modelFromHtml(html: string, document: string, fallbackTitle: string, titleHint?: string): DocModel {
  const { document: dom } = parseHTML(html.includes('<html') ? html : `<!doctype html><html><body>${html}</body></html>`);
  const sections: DocSection[] = [];
  const intro: DocBlock[] = [];
  let title = clean(titleHint);
  let n = 0;
  const promoted = new Set<DocSection>();
  const add = (block: DocBlock | undefined) => {
    if (!block) return;
    const current = sections.at(-1);
    // A term list introduced by a one-line sentence after other content ("Other groups have no associated
    // user.") is a part of its own: the sentence names it, as a heading would.
    const lead = current?.blocks.at(-1);
    if (current && block.type === 'list' && block.terms && block.items.length >= 3 && lead?.type === 'paragraph' && current.blocks.length >= 2 && /^[^.!?]{8,80}[.:]$/.test(lead.text) && lead.text.split(' ').length <= 10) {
      current.blocks.pop();
      const part: DocSection = { heading: lead.text.replace(/[.:]$/, ''), depth: promoted.has(current) ? current.depth : Math.min(6, current.depth + 1), lines: span(lead.lines.start, block.lines.end), blocks: [block] };
      promoted.add(part);
      sections.push(part);
      return;
    }
    if (current) {
      current.blocks.push(block);
      current.lines = span(current.lines.start, block.lines.end);
    } else intro.push(block);
  };
  const walk = (el: El) => {
    for (const child of Array.from(el.children)) {
      const tag = child.tagName;
      if (SKIP.has(tag) || NOISE.test(`${attr(child, 'class') ?? ''} ${attr(child, 'id') ?? ''}`) || NOISE_TEXT.test(clean(child.textContent))) continue;
      const heading = /^H([1-6])$/.exec(tag);
      if (heading) {
        const text = headingText(child);
        if (!text) continue;
        n++;
        const depth = Number(heading[1]);
        if (!title && depth === 1) title = text;
        else if (!(depth === 1 && text === title && !sections.length)) sections.push({ heading: text, depth, lines: span(n), blocks: [] });
      } else if (tag === 'P') {
        const text = clean(child.textContent);
        // A title set as the first paragraph (DOCX without a Title style) is not repeated as the subtitle.
        if (text && !(text === title && !sections.length && !intro.length)) add({ type: 'paragraph', text, lines: span(++n) });
      } else if (tag === 'UL' || tag === 'OL') {
        const items = listItems(child);
        if (items.length) add({ type: 'list', ordered: tag === 'OL', items, lines: span(++n) });
      } else if (tag === 'PRE') {
        const code = (child.textContent ?? '').replace(/\s+$/, '');
        const language = codeLanguage(child);
        if (code.trim()) add({ type: 'code', code, ...(language ? { language } : {}), lines: span(++n) });
      } else if (tag === 'DL') add(definitionList(child, ++n));
      else if (tag === 'TABLE') add(tableBlock(child, ++n));
      else if (tag === 'BLOCKQUOTE') add(quoteBlock(child, ++n));
      else if (child.children.length) walk(child);
      else {
        const text = clean(child.textContent);
        if (text && tag !== 'BR' && tag !== 'HR') add({ type: 'paragraph', text, lines: span(++n) });
      }
    }
  };
  walk(dom.body ?? dom.documentElement);
  if (!title && sections.length === 1 || (!title && sections[0] && sections.filter((s) => s.depth === sections[0]!.depth).length === 1 && sections.length > 1)) {
    const first = sections.shift()!;
    title = first.heading;
    intro.push(...first.blocks);
  }
  return { document, title: title || fallbackTitle, intro, sections };
}
