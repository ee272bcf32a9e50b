import { describe, expect, it } from "vitest";
import type { LockRead, RunRead } from "../api/client";
import { ApiError } from "../api/client";
import {
  applyLock,
  emptyForm,
  fieldErrors,
  formFromRun,
  shownBesideField,
  toRequest,
} from "./launchForm";
import { newParam } from "./spec";

const lock = (name: string, fields: Partial<LockRead>): LockRead => ({
  name,
  low: null,
  high: null,
  values: null,
  locked_by: "admin",
  locked_at: "2026-01-01T00:00:00Z",
  ...fields,
});

const run = {
  id: 3,
  name: "first",
  command: "python train.py --bs {bs} --lr {lr} --act {act}",
  workdir: "/work",
  spec: {
    bs: { from: 16, to: 128, step: "*2" },
    lr: { from: 0.0001, to: 0.1, count: 4, scale: "log" },
    act: ["relu", "tanh"],
  },
  strategy: "grid",
  samples: null,
  seed: null,
  objective_metric: "val_accuracy",
  objective_mode: "max",
  max_concurrent: 2,
  data_fingerprints: {},
} as unknown as RunRead;

describe("the next launch form", () => {
  it("narrows locked hyperparameters and fixes the others at the experiment's values", () => {
    const form = formFromRun(run, [lock("bs", { low: 30.2, high: 64 })], {
      bs: 32,
      lr: 0.001,
      act: "tanh",
    });
    const request = toRequest(form);
    expect(request.params).toEqual({
      bs: { from: 31, to: 64, step: "*2" },
      lr: [0.001],
      act: ["tanh"],
    });
    expect(request.command).toBe(run.command);
    expect(request.objective).toEqual({ metric: "val_accuracy", mode: "max" });
  });

  it("keeps the previous ranges when there is neither lock nor experiment", () => {
    expect(toRequest(formFromRun(run, [], null)).params).toEqual(run.spec);
  });

  it("locks a categorical hyperparameter to its values", () => {
    const form = formFromRun(run, [lock("act", { values: ["relu"] })], null);
    expect(toRequest(form).params?.act).toEqual(["relu"]);
  });

  it("keeps listed values inside a locked range", () => {
    const draft = newParam("d", { values: "0.1, 0.3, 0.5, 0.7" });
    expect(applyLock(draft, lock("d", { low: 0.2, high: 0.6 })).values).toBe("0.3, 0.5");
  });

  it("collapses a log count on a single locked value", () => {
    const draft = newParam("lr", { mode: "log", from: "0.0001", to: "0.1", count: "4" });
    expect(applyLock(draft, lock("lr", { low: 0.01, high: 0.01 }))).toMatchObject({
      from: "0.01",
      to: "0.01",
      count: "1",
    });
  });

  it("sends text that is not a number as is, so the API names the field", () => {
    const form = { ...formFromRun(run, [], null), maxConcurrent: "many" };
    expect(toRequest(form).max_concurrent).toBe("many");
  });

  it("sends the early stopping chosen, none by default", () => {
    expect(toRequest(emptyForm()).early_stopping).toEqual({ kind: "none" });
    const form = emptyForm();
    const stopping = { ...form.stopping, kind: "flags" as const, flags: ["diverged" as const] };
    expect(toRequest({ ...form, stopping }).early_stopping).toEqual({
      kind: "flags",
      flags: ["diverged"],
    });
  });

  it("keeps the previous run's early stopping", () => {
    const asha = { kind: "asha", grace_period: 2, reduction_factor: 3, max_t: 20 } as const;
    const request = toRequest(formFromRun({ ...run, early_stopping: asha }, [], null));
    expect(request.early_stopping).toEqual(asha);
  });
});

describe("API errors in the form", () => {
  it("puts a hyperparameter's error under the part it names", () => {
    const error = new ApiError(422, "invalid_input", "step must not be zero", "params.lr.step");
    expect(fieldErrors(error)).toEqual({
      form: {},
      params: { lr: { step: "step must not be zero" } },
    });
    const listed = new ApiError(422, "invalid_input", "bad", "params.bs.values[1]");
    expect(fieldErrors(listed).params).toEqual({ bs: { values: "bad" } });
    expect(fieldErrors(new ApiError(422, "x", "bad", "params.bs")).params).toEqual({
      bs: { "": "bad" },
    });
  });

  it("keeps other fields by their path, and ignores errors without one", () => {
    const error = new ApiError(422, "invalid_input", "unknown placeholder", "command");
    expect(fieldErrors(error).form).toEqual({ command: "unknown placeholder" });
    expect(fieldErrors(new Error("offline"))).toEqual({ form: {}, params: {} });
  });

  it("puts an early-stopping error beside its field, without the policy's tag", () => {
    const error = new ApiError(422, "invalid_input", "too small", "early_stopping.asha.max_t");
    expect(fieldErrors(error).form).toEqual({ "early_stopping.max_t": "too small" });
    const flags = new ApiError(422, "invalid_input", "pick one", "early_stopping.flags.flags");
    expect(fieldErrors(flags).form).toEqual({ "early_stopping.flags": "pick one" });
    expect(shownBesideField(error)).toBe(true);
  });

  it("leaves errors of fields the form does not show to a note of their own", () => {
    expect(shownBesideField(new ApiError(422, "x", "bad", "objective.mode"))).toBe(false);
    expect(shownBesideField(new ApiError(422, "x", "bad", "params.lr.step"))).toBe(true);
    expect(shownBesideField(new ApiError(500, "x", "boom"))).toBe(false);
  });
});
