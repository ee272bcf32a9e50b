import { describe, expect, it } from "vitest";
import { canonical, decodeFloat, formatNumber, formatValue } from "./numbers";

describe("numbers", () => {
  it("decodes the API's non-finite strings; null is missing", () => {
    expect(decodeFloat("Infinity")).toBe(Infinity);
    expect(decodeFloat("-Infinity")).toBe(-Infinity);
    expect(decodeFloat("NaN")).toBeNaN();
    expect(decodeFloat(null)).toBeNaN();
    expect(decodeFloat(0.5)).toBe(0.5);
  });

  it("formats short labels", () => {
    expect(formatNumber(0.0001)).toBe("1e-4");
    expect(formatNumber(0.000125)).toBe("1.25e-4");
    expect(formatNumber(123456)).toBe("1.23e5");
    expect(formatNumber(0.93891)).toBe("0.9389");
    expect(formatNumber(Infinity)).toBe("+∞");
    expect(formatValue(null)).toBe("—");
    expect(formatValue(true)).toBe("true");
  });

  it("rounds like the service", () => {
    expect(canonical(0.1 + 0.2)).toBe(0.3);
  });
});
