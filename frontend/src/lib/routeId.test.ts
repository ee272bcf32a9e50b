import { describe, expect, it } from "vitest";
import { parseRouteId } from "./routeId";

describe("a route's id", () => {
  it("is the positive integer the route names", () => {
    expect(parseRouteId("12")).toBe(12);
  });

  it("is null for anything else, so the page asks the API nothing", () => {
    for (const text of ["abc", "", "0", "-3", "1.5", "1e3", " 7", "07", "99999999999999999"]) {
      expect(parseRouteId(text)).toBeNull();
    }
    expect(parseRouteId(undefined)).toBeNull();
    expect(parseRouteId(null)).toBeNull();
  });
});
