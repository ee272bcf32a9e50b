// @vitest-environment jsdom
import { act, fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { NewTokenNote } from "./NewTokenNote";

const TOKEN = {
  id: 7,
  name: "laptop",
  scope: "read",
  created_at: "2026-01-01T00:00:00Z",
  expires_at: null,
  token: "ht_secret_value",
};

describe("NewTokenNote", () => {
  it("shows the secret once and copies it", async () => {
    const writeText = vi.fn<(text: string) => Promise<void>>().mockResolvedValue(undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    render(<NewTokenNote token={TOKEN} onDismiss={vi.fn<() => void>()} />);

    expect(screen.getByLabelText("New token secret")).toHaveValue("ht_secret_value");
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Copy" })));
    expect(writeText).toHaveBeenCalledWith("ht_secret_value");
    expect(screen.getByText("copied")).toBeInTheDocument();
  });

  it("says to copy by hand when the clipboard refuses", async () => {
    const writeText = vi
      .fn<(text: string) => Promise<void>>()
      .mockRejectedValue(new Error("denied"));
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    render(<NewTokenNote token={TOKEN} onDismiss={vi.fn<() => void>()} />);

    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Copy" })));
    expect(screen.getByText("select the text and copy it")).toBeInTheDocument();
  });
});
