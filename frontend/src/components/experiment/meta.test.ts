import { describe, expect, it } from "vitest";
import { duration, shellLine } from "./meta";

describe("meta", () => {
  it("quotes only the arguments a shell would split", () => {
    expect(shellLine(["python", "train.py", "--lr", "0.001"])).toBe("python train.py --lr 0.001");
    expect(shellLine(["echo", "1; rm -rf ~", "it's"])).toBe(`echo '1; rm -rf ~' 'it'"'"'s'`);
  });

  it("tells durations in the largest useful unit", () => {
    const start = "2026-01-01T00:00:00Z";
    expect(duration(start, "2026-01-01T00:00:05.2Z")).toBe("5.2 s");
    expect(duration(start, "2026-01-01T00:03:04Z")).toBe("3 min 4 s");
    expect(duration(start, "2026-01-01T01:02:00Z")).toBe("1 h 2 min");
    expect(duration(null, null)).toBe("—");
  });
});
