// @vitest-environment jsdom
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { MemberRead } from "../../hooks/accessApi";
import { MemberList } from "./MemberList";

const MEMBERS: MemberRead[] = [
  { user_id: 1, username: "ada", role: "owner", added_at: "2026-01-01T00:00:00Z" },
  { user_id: 2, username: "bob", role: "viewer", added_at: "2026-01-02T00:00:00Z" },
];

describe("MemberList", () => {
  it("lets owners change roles and remove members", () => {
    const onRole = vi.fn<(userId: number, role: string) => void>();
    const onRemove = vi.fn<(userId: number) => void>();
    render(
      <MemberList members={MEMBERS} canManage busy={false} onRole={onRole} onRemove={onRemove} />,
    );

    fireEvent.change(screen.getByLabelText("Role of bob"), { target: { value: "editor" } });
    expect(onRole).toHaveBeenCalledWith(2, "editor");
    fireEvent.click(screen.getByRole("button", { name: "Remove ada" }));
    expect(onRemove).toHaveBeenCalledWith(1);
  });

  it("shows roles as text, without controls, to non-owners", () => {
    render(
      <MemberList
        members={MEMBERS}
        canManage={false}
        busy={false}
        onRole={vi.fn<(userId: number, role: string) => void>()}
        onRemove={vi.fn<(userId: number) => void>()}
      />,
    );

    expect(screen.getByTestId("member-bob")).toHaveTextContent("viewer");
    expect(screen.queryByRole("combobox")).toBeNull();
    expect(screen.queryByRole("button")).toBeNull();
  });
});
