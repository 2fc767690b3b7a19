// pure_functions.zip read in the browser (fflate, loaded with the extraction chunk only).
import { strFromU8, unzipSync } from "fflate";

export interface ZipText {
  path: string;
  text: string;
}

/** Every file of the archive as text (UTF-8), folders left out, sorted by path. */
export function readZip(data: ArrayBuffer | Uint8Array): ZipText[] {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const entries = unzipSync(bytes);
  return Object.entries(entries)
    .filter(([path]) => !path.endsWith("/"))
    .map(([path, content]) => ({ path, text: strFromU8(content) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)); // code-point order: the same in every locale
}
