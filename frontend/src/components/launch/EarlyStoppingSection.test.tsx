// @vitest-environment jsdom
import { fireEvent, render } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { emptyForm, toRequest, type LaunchForm } from "../../lib/launchForm";
import { EarlyStoppingSection } from "./EarlyStoppingSection";

function renderSection(errors: Record<string, string> = {}) {
  const seen = vi.fn<(form: LaunchForm) => void>();
  function Harness() {
    const [form, setForm] = useState(emptyForm());
    const update = (patch: Partial<LaunchForm>) => {
      const next = { ...form, ...patch };
      seen(next);
      setForm(next);
    };
    const descriptions = new Map([["diverged", "a loss grew far beyond its best"]]);
    return <EarlyStoppingSection {...{ form, update, errors, descriptions }} />;
  }
  const view = render(<Harness />);
  const last = () => toRequest(seen.mock.calls.at(-1)![0]).early_stopping;
  return { ...view, last };
}

describe("EarlyStoppingSection", () => {
  it("stops on the checked flags, with what each means", () => {
    const { getByLabelText, getByText, last } = renderSection();
    fireEvent.change(getByLabelText("Early stopping"), { target: { value: "flags" } });
    expect(getByText("a loss grew far beyond its best")).toBeTruthy();
    fireEvent.click(getByLabelText("stop on diverged"));
    expect(last()).toEqual({ kind: "flags", flags: ["diverged"] });
  });

  it("asks ASHA's three numbers, starting at 1, 2 and 100", () => {
    const { getByLabelText, last } = renderSection();
    fireEvent.change(getByLabelText("Early stopping"), { target: { value: "asha" } });
    expect((getByLabelText("Reduction factor") as HTMLInputElement).value).toBe("2");
    fireEvent.change(getByLabelText("Max t"), { target: { value: "50" } });
    expect(last()).toEqual({ kind: "asha", grace_period: 1, reduction_factor: 2, max_t: 50 });
  });

  it("shows the API's error beside the field it names", () => {
    const { getByLabelText, getByRole } = renderSection({
      "early_stopping.max_t": "max_t must be at least grace_period",
    });
    fireEvent.change(getByLabelText("Early stopping"), { target: { value: "asha" } });
    expect(getByLabelText("Max t").getAttribute("aria-invalid")).toBe("true");
    expect(getByRole("alert").textContent).toContain("at least grace_period");
  });
});
