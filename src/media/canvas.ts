import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import { registerFonts } from './fonts.ts';
import { canvasMeasurer, type Measurer } from '../render/text.ts';

/** A Skia canvas for Node, typed as the DOM canvas the isomorphic renderer draws on. */
export interface Surface {
  canvas: Canvas;
  ctx: CanvasRenderingContext2D;
}

export function createSurface(width: number, height: number): Surface {
  registerFonts();
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d') as SKRSContext2D;
  return { canvas, ctx: ctx as unknown as CanvasRenderingContext2D };
}

let sharedMeasurer: Measurer | undefined;

/** One measuring context for layouts in this process (measurement does not depend on the target canvas). */
export function nodeMeasurer(): Measurer {
  if (!sharedMeasurer) sharedMeasurer = canvasMeasurer(createSurface(8, 8).ctx);
  return sharedMeasurer;
}

export async function encodePng(surface: Surface): Promise<Buffer> {
  return surface.canvas.encode('png');
}
