// @vitest-environment jsdom
import { render } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { describe, expect, it, vi } from "vitest";
import { RouteErrorPage } from "./RouteErrorPage";

function Broken(): never {
  throw new Error("the chart lost its scale");
}

function renderRoutes(path: string) {
  const router = createMemoryRouter(
    [{ path: "/broken", element: <Broken />, errorElement: <RouteErrorPage /> }],
    { initialEntries: [path] },
  );
  return render(<RouterProvider router={router} />);
}

describe("RouteErrorPage", () => {
  it("says what failed, with the way back, instead of the router's developer page", () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { getByRole } = renderRoutes("/broken");
    expect(getByRole("alert").textContent).toContain("the chart lost its scale");
    expect(getByRole("link").textContent).toContain("back to the projects");
  });

  it("calls an address without a route not found", () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const router = createMemoryRouter([{ path: "/", errorElement: <RouteErrorPage /> }], {
      initialEntries: ["/nowhere"],
    });
    const { getByRole } = render(<RouterProvider router={router} />);
    expect(getByRole("alert").textContent).toContain("Page not found");
  });
});
