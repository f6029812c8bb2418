import { basename, extname } from 'node:path';
import mammoth from 'mammoth';
import { VideogenError } from '../../errors.ts';
import { safeToShow } from '../../spec/index.ts';
import { checkZipArchive } from '../archive.ts';
import { extractArticle } from './article.ts';
import { docxCoreTitle } from './clean/docx-core.ts';
import { modelFromHtml } from './from-html.ts';
import { modelFromMarkdown } from './from-mdast.ts';
import type { DocModel } from './model.ts';
import { pdfToMarkdown } from './pdf-text.ts';
import { textToMarkdown } from './plain-text.ts';
import { rstToMarkdown } from './rst.ts';

/**
 * Document → section model, per format: the parsing half of every document adapter (the other half, model → spec,
 * is build.ts). It is the part that can take memory and time proportional to a hostile input, so servers and the
 * CLI run it in a worker thread (parse-in-worker.ts); the synchronous library functions call it directly.
 */
export type ParseTask =
  | { kind: 'markdown' | 'text' | 'rst'; text: string; document: string }
  | { kind: 'html'; html: string; document: string; url?: string }
  | { kind: 'pdf' | 'docx'; data: Uint8Array; document: string };

export interface ParsedDocument {
  model: DocModel;
  warnings: string[];
}

export const stem = (name: string) => basename(name, extname(name)).replace(/[-_]+/g, ' ').trim() || 'Document';

export function markdownModel(text: string, document: string): DocModel {
  return { ...modelFromMarkdown(text.replace(/\r\n?/g, '\n'), document, stem(document)), noun: 'guide' };
}

/** Plain text: the first line is the title; short lines standing alone are headings. */
export function textModel(text: string, document: string): DocModel {
  const { markdown, lineMap } = textToMarkdown(text);
  return { ...modelFromMarkdown(markdown, document, stem(document), lineMap), noun: 'document' };
}

export function rstModel(text: string, document: string): DocModel {
  const { markdown, lineMap } = rstToMarkdown(text);
  return { ...modelFromMarkdown(markdown, document, stem(document), lineMap), noun: 'guide' };
}

export function htmlModel(html: string, document: string, url?: string): DocModel {
  const article = extractArticle(html, url);
  return { ...modelFromHtml(article.html, document, basename(document).replace(/\.html?$/i, ''), article.title), noun: 'article' };
}

export async function pdfModel(data: Uint8Array, document: string): Promise<DocModel> {
  const markdown = await pdfToMarkdown(data);
  return modelFromMarkdown(markdown, document, basename(document).replace(/\.pdf$/i, ''));
}

/**
 * Word's Title and Subtitle paragraph styles (by style id and by name), which mammoth's default map leaves as plain
 * paragraphs; table-of-contents entries (Word "toc N", LibreOffice "Contents N") are dropped ("=> !").
 */
const TOC_STYLES = ['toc', 'TOC', 'Contents'].flatMap((name) => [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `p[style-name='${name} ${n}'] => !`));
const DOCX_STYLE_MAP = [
  'p.Title => h1.doc-title:fresh',
  "p[style-name='Title'] => h1.doc-title:fresh",
  'p.Subtitle => p.doc-subtitle:fresh',
  "p[style-name='Subtitle'] => p.doc-subtitle:fresh",
  "p[style-name='TOC Heading'] => !",
  "p[style-name='Contents Heading'] => !",
  ...TOC_STYLES,
];

/**
 * Word documents: the archive is checked first (archive.ts); mammoth maps styles to HTML without reading images.
 * The title is the paragraph styled Title, else the core properties' dc:title, else a lone Heading 1, else the file name.
 */
export async function docxModel(data: Uint8Array, document: string): Promise<ParsedDocument> {
  await checkZipArchive(data, document);
  let html: string;
  const warnings: string[] = [];
  try {
    // Pictures are not shown in scenes; an empty src keeps mammoth from reading (and base64-encoding) them.
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(data) }, { styleMap: DOCX_STYLE_MAP, convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })) });
    html = result.value;
    // Mammoth reports every unmapped style; those are cosmetic, so only real errors are passed on.
    warnings.push(...result.messages.filter((m) => m.type === 'error').map((m) => `docx: ${m.message}`));
  } catch (error) {
    throw new VideogenError('SOURCE_UNREADABLE', `cannot read ${safeToShow(document)} as a Word document: ${safeToShow((error as Error).message, 200)}`, undefined, { cause: error });
  }
  const styled = /<h1 class="doc-title">([\s\S]*?)<\/h1>/.exec(html)?.[1];
  const titled = styled ? styled.replace(/<[^>]*>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').trim() : '';
  // Many documents set their title as a short bold first paragraph instead of using the Title style.
  const bold = /^<p><strong>([^<]{3,100})<\/strong><\/p>/.exec(html)?.[1]?.replace(/&amp;/g, '&').trim();
  const boldTitle = bold && bold.split(/\s+/).length <= 12 && !/[.,;:]$/.test(bold) ? bold : undefined;
  const title = titled || (await docxCoreTitle(data)) || boldTitle;
  return { model: modelFromHtml(html, document, basename(document).replace(/\.docx$/i, ''), title), warnings };
}

export async function modelOf(task: ParseTask): Promise<ParsedDocument> {
  switch (task.kind) {
    case 'markdown':
      return { model: markdownModel(task.text, task.document), warnings: [] };
    case 'text':
      return { model: textModel(task.text, task.document), warnings: [] };
    case 'rst':
      return { model: rstModel(task.text, task.document), warnings: [] };
    case 'html':
      return { model: htmlModel(task.html, task.document, task.url), warnings: [] };
    case 'pdf':
      return { model: await pdfModel(task.data, task.document), warnings: [] };
    case 'docx':
      return docxModel(task.data, task.document);
  }
}
