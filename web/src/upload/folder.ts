// A folder picked or dropped in the browser, zipped here (fflate) before upload. Only Python files are sent
// (the engine reads *.py and *.pyw only); .git, virtual environments, __pycache__ and node_modules are skipped.

export interface PickedFile {
  path: string; // relative, with "/"
  file: Blob;
}

const SKIP_DIRS = new Set([".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv", "venv", "env", ".env", ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages", ".idea", ".vscode"]);
const PYTHON = /\.(py|pyw)$/i;

/** Whether a folder name is left out (known tool folders, and any virtual environment by its marker name). */
export function skippedDir(name: string): boolean {
  return SKIP_DIRS.has(name) || /^\.?venv[\w.-]*$/i.test(name);
}

/** Whether a relative path is sent: a Python file under no skipped folder. */
export function keepPath(path: string): boolean {
  const parts = path.split("/").filter(Boolean);
  if (parts.length === 0) return false;
  const name = parts[parts.length - 1]!;
  if (!PYTHON.test(name)) return false;
  return !parts.slice(0, -1).some(skippedDir);
}

/** A file list from `<input webkitdirectory>`. */
export function fromFileList(list: FileList | File[]): PickedFile[] {
  return Array.from(list)
    .map((f) => ({ path: (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name, file: f }))
    .filter((p) => keepPath(p.path));
}

/** Walk a dropped directory (DataTransferItem.webkitGetAsEntry), skipping what keepPath refuses early. */
export async function fromEntry(root: FileSystemEntry): Promise<PickedFile[]> {
  const out: PickedFile[] = [];
  const walk = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    if (entry.isFile) {
      const path = prefix + entry.name;
      if (!keepPath(path)) return;
      const file = await new Promise<File>((res, rej) => (entry as FileSystemFileEntry).file(res, rej));
      out.push({ path, file });
      return;
    }
    if (skippedDir(entry.name)) return;
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    const children: FileSystemEntry[] = [];
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((res, rej) => reader.readEntries(res, rej));
      if (batch.length === 0) break;
      children.push(...batch);
    }
    for (const child of children) await walk(child, `${prefix}${entry.name}/`);
  };
  await walk(root, "");
  return out;
}

/** Zip the files (deflate); the top folder is kept, as `zip -r app.zip app` does. */
export async function zipFiles(files: PickedFile[]): Promise<Blob> {
  const { zipSync } = await import("fflate");
  const entries: Record<string, Uint8Array> = {};
  for (const f of files) entries[f.path] = new Uint8Array(await f.file.arrayBuffer());
  const data = zipSync(entries, { level: 6 });
  return new Blob([data], { type: "application/zip" });
}
