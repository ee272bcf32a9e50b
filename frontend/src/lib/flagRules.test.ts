import { describe, expect, it } from "vitest";
import { fromDraft, isFormField, toDraft, type FlagRules } from "./flagRules";

const DEFAULTS: FlagRules = {
  overfitting: {
    enabled: true,
    val_metric: "val_loss",
    train_metric: "train_loss",
    epochs: 3,
    min_rise: 0.05,
  },
  diverged: { enabled: true, metrics: ["train_loss", "val_loss"], factor: 3 },
  noisy: {
    enabled: false,
    metric: "val_loss",
    factor: 1.5,
    min_score: 0.5,
    min_points: 5,
    min_experiments: 3,
  },
  stalled: { enabled: true, metric: null, mode: null, epochs: 5, min_improvement: 0.001 },
};

describe("flag rules form model", () => {
  it("round-trips the rules through the form's text", () => {
    const draft = toDraft(DEFAULTS);
    expect(draft.diverged.values.metrics).toBe("train_loss, val_loss");
    expect(draft.stalled.values.metric).toBe("");
    expect(draft.noisy.enabled).toBe(false);
    expect(fromDraft(draft)).toEqual(DEFAULTS);
  });

  it("parses what was typed: numbers, lists, empty optional fields", () => {
    const draft = toDraft(DEFAULTS);
    draft.overfitting.values.epochs = " 4 ";
    draft.diverged.values.metrics = "loss,, eval_loss ";
    draft.stalled.values.metric = "val_accuracy";
    draft.stalled.values.mode = "max";
    const rules = fromDraft(draft);
    expect(rules.overfitting?.epochs).toBe(4);
    expect(rules.diverged?.metrics).toEqual(["loss", "eval_loss"]);
    expect(rules.stalled).toMatchObject({ metric: "val_accuracy", mode: "max" });
  });

  it("sends text that is not a number as typed, for the service to name the field", () => {
    const draft = toDraft(DEFAULTS);
    draft.overfitting.values.epochs = "three";
    expect(fromDraft(draft).overfitting?.epochs).toBe("three");
  });

  it("knows which error fields sit beside an input", () => {
    expect(isFormField("overfitting.epochs")).toBe(true);
    expect(isFormField("stalled.mode")).toBe(true);
    expect(isFormField("stalled.nope")).toBe(false);
    expect(isFormField(null)).toBe(false);
  });
});
