import { describe, expect, it } from "vitest";
import { zipSync, strToU8 } from "fflate";
import { parseManifest, unitCode, type Unit } from "./extraction-data";
import { readZip } from "./zip";

const module = [
  '"""Pure functions extracted by purelift from core/calc.py."""',
  "import math",
  "",
  "# from core/calc.py lines 3-4",
  "def area(r):",
  "    return math.pi * r * r",
  "",
  "",
  "# from core/calc.py lines 7-8",
  "def double(x):",
  "    return 2 * x",
  "",
].join("\n");
const unit: Unit = { source_path: "core/calc.py", qualname: "area", lines: [3, 4], target_module: "core/calc_pure.py", name: "area", dependencies: ["math"] };

describe("extraction preview data", () => {
  it("unzips the archive in the browser and reads its manifest", () => {
    const manifest = { units: [unit], not_extracted: [{ source_path: "core/calc.py", qualname: "Calc.show", reason: "uses self" }] };
    const bytes = zipSync({
      "core/calc_pure.py": strToU8(module),
      "core/": new Uint8Array(),
      "manifest.json": strToU8(JSON.stringify(manifest)),
      "README.md": strToU8("# 한국어 README"),
    });
    const files = readZip(bytes);
    expect(files.map((f) => f.path)).toEqual(["README.md", "core/calc_pure.py", "manifest.json"]);
    expect(files[0]!.text).toBe("# 한국어 README");
    expect(parseManifest(files)).toEqual(manifest);
    expect(parseManifest([])).toBeNull();
  });

  it("cuts one unit's code out of its module by its `# from` comment", () => {
    expect(unitCode(module, unit)).toBe("# from core/calc.py lines 3-4\ndef area(r):\n    return math.pi * r * r");
    expect(unitCode(module, { ...unit, lines: [7, 8] })).toBe("# from core/calc.py lines 7-8\ndef double(x):\n    return 2 * x");
    expect(unitCode(module, { ...unit, lines: [1, 2] })).toBeNull();
  });
});
