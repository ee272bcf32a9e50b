import { COLORS, rgbaWord } from "./palette";

export interface PointLayer {
  x: Float32Array;
  y: Float32Array;
  missing: Uint8Array;
}

const BASE = rgbaWord(COLORS.base, 200);
const SELECTED = rgbaWord(COLORS.selected);
const UNSELECTED = rgbaWord(COLORS.unselected, 200);
const MISSING = rgbaWord(COLORS.missing);

function square(
  buffer: Uint32Array,
  width: number,
  height: number,
  cx: number,
  cy: number,
  size: number,
  color: number,
) {
  const x0 = Math.max(0, Math.round(cx - size / 2));
  const y0 = Math.max(0, Math.round(cy - size / 2));
  const x1 = Math.min(width, x0 + size);
  const y1 = Math.min(height, y0 + size);
  for (let y = y0; y < y1; y += 1) buffer.fill(color, y * width + x0, y * width + x1);
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
  const context = canvas.getContext("2d");
  if (!context) return; // no canvas support (a test DOM): the chart's SVG parts still draw
  const { width, height } = canvas;
  const image = context.createImageData(width, height);
  const buffer = new Uint32Array(image.data.buffer);
  const scale = canvas.width / (canvas.clientWidth || canvas.width);

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
      const size = Math.round((selected ? 3 : 2) * scale);
      square(
        buffer,
        width,
        height,
        (layer.x[i] ?? 0) * scale,
        (layer.y[i] ?? 0) * scale,
        size,
        color,
      );
    }
  }
  context.putImageData(image, 0, 0);
}

/** Bars as pixel columns: one per experiment, from the baseline to its value. */
export function drawBars(
  canvas: HTMLCanvasElement,
  bars: {
    x: Float32Array;
    top: Float32Array;
    missing: Uint8Array;
    width: number;
    baseline: number;
  },
  mask: Uint8Array | null,
): void {
  const context = canvas.getContext("2d");
  if (!context) return;
  const { width, height } = canvas;
  const image = context.createImageData(width, height);
  const buffer = new Uint32Array(image.data.buffer);
  const scale = canvas.width / (canvas.clientWidth || canvas.width);
  const barWidth = Math.max(1, Math.floor(bars.width * scale));

  for (let i = 0; i < bars.x.length; i += 1) {
    const selected = mask !== null && mask[i] === 1;
    const x0 = Math.max(0, Math.floor((bars.x[i] ?? 0) * scale));
    if (bars.missing[i]) {
      square(buffer, width, height, x0, bars.baseline * scale, Math.max(2, barWidth), MISSING);
      continue;
    }
    const color = mask === null ? BASE : selected ? SELECTED : UNSELECTED;
    const top = bars.top[i] ?? 0;
    const y0 = Math.max(0, Math.floor(Math.min(top, bars.baseline) * scale));
    const y1 = Math.min(height, Math.ceil(Math.max(top, bars.baseline) * scale) || y0 + 1);
    const x1 = Math.min(width, x0 + barWidth);
    for (let y = y0; y < Math.max(y1, y0 + 1); y += 1)
      buffer.fill(color, y * width + x0, y * width + x1);
  }
  context.putImageData(image, 0, 0);
}
