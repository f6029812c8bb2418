import type { DocBlock, DocSection } from '../model.ts';

/**
 * A section at three lengths, for the budget to choose from: 0 = as written; 1 = condensed (one paragraph per run of
 * prose, one screen of list items or table rows, code cut at a block boundary with a marker, at most two visuals);
 * 2 = its essence (the first visual, shorter still, with the paragraph that introduces it, or the first two paragraphs).
 */
export type Level = 0 | 1 | 2;

const MAX_ITEMS = 6;
const MAX_CODE_LINES = 12;
const MAX_VISUALS = 2;

const HASH_COMMENT = /^(?:sh|bash|shell|console|zsh|fish|python|py|ruby|rb|yaml|yml|toml|ini|perl|r|dockerfile|makefile|powershell|ps1)$/i;

/** "…" as a comment in the block's language, so the cut reads as a cut and still highlights as code. */
function cutMarker(language: string | undefined): string {
  const lang = language ?? '';
  if (HASH_COMMENT.test(lang)) return '# …';
  if (/^(?:html|xml|svg|vue|markdown|md)$/i.test(lang)) return '<!-- … -->';
  if (/^(?:sql|lua|haskell|hs)$/i.test(lang)) return '-- …';
  if (!lang || /^(?:text|txt|plain)$/i.test(lang)) return '…';
  return '// …';
}

/** Code shortened at the last blank line (a block boundary) within the limit, else at the limit; marked when cut. */
export function shortenCode(block: Extract<DocBlock, { type: 'code' }>, maxLines = MAX_CODE_LINES): Extract<DocBlock, { type: 'code' }> {
  const lines = block.code.replace(/\s+$/, '').split('\n');
  if (lines.length <= maxLines) return block;
  let cut = maxLines;
  for (let i = maxLines; i > maxLines / 2; i--) {
    if (!lines[i]?.trim()) {
      cut = i;
      break;
    }
  }
  const code = `${lines.slice(0, cut).join('\n').replace(/\s+$/, '')}\n${cutMarker(block.language)}`;
  return { ...block, code, lines: { start: block.lines.start, end: block.lines.start + cut } };
}

function trimBlock(block: DocBlock, items = MAX_ITEMS, lines = MAX_CODE_LINES): DocBlock {
  switch (block.type) {
    case 'list':
      return block.items.length > items ? { ...block, items: block.items.slice(0, items) } : block;
    case 'table':
      return block.rows.length > items ? { ...block, rows: block.rows.slice(0, items) } : block;
    case 'code':
      return shortenCode(block, lines);
    default:
      return block;
  }
}

function condensed(blocks: readonly DocBlock[]): DocBlock[] {
  const out: DocBlock[] = [];
  let run: DocBlock[] = [];
  let visuals = 0;
  // A run of prose before a visual keeps its last paragraph (it introduces the visual); a section's opening run and
  // trailing prose keep their first (it frames what follows).
  const flush = (beforeVisual: boolean) => {
    const keep = beforeVisual && out.length ? run.at(-1) : run[0];
    if (keep) out.push(keep);
    run = [];
  };
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      run.push(block);
      continue;
    }
    if (visuals === MAX_VISUALS) break;
    flush(true);
    out.push(trimBlock(block));
    visuals++;
  }
  if (visuals < MAX_VISUALS || !out.length) flush(false);
  return out;
}

function essence(blocks: readonly DocBlock[]): DocBlock[] {
  const visual = blocks.findIndex((b) => b.type !== 'paragraph');
  if (visual < 0) return blocks.slice(0, 2);
  const lead = blocks[visual - 1];
  // The essence shows less than a condensed section: four items or rows, eight lines of code.
  return [...(lead?.type === 'paragraph' ? [lead] : []), trimBlock(blocks[visual]!, 4, 8)];
}

export function condenseSection(section: DocSection, level: Level): DocSection {
  if (level === 0 || !section.blocks.length) return section;
  return { ...section, blocks: level === 1 ? condensed(section.blocks) : essence(section.blocks) };
}
