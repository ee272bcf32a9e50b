import { formatValue } from "../../lib/numbers";
import { PixelImage, pixelRange } from "./PixelImage";
import type { ImageGridSpec } from "./specs";

/** An `image_grid` artifact: small images of one shape with their labels. */
export function ImageGridChart({ spec }: { spec: ImageGridSpec }) {
  const range = pixelRange(
    spec.pixel_range,
    spec.images.map((image) => image.pixels),
  );
  const columns = spec.columns ?? Math.min(10, spec.images.length);
  return (
    <div className="image-grid" style={{ gridTemplateColumns: `repeat(${columns}, auto)` }}>
      {spec.images.map((image, i) => (
        <figure key={i} className="example">
          <PixelImage
            pixels={image.pixels}
            shape={spec.image_shape}
            range={range}
            label={image.label === undefined ? `image ${i}` : formatValue(image.label)}
          />
          <figcaption>
            {[image.label, image.caption].filter((t) => t !== undefined).join(" · ")}
          </figcaption>
        </figure>
      ))}
    </div>
  );
}
