import { describe, expect, it } from "vitest";
import { addParam, flagFor, placeholders, removeParam, renameParam, syncCommand } from "./command";

describe("command template", () => {
  it("appends a flag for a new hyperparameter", () => {
    expect(addParam("python train.py", "batch_size")).toBe(
      "python train.py --batch-size {batch_size}",
    );
    expect(flagFor("lr")).toBe("--lr");
  });

  it("leaves a template that already uses the placeholder", () => {
    expect(addParam("python train.py --lr={lr}", "lr")).toBe("python train.py --lr={lr}");
  });

  it("removes the flag and placeholder, keeping extra arguments", () => {
    const command = "python train.py --lr {lr} --seed 3 --bs={bs} --verbose";
    expect(removeParam(command, "lr")).toBe("python train.py --seed 3 --bs={bs} --verbose");
    expect(removeParam(command, "bs")).toBe("python train.py --lr {lr} --seed 3 --verbose");
  });

  it("renames the placeholder and the flag it wrote", () => {
    const command = "python train.py --l {l} --epochs 3 --tag run-{l}";
    expect(renameParam(command, "l", "learning_rate")).toBe(
      "python train.py --learning-rate {learning_rate} --epochs 3 --tag run-{learning_rate}",
    );
  });

  it("keeps a hand-written flag when renaming", () => {
    expect(renameParam("train --LR {lr}", "lr", "rate")).toBe("train --LR {rate}");
  });

  it("treats doubled braces as literal text", () => {
    expect(placeholders("echo {{not}} {yes}")).toEqual(["yes"]);
  });

  it("syncs a list of names", () => {
    const command = syncCommand("python t.py --x {x} --keep", ["x"], ["y", "z"]);
    expect(command).toBe("python t.py --keep --y {y} --z {z}");
  });
});
