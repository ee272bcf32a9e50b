import { memo } from "react";

interface Props {
  pixels: number[];
  /** [height, width] or [height, width, channels]. */
  shape: number[];
  range: [number, number];
  size?: number;
  label?: string;
}

/** A small image drawn as SVG cells (8×8 digits are 64 rects): dark ink on white. */
export const PixelImage = memo(function PixelImage({
  pixels,
  shape,
  range,
  size = 48,
  label,
}: Props) {
  const [height = 1, width = 1, channels = 1] = shape;
  const cell = size / Math.max(height, width);
  const [low, high] = range;
  const span = high - low || 1;
  const level = (value: number) => Math.round(255 * Math.min(1, Math.max(0, (value - low) / span)));

  const rects = [];
  for (let r = 0; r < height; r += 1) {
    for (let c = 0; c < width; c += 1) {
      const at = (r * width + c) * channels;
      const [red, green, blue] = [0, 1, 2].map((k) => level(pixels[at + k] ?? low));
      const fill =
        channels >= 3 ? `rgb(${red},${green},${blue})` : grey(255 - level(pixels[at] ?? low));
      rects.push(
        <rect key={at} x={c * cell} y={r * cell} width={cell} height={cell} fill={fill} />,
      );
    }
  }
  return (
    <svg
      className="pixel-image"
      width={width * cell}
      height={height * cell}
      role="img"
      aria-label={label ?? "image"}
    >
      {rects}
    </svg>
  );
});

function grey(level: number): string {
  return `rgb(${level},${level},${level})`;
}

/** The pixel range a spec gives, or the min and max of its pixels. */
export function pixelRange(
  given: [number, number] | undefined,
  images: number[][],
): [number, number] {
  if (given) return given;
  let low = Infinity;
  let high = -Infinity;
  for (const pixels of images) {
    for (const value of pixels) {
      low = Math.min(low, value);
      high = Math.max(high, value);
    }
  }
  return low > high ? [0, 1] : [low, high];
}
