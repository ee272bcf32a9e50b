import { useLayoutEffect, useState } from "react";

/** A ref for an element and its inner width, kept up to date as it resizes (null until it is
 * laid out, and where the browser cannot tell, as in tests). */
export function useElementWidth<T extends HTMLElement>() {
  const [element, setElement] = useState<T | null>(null);
  const [width, setWidth] = useState<number | null>(null);

  useLayoutEffect(() => {
    if (!element) return;
    const measure = () => setWidth(element.clientWidth || null);
    measure();
    if (typeof ResizeObserver === "undefined") return;

    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);

  return [setElement, width] as const;
}
