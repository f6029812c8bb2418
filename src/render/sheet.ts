import type { Frame } from './geometry.ts';
import { cssFont } from './fonts.ts';

type Ctx = CanvasRenderingContext2D;

export interface SheetCell {
  image: CanvasImageSource;
  label: string;
}

export interface SheetLayout {
  width: number;
  height: number;
  cols: number;
  cellW: number;
  cellH: number;
  gap: number;
  labelH: number;
}

/** Grid geometry for a contact sheet of `count` frames, each drawn at `cellW` wide. */
export function sheetLayout(frame: Frame, count: number, cellW = frame.portrait ? 360 : 640): SheetLayout {
  const cols = Math.min(count, frame.portrait ? 6 : 4);
  const cellH = Math.round((cellW * frame.height) / frame.width);
  const gap = 24;
  const labelH = 40;
  const rowsN = Math.ceil(count / cols);
  return { width: gap + cols * (cellW + gap), height: gap + rowsN * (cellH + labelH + gap), cols, cellW, cellH, gap, labelH };
}

/** Draws settled scene frames in a grid with "n · id · kind" labels under each. */
export function drawSheet(ctx: Ctx, layout: SheetLayout, cells: readonly SheetCell[]): void {
  ctx.fillStyle = '#e2e8f0';
  ctx.fillRect(0, 0, layout.width, layout.height);
  cells.forEach((cell, i) => {
    const col = i % layout.cols;
    const row = Math.floor(i / layout.cols);
    const x = layout.gap + col * (layout.cellW + layout.gap);
    const y = layout.gap + row * (layout.cellH + layout.labelH + layout.gap);
    ctx.fillStyle = 'rgba(15, 23, 42, 0.18)';
    ctx.fillRect(x + 2, y + 4, layout.cellW, layout.cellH);
    ctx.drawImage(cell.image, x, y, layout.cellW, layout.cellH);
    ctx.fillStyle = '#0f172a';
    ctx.font = cssFont({ role: 'sans', weight: 600, size: 20 });
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    ctx.fillText(cell.label, x + 4, y + layout.cellH + layout.labelH / 2 + 2, layout.cellW - 8);
  });
}
