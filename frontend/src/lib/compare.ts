import { formatValue } from "./numbers";

export interface CompareRow {
  name: string;
  values: string[];
  differs: boolean;
}

/** One row per name: each experiment's value as text, and whether they are not all the same. */
export function compareRows(
  names: string[],
  valueOf: (name: string, column: number) => unknown,
  columns: number,
): CompareRow[] {
  return names.map((name) => {
    const values = Array.from({ length: columns }, (_, c) => formatValue(valueOf(name, c)));
    return { name, values, differs: new Set(values).size > 1 };
  });
}

/** A confusion matrix artifact's payload, checked; null when it does not have that shape. */
export interface Confusion {
  labels: string[];
  matrix: number[][];
}

export function parseConfusion(payload: unknown): Confusion | null {
  const object = (payload ?? {}) as { labels?: unknown; matrix?: unknown };
  if (!Array.isArray(object.matrix)) return null;
  const matrix = object.matrix.map((row) =>
    Array.isArray(row) ? row.map((cell) => (typeof cell === "number" ? cell : 0)) : [],
  );
  const size = matrix.length;
  const labels = Array.isArray(object.labels)
    ? object.labels.map((label) => formatValue(label))
    : Array.from({ length: size }, (_, k) => String(k));
  return { labels, matrix };
}
