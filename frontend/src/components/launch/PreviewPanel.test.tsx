// @vitest-environment jsdom
import { render } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import { PreviewPanel } from "./PreviewPanel";

function renderPanel(problem?: string, loading = false) {
  return render(
    <MemoryRouter>
      <PreviewPanel
        preview={undefined}
        loading={loading}
        repeatExisting={false}
        previous={undefined}
        problem={problem}
      />
    </MemoryRouter>,
  );
}

describe("PreviewPanel", () => {
  it("says why there is no preview while the form has an error", () => {
    const view = renderPanel("params.lr: step must not be zero");
    expect(view.getByTestId("preview-problem").textContent).toBe(
      "No preview until this is fixed: params.lr: step must not be zero",
    );
    expect(view.queryByText(/Fill in the form/)).toBeNull();
  });

  it("asks for the form while there is nothing to preview", () => {
    expect(renderPanel().getByText("Fill in the form to see what would run.")).toBeTruthy();
    expect(renderPanel(undefined, true).getAllByText("Computing the preview…")).toHaveLength(1);
  });
});
