import { describe, expect, it } from "vitest";
import { roleAtLeast } from "./useProjectRole";

describe("roleAtLeast", () => {
  it("orders viewer < editor < owner", () => {
    expect(roleAtLeast("viewer", "editor")).toBe(false);
    expect(roleAtLeast("editor", "editor")).toBe(true);
    expect(roleAtLeast("owner", "editor")).toBe(true);
    expect(roleAtLeast("editor", "owner")).toBe(false);
    expect(roleAtLeast("viewer", "viewer")).toBe(true);
  });

  it("grants nothing while the role is unknown", () => {
    expect(roleAtLeast(undefined, "viewer")).toBe(false);
  });
});
