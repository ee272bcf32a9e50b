// @vitest-environment jsdom
import { act, fireEvent, render } from "@testing-library/react";
import { useState } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { REPLAY_STEP_MS, ReplayBar } from "./ReplayBar";

function Harness({ last }: { last: number }) {
  const [epoch, setEpoch] = useState<number | null>(null);
  return <ReplayBar last={last} epoch={epoch} onEpoch={setEpoch} />;
}

describe("ReplayBar", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("plays epoch by epoch from the first and stops at the last", () => {
    const { getByRole, getByTestId } = render(<Harness last={3} />);
    expect(getByTestId("replay-epoch").textContent).toBe("all 3 epochs");
    fireEvent.click(getByRole("button", { name: "Play" }));
    expect(getByTestId("replay-epoch").textContent).toBe("epoch 1 of 3");
    act(() => vi.advanceTimersByTime(REPLAY_STEP_MS));
    expect(getByTestId("replay-epoch").textContent).toBe("epoch 2 of 3");
    act(() => vi.advanceTimersByTime(REPLAY_STEP_MS * 5));
    expect(getByTestId("replay-epoch").textContent).toBe("epoch 3 of 3");
    expect(getByRole("button", { name: "Play" })).toBeTruthy();
  });

  it("pauses, scrubs, and shows everything again", () => {
    const { getByRole, getByLabelText, getByTestId } = render(<Harness last={5} />);
    fireEvent.click(getByRole("button", { name: "Play" }));
    fireEvent.click(getByRole("button", { name: "Pause" }));
    act(() => vi.advanceTimersByTime(REPLAY_STEP_MS * 3));
    expect(getByTestId("replay-epoch").textContent).toBe("epoch 1 of 5");
    fireEvent.change(getByLabelText("Replay epoch"), { target: { value: "4" } });
    expect(getByTestId("replay-epoch").textContent).toBe("epoch 4 of 5");
    fireEvent.click(getByRole("button", { name: "show all" }));
    expect(getByTestId("replay-epoch").textContent).toBe("all 5 epochs");
  });
});
