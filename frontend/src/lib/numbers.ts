/** A metric or hyperparameter value as the API sends it: non-finite floats come as text. */
export type JsonFloat = number | "NaN" | "Infinity" | "-Infinity" | null | undefined;

/** The number a JSON float stands for; null and undefined become NaN ("missing"). */
export function decodeFloat(value: unknown): number {
  if (typeof value === "number") return value;
  if (value === "Infinity") return Infinity;
  if (value === "-Infinity") return -Infinity;
  return NaN;
}

/** Round to 12 significant digits, as the service does, so 0.1 + 0.2 shows as 0.3. */
export function canonical(value: number): number {
  if (!Number.isFinite(value)) return value;
  return Number(value.toPrecision(12)) + 0;
}

/** Short text for a value in a table, an axis tick or a slider label. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  return String(value);
}

export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "+∞" : "−∞";
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  if (magnitude >= 1e5 || magnitude < 1e-3) {
    const [mantissa = "", exponent = ""] = value.toExponential(2).split("e");
    return `${Number(mantissa)}e${exponent.replace("+", "")}`;
  }
  return String(Number(value.toPrecision(4)));
}
