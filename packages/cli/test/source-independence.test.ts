import { expect } from "chai";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/** packages/cli/src, from packages/cli/dist/test. */
const CLI_SRC = join(__dirname, "..", "..", "src");

/** Every module specifier a file imports, re-exports, requires or `import()`s by a literal. */
function specifiers(text: string): string[] {
  const found: string[] = [];
  const patterns = [/\b(?:import|export)\s[^;]*?\sfrom\s+["']([^"']+)["']/g, /\bimport\s+["']([^"']+)["']/g, /\b(?:require|import)\s*\(\s*["']([^"']+)["']\s*\)/g];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.push(m[1]!);
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((n) => n.endsWith(".ts"))
    .map((n) => join(dir, n));
}

/** A model source's own code: TypeORM itself, a source package, or a file inside one. */
const SOURCE_SPECIFIC = /^(typeorm(\/|$)|@retort\/(typeorm|prisma)(\/|$)|@prisma\/|.*\/(typeorm|prisma)\/src(\/|$))/;

describe("the CLI behind the ModelSource port (docs/architecture.md, \"Adding a model source\")", () => {
  it("imports neither TypeORM nor any model source's package: sources are reached through the registry", () => {
    const files = sourceFiles(CLI_SRC);
    expect(files.length).to.be.greaterThan(20);
    const offending = files.flatMap((file) =>
      specifiers(readFileSync(file, "utf8"))
        .filter((s) => SOURCE_SPECIFIC.test(s))
        .map((s) => `${relative(CLI_SRC, file)} imports ${s}`),
    );
    expect(offending).to.deep.equal([]);
  });

  it("the check itself finds such an import", () => {
    expect(specifiers('import { DataSource } from "typeorm";\nconst x = require("@retort/typeorm");').filter((s) => SOURCE_SPECIFIC.test(s))).to.deep.equal([
      "typeorm",
      "@retort/typeorm",
    ]);
  });

  it("each package the registry names exports a ModelSourceKind", () => {
    const registry = readFileSync(join(CLI_SRC, "project", "model-sources.ts"), "utf8");
    const packages = [...registry.matchAll(/packageName:\s*"([^"]+)"/g)].map((m) => m[1]!);
    expect(packages).to.deep.equal(["@retort/prisma", "@retort/typeorm"]);
    for (const name of packages) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const kind = (require(name) as { modelSourceKind?: { name?: unknown; open?: unknown; watchFolders?: unknown } }).modelSourceKind;
      expect(typeof kind?.name, name).to.equal("string");
      expect(typeof kind?.open, name).to.equal("function");
      expect(typeof kind?.watchFolders, name).to.equal("function");
    }
  });
});
