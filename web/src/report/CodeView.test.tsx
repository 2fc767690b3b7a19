import { describe, expect, it, vi, beforeAll } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { I18nProvider } from "@/i18n";
import { file } from "@/test/fixtures";
import { fakeLayout } from "@/test/layout";
import { CodeView } from "./CodeView";
import { lineMarks } from "./marks";

beforeAll(() => fakeLayout());

const source = ["import tkinter as tk", "", "def area(r):", "    return 3.14 * r * r", "", "def show(root):", "    tk.Label(root).pack()", ""].join("\n");
const f = file("app/calc.py", {
  ui_line_ranges: [
    [1, 1],
    [6, 7],
  ],
  functions: [
    { qualname: "area", lineno: 3, end_lineno: 4, pure: true, extractable: true, reasons: [], calls: [] },
    {
      qualname: "show",
      lineno: 6,
      end_lineno: 7,
      pure: false,
      extractable: false,
      reasons: [{ kind: "ui", lineno: 7, detail: "calls tk.Label" }],
      calls: [],
    },
  ],
});

describe("CodeView", () => {
  it("marks UI lines in the gutter and badges each def line with its verdict", async () => {
    const onFunction = vi.fn();
    const { container } = render(
      <I18nProvider lang="en">
        <CodeView source={source} marks={lineMarks(f, 7)} label="Source" onFunction={onFunction} highlight={4} />
      </I18nProvider>,
    );
    const ui = [...container.querySelectorAll("[data-ui=true]")].map((el) => el.getAttribute("data-line"));
    expect(ui).toEqual(["1", "6", "7"]);
    expect(container.querySelectorAll("[data-line]")).toHaveLength(7); // the trailing newline adds no line
    const pure = screen.getByRole("button", { name: /^area:\s*pure\s*·\s*extractable$/ });
    const impure = screen.getByRole("button", { name: /^show:\s*impure \(UI\)$/ });
    expect(pure.closest("[data-line]")!.getAttribute("data-line")).toBe("3");
    expect(impure.closest("[data-line]")!.getAttribute("data-line")).toBe("6");
    expect(container.querySelector("#L4")!.className).toMatch(/bg-primary/);
    await userEvent.click(impure);
    expect(onFunction).toHaveBeenCalledWith(f.functions[1]);
    expect(container.querySelector("#L3 .tok-kw")!.textContent).toBe("def");
  });

  it("renders only the lines on screen of a large file", () => {
    const big = Array.from({ length: 20_000 }, (_, i) => `x_${i} = ${i}`).join("\n");
    const { container } = render(
      <I18nProvider lang="en">
        <CodeView source={big} label="Big" />
      </I18nProvider>,
    );
    const n = container.querySelectorAll("[data-line]").length;
    expect(n).toBeGreaterThan(10);
    expect(n).toBeLessThan(200);
  });
});
