import { describe, expect, it } from "vitest";
import type { RunRead } from "../api/client";
import {
  emptyStopping,
  stoppingField,
  stoppingFromRun,
  stoppingRequest,
  toggleFlag,
} from "./earlyStopping";

describe("early stopping in the launch request", () => {
  it("asks for none by default", () => {
    expect(stoppingRequest(emptyStopping())).toEqual({ kind: "none" });
  });

  it("sends ASHA's numbers, by default 1, 2 and 100", () => {
    expect(stoppingRequest({ ...emptyStopping(), kind: "asha" })).toEqual({
      kind: "asha",
      grace_period: 1,
      reduction_factor: 2,
      max_t: 100,
    });
    const typed = { ...emptyStopping(), kind: "asha" as const, reductionFactor: " 3.5 " };
    expect(stoppingRequest(typed)).toMatchObject({ reduction_factor: 3.5 });
  });

  it("sends text that is not a number as is, so the API names the field", () => {
    const draft = { ...emptyStopping(), kind: "asha" as const, maxT: "lots", gracePeriod: "" };
    expect(stoppingRequest(draft)).toMatchObject({ max_t: "lots", grace_period: "" });
  });

  it("sends the checked flags in the catalogue's order, and no ASHA numbers", () => {
    const picked = toggleFlag(toggleFlag(emptyStopping(), "stalled", true), "diverged", true);
    const draft = { ...picked, kind: "flags" as const };
    expect(stoppingRequest(draft)).toEqual({ kind: "flags", flags: ["diverged", "stalled"] });
    expect(stoppingRequest(toggleFlag(draft, "stalled", false))).toEqual({
      kind: "flags",
      flags: ["diverged"],
    });
  });

  it("keeps the checked flags when switching kinds, but sends only the chosen kind", () => {
    const draft = { ...toggleFlag(emptyStopping(), "noisy", true), kind: "none" as const };
    expect(stoppingRequest(draft)).toEqual({ kind: "none" });
  });
});

describe("the next run's early stopping", () => {
  it("starts from the previous run's policy", () => {
    const asha = { kind: "asha", grace_period: 3, reduction_factor: 4, max_t: 30 } as const;
    expect(stoppingFromRun(asha)).toMatchObject({
      kind: "asha",
      gracePeriod: "3",
      reductionFactor: "4",
      maxT: "30",
    });
    const flags: RunRead["early_stopping"] = { kind: "flags", flags: ["overfitting"] };
    expect(stoppingFromRun(flags)).toMatchObject({ kind: "flags", flags: ["overfitting"] });
    expect(stoppingFromRun(undefined)).toEqual(emptyStopping());
  });
});

describe("early-stopping errors in the form", () => {
  it("names the field without the policy's tag or a list index", () => {
    expect(stoppingField("early_stopping.asha.max_t")).toBe("early_stopping.max_t");
    expect(stoppingField("early_stopping.max_t")).toBe("early_stopping.max_t");
    expect(stoppingField("early_stopping.asha")).toBe("early_stopping.max_t");
    expect(stoppingField("early_stopping")).toBe("early_stopping");
    expect(stoppingField("early_stopping.flags.flags")).toBe("early_stopping.flags");
    expect(stoppingField("early_stopping.flags.flags.0")).toBe("early_stopping.flags");
    expect(stoppingField("early_stopping.flags")).toBe("early_stopping.flags");
    expect(stoppingField("early_stopping.flags[1]")).toBe("early_stopping.flags");
    expect(stoppingField("samples")).toBe("samples");
  });
});
