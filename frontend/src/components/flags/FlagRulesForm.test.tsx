// @vitest-environment jsdom
import { fireEvent, render, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/client";
import type { FlagRules } from "../../lib/flagRules";
import { FlagRulesForm } from "./FlagRulesForm";

const RULES: FlagRules = {
  overfitting: {
    enabled: true,
    val_metric: "val_loss",
    train_metric: "train_loss",
    epochs: 3,
    min_rise: 0.05,
  },
  diverged: { enabled: true, metrics: ["train_loss"], factor: 3 },
  noisy: {
    enabled: true,
    metric: "val_loss",
    factor: 1.5,
    min_score: 0.5,
    min_points: 5,
    min_experiments: 3,
  },
  stalled: { enabled: true, metric: null, mode: null, epochs: 5, min_improvement: 0.001 },
};

function renderForm(props: Partial<Parameters<typeof FlagRulesForm>[0]> = {}) {
  const onSave = vi.fn<(rules: FlagRules) => void>();
  const view = render(
    <FlagRulesForm
      rules={RULES}
      descriptions={new Map([["stalled", "no improvement of the objective for N epochs"]])}
      canEdit
      busy={false}
      error={null}
      onSave={onSave}
      {...props}
    />,
  );
  return { ...view, onSave };
}

describe("FlagRulesForm", () => {
  it("saves what was changed, with the rest as it was", () => {
    const { getByRole, onSave } = renderForm();
    const stalled = getByRole("group", { name: "stalled rule" });
    expect(stalled).toHaveTextContent("no improvement of the objective");
    fireEvent.change(within(stalled).getByLabelText("epochs without improvement"), {
      target: { value: "8" },
    });
    fireEvent.click(within(getByRole("group", { name: "noisy rule" })).getByRole("checkbox"));
    fireEvent.click(getByRole("button", { name: "Save rules" }));

    const saved = onSave.mock.calls[0]![0];
    expect(saved.stalled).toMatchObject({ epochs: 8, metric: null });
    expect(saved.noisy?.enabled).toBe(false);
    expect(saved.overfitting).toEqual(RULES.overfitting);
  });

  it("shows the API's error beside its field", () => {
    const error = new ApiError(422, "invalid_input", "must be at least 1", "overfitting.epochs");
    const { getByRole } = renderForm({ error });
    const overfitting = getByRole("group", { name: "overfitting rule" });
    expect(within(overfitting).getByRole("alert")).toHaveTextContent("must be at least 1");
    expect(within(overfitting).getByLabelText("epochs of rise")).toHaveAttribute(
      "aria-invalid",
      "true",
    );
  });

  it("is read-only for viewers", () => {
    const { queryByRole, getByLabelText } = renderForm({ canEdit: false });
    expect(queryByRole("button", { name: "Save rules" })).toBeNull();
    expect(getByLabelText("epochs of rise")).toBeDisabled();
  });
});
