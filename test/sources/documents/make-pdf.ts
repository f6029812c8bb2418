/**
 * A tiny PDF writer for fixtures: pages of text lines in Helvetica / Helvetica-Bold at given sizes, with a correct
 * xref table, so pdf.js parses it like any real PDF.
 */
export interface PdfLine {
  text: string;
  size: number;
  bold?: boolean;
  /** Extra space above the line, in points. */
  gapBefore?: number;
  /** Left edge in points (72 by default); with `sameRow`, the line sits beside the previous one (a second column). */
  x?: number;
  sameRow?: boolean;
  /** Set in Courier (a monospace face), as code listings are. */
  mono?: boolean;
}

/** Escapes a PDF string; "•" is byte 0x95 in WinAnsiEncoding, written as an octal escape. */
const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/\(/g, '\\(').replace(/\)/g, '\\)').replace(/•/g, '\\225');

/** The document information dictionary (what a PDF viewer shows as the title). */
export interface PdfInfo {
  title?: string;
}

export function makePdf(pages: PdfLine[][], info?: PdfInfo): Buffer {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body) as number; // object number = index + 1
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add('PAGES');
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>');
  const pageIds: number[] = [];
  for (const lines of pages) {
    let y = 780;
    const ops = lines.map((line) => {
      if (!line.sameRow) y -= (line.gapBefore ?? 0) + line.size * 1.35;
      return `BT /${line.mono ? 'F3' : line.bold ? 'F2' : 'F1'} ${line.size} Tf ${line.x ?? 72} ${y.toFixed(1)} Td (${esc(line.text)}) Tj ET`;
    });
    const stream = ops.join('\n');
    const contentId = add(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`);
    pageIds.push(add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R /F2 4 0 R /F3 5 0 R >> >> /Contents ${contentId} 0 R >>`));
  }
  const infoId = info?.title !== undefined ? add(`<< /Title (${esc(info.title)}) /Producer (videogen tests) >>`) : undefined;
  objects[1] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${infoId ? ` /Info ${infoId} 0 R` : ''} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
