import { COLORS, rgbaWord } from "./palette";

export interface PointLayer {
  x: Float32Array;
  y: Float32Array;
  missing: Uint8Array;
}

export interface BarLayer {
  x: Float32Array;
  top: Float32Array;
  missing: Uint8Array;
  width: number;
  baseline: number;
}

const BASE = rgbaWord(COLORS.base, 200);
const SELECTED = rgbaWord(COLORS.selected);
const UNSELECTED = rgbaWord(COLORS.unselected, 200);
const MISSING = rgbaWord(COLORS.missing);

interface Target {
  context: CanvasRenderingContext2D;
  image: ImageData;
  pixels: Uint32Array;
  width: number;
  height: number;
  /** Canvas pixels per CSS pixel. */
  scale: number;
}

function target(canvas: HTMLCanvasElement): Target | null {
  const context = canvas.getContext("2d");
  if (!context) return null; // no canvas support (a test DOM): the chart's SVG parts still draw
  const { width, height } = canvas;
  const image = context.createImageData(width, height);
  const scale = canvas.width / (canvas.clientWidth || canvas.width);
  return { context, image, pixels: new Uint32Array(image.data.buffer), width, height, scale };
}

function square(t: Target, cx: number, cy: number, size: number, color: number): void {
  const x0 = Math.max(0, Math.round(cx - size / 2));
  const y0 = Math.max(0, Math.round(cy - size / 2));
  const x1 = Math.min(t.width, x0 + size);
  const y1 = Math.min(t.height, y0 + size);
  for (let y = y0; y < y1; y += 1) {
    const row = y * t.width;
    for (let x = x0; x < x1; x += 1) t.pixels[row + x] = color;
  }
}

/**
 * Draw thousands of points by writing pixels straight into one ImageData: far cheaper than a
 * path per point, so a brush redraws every plot of the grid within a frame.
 */
export function drawPoints(
  canvas: HTMLCanvasElement,
  layer: PointLayer,
  mask: Uint8Array | null,
): void {
  const t = target(canvas);
  if (!t) return;
  const small = Math.max(1, Math.round(2 * t.scale));
  const large = Math.max(2, Math.round(3 * t.scale));

  const n = layer.x.length;
  for (let pass = 0; pass < 2; pass += 1) {
    for (let i = 0; i < n; i += 1) {
      const selected = mask !== null && mask[i] === 1;
      if ((pass === 1) !== selected) continue;
      const color = layer.missing[i]
        ? MISSING
        : mask === null
          ? BASE
          : selected
            ? SELECTED
            : UNSELECTED;
      const x = (layer.x[i] ?? 0) * t.scale;
      const y = (layer.y[i] ?? 0) * t.scale;
      square(t, x, y, selected ? large : small, color);
    }
  }
  t.context.putImageData(t.image, 0, 0);
}

/**
 * Bars at more than one per pixel: each pixel column shows the union of its bars (every bar
 * reaches the baseline, so the union is one span), the selected ones drawn over the others.
 */
export function drawBars(canvas: HTMLCanvasElement, bars: BarLayer, mask: Uint8Array | null): void {
  const t = target(canvas);
  if (!t) return;
  const columns = t.width;
  const base = bars.baseline * t.scale;
  // Per column and class (0 other, 1 selected): the lowest and highest pixel covered.
  const low = new Float32Array(columns * 2).fill(Infinity);
  const high = new Float32Array(columns * 2).fill(-Infinity);
  const missing = new Uint8Array(columns);

  for (let i = 0; i < bars.x.length; i += 1) {
    const first = Math.max(0, Math.floor((bars.x[i] ?? 0) * t.scale));
    const last = Math.min(columns - 1, Math.floor(((bars.x[i] ?? 0) + bars.width) * t.scale));
    const top = (bars.top[i] ?? 0) * t.scale;
    const kind = mask !== null && mask[i] === 1 ? 1 : 0;
    for (let column = first; column <= last; column += 1) {
      if (bars.missing[i]) {
        missing[column] = 1;
        continue;
      }
      const slot = column * 2 + kind;
      low[slot] = Math.min(low[slot] ?? Infinity, top, base);
      high[slot] = Math.max(high[slot] ?? -Infinity, top, base);
    }
  }

  const other = mask === null ? BASE : UNSELECTED;
  for (let column = 0; column < columns; column += 1) {
    for (const kind of [0, 1]) {
      const from = low[column * 2 + kind] ?? Infinity;
      if (from === Infinity) continue;
      const to = Math.max(high[column * 2 + kind] ?? from, from + 1);
      const color = kind === 1 ? SELECTED : other;
      for (let y = Math.max(0, Math.floor(from)); y < Math.min(t.height, Math.ceil(to)); y += 1) {
        t.pixels[y * t.width + column] = color;
      }
    }
    if (missing[column])
      square(t, column, t.height - 3 * t.scale, Math.max(2, Math.round(2 * t.scale)), MISSING);
  }
  t.context.putImageData(t.image, 0, 0);
}
