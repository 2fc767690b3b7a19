import { beforeAll, describe, expect, it } from "vitest";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes, useLocation } from "react-router-dom";
import type { AnalysisResult, JobStatusOut } from "@/api/types";
import { I18nProvider } from "@/i18n";
import { file } from "@/test/fixtures";
import { fakeLayout } from "@/test/layout";
import { ReportContext } from "./context";
import FilesTable from "./FilesTable";

beforeAll(() => fakeLayout(1400, 900));

const files = [
  file("app/gui/main_window.py", { classification: "UI", ui_pct: 80, sloc: 300, web_ready: false, toolkits: ["tkinter"] }),
  file("app/gui/dialog.py", { classification: "Mixed", ui_pct: 40, sloc: 120, web_ready: false, toolkits: ["tkinter"] }),
  file("app/core/calc.py", { sloc: 200 }),
  file("app/core/files.py", { sloc: 150, web_ready: false, web_ready_blockers: [{ lineno: 9, detail: "os.startfile opens a desktop application" }] }),
];
const result = { schema_version: 1, job_id: "j", name: "app", created_at: "", processing_time: 1, summary: {} as never, files, skipped: [{ path: "big.py", reason: "larger than 5 MB" }] } as AnalysisResult;
const job = { job_id: "j", permissions: { can_view: true, can_download: true, can_share: false, can_delete: true } } as JobStatusOut;

function Where() {
  const l = useLocation();
  return <output data-testid="where">{l.pathname + l.search}</output>;
}

function renderAt(url: string) {
  return render(
    <I18nProvider lang="en">
      <MemoryRouter initialEntries={[url]}>
        <ReportContext.Provider value={{ job, result, base: "/jobs/j" }}>
          <Routes>
            <Route path="/jobs/j/files" element={<><FilesTable /><Where /></>} />
          </Routes>
        </ReportContext.Provider>
      </MemoryRouter>
    </I18nProvider>,
  );
}

const paths = () =>
  within(screen.getByRole("table", { name: "Files" }))
    .getAllByRole("link")
    .map((a) => a.textContent);

describe("files table", () => {
  it("filters by classification, web ready and path, and keeps the filters in the URL", async () => {
    renderAt("/jobs/j/files");
    expect(screen.getByText("4 of 4 files")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "UI" }));
    expect(paths()).toEqual(["app/gui/main_window.py"]);
    expect(screen.getByTestId("where").textContent).toBe("/jobs/j/files?class=UI");
    await userEvent.click(screen.getByRole("button", { name: "Mixed" }));
    expect(paths()).toEqual(["app/gui/dialog.py", "app/gui/main_window.py"]);
    await userEvent.click(screen.getByRole("button", { name: "Clear filters" }));
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Web ready" }), "yes");
    expect(paths()).toEqual(["app/core/calc.py"]);
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Web ready" }), "");
    await userEvent.type(screen.getByRole("searchbox"), "core fil");
    expect(paths()).toEqual(["app/core/files.py"]);
    expect(screen.getByText("1 of 4 files")).toBeInTheDocument();
  });

  it("opens with the filters of a link and sorts by a column", async () => {
    renderAt("/jobs/j/files?tk=tkinter&sort=sloc&dir=desc");
    expect(paths()).toEqual(["app/gui/main_window.py", "app/gui/dialog.py"]);
    const header = screen.getByRole("columnheader", { name: /SLOC/ });
    expect(header).toHaveAttribute("aria-sort", "descending");
    await userEvent.click(within(header).getByRole("button"));
    expect(paths()).toEqual(["app/gui/dialog.py", "app/gui/main_window.py"]);
    expect(header).toHaveAttribute("aria-sort", "ascending");
  });

  it("says so when nothing matches, and lists skipped files", async () => {
    renderAt("/jobs/j/files?q=nothing");
    expect(screen.getByText("No file matches these filters.")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: /Skipped files/ })).toBeInTheDocument();
    expect(screen.getByText("big.py")).toBeInTheDocument();
  });
});
