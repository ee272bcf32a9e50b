// @vitest-environment jsdom
import { render } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router";
import { describe, expect, it, vi } from "vitest";
import { WithRouteId } from "./WithRouteId";

function renderAt(path: string) {
  const page = vi.fn<(id: number) => string>((id) => `project ${id}`);
  const view = render(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route
          path="/projects/:projectId"
          element={
            <WithRouteId name="projectId" what="project">
              {page}
            </WithRouteId>
          }
        />
      </Routes>
    </MemoryRouter>,
  );
  return { ...view, page };
}

describe("WithRouteId", () => {
  it("renders the page with the route's id", () => {
    const { getByText } = renderAt("/projects/12");
    expect(getByText("project 12")).toBeTruthy();
  });

  it("says not found, with the way back, for an id that is no number", () => {
    const { getByRole, page } = renderAt("/projects/abc");
    expect(getByRole("alert").textContent).toContain("No such project");
    expect(getByRole("link").getAttribute("href")).toBe("/");
    expect(page).not.toHaveBeenCalled();
  });
});
