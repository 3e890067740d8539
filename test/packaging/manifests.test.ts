// The published packages' manifests (issue 9, "installable exactly as the README says"):
// what a registry user gets must run without this repo around it. The end-to-end shapes
// (test/e2e) install them for real; these checks name the exact field that is wrong.
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { isBuiltin } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const REPO = resolve(__dirname, "..", "..", "..");

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  main?: string;
  types?: string;
  exports?: Record<string, string | { types: string; default: string }>;
  bin?: Record<string, string>;
  files?: string[];
  publishConfig?: { access?: string };
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const read = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;
const workspaces = (read(REPO) as Manifest & { workspaces: string[] }).workspaces.map((ws) => ({ dir: join(REPO, ws), manifest: read(join(REPO, ws)) }));
const published = workspaces.filter((w) => !w.manifest.private);
const byName = new Map(workspaces.map((w) => [w.manifest.name, w.manifest]));

function jsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsFiles(path);
    return path.endsWith(".js") ? [path] : [];
  });
}

/** The packages a compiled file loads by name: require("x"), require.resolve("x"), import("x"). */
function requiredPackages(file: string): string[] {
  const source = readFileSync(file, "utf8");
  const names = [...source.matchAll(/\b(?:require|require\.resolve|import)\(\s*["']([^"'./\s][^"'\s]*)["']/g)].map((m) => m[1]!);
  return names.filter((n) => !isBuiltin(n)).map((n) => (n.startsWith("@") ? n.split("/").slice(0, 2).join("/") : n.split("/")[0]!));
}

/** The files a package publishes: its `files` entries (folders or files) and package.json. */
function isPublished(manifest: Manifest, path: string): boolean {
  const clean = path.replace(/^\.\//, "");
  return (manifest.files ?? []).some((f) => clean === f || clean.startsWith(`${f}/`));
}

describe("published package manifests", () => {
  it("@retort/testing stays private and nothing published depends on it", () => {
    expect(byName.get("@retort/testing")?.private).to.equal(true);
    for (const { manifest } of published) {
      expect(Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }), manifest.name).to.not.include("@retort/testing");
    }
  });

  for (const { dir, manifest } of published) {
    describe(manifest.name, () => {
      it("publishes publicly, at the repo's version", () => {
        expect(manifest.publishConfig?.access).to.equal("public");
        expect(manifest.version).to.equal((JSON.parse(readFileSync(join(REPO, "lerna.json"), "utf8")) as { version: string }).version);
      });

      it("main, types, exports and bin name built files that it publishes", () => {
        const targets = [manifest.main, manifest.types, ...Object.values(manifest.bin ?? {})];
        for (const entry of Object.values(manifest.exports ?? {})) {
          targets.push(...(typeof entry === "string" ? [entry] : [entry.types, entry.default]));
        }
        expect(manifest.exports?.["."], "exports['.']").to.deep.equal({ types: manifest.types, default: manifest.main });
        for (const target of targets) {
          if (!target || target === "./package.json") continue;
          expect(existsSync(join(dir, target)), `${target} exists (after tsc -b)`).to.equal(true);
          expect(isPublished(manifest, target), `${target} is in files ${JSON.stringify(manifest.files)}`).to.equal(true);
        }
        for (const bin of Object.values(manifest.bin ?? {})) {
          expect(readFileSync(join(dir, bin), "utf8").startsWith("#!/usr/bin/env node\n"), `${bin} starts with a node shebang`).to.equal(true);
        }
      });

      it("declares every package its compiled code loads, as a dependency or a peer", () => {
        const declared = new Set([manifest.name, ...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
        const files = [...jsFiles(join(dir, "dist", "src")), ...Object.values(manifest.bin ?? {}).map((b) => join(dir, b))];
        expect(files, "compiled files (run tsc -b)").to.not.be.empty;
        const missing = files.flatMap((f) => requiredPackages(f).filter((p) => !declared.has(p)).map((p) => `${p} (${f.slice(dir.length + 1)})`));
        expect([...new Set(missing)], "loaded but not declared").to.deep.equal([]);
      });

      it("depends on the other @retort packages by a caret range on their version", () => {
        for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
          if (!name.startsWith("@retort/")) continue;
          expect(range, `${manifest.name} → ${name}`).to.equal(`^${byName.get(name)!.version}`);
        }
      });
    });
  }

  it("TypeORM is a required peer, the drivers optional peers, with one range each across packages", () => {
    const cli = byName.get("@retort/cli")!;
    const dialects = byName.get("@retort/dialects")!;
    const typeorm = byName.get("@retort/typeorm")!;
    expect(cli.peerDependencies?.typeorm).to.equal(typeorm.peerDependencies?.typeorm);
    expect(cli.peerDependenciesMeta?.typeorm?.optional ?? false).to.equal(false);
    for (const driver of ["pg", "mysql2", "better-sqlite3", "sqlite3"]) {
      expect(cli.peerDependencies?.[driver], `${driver} range`).to.equal(dialects.peerDependencies?.[driver]).and.to.be.a("string");
      expect(cli.peerDependenciesMeta?.[driver]?.optional, `${driver} optional in cli`).to.equal(true);
      expect(dialects.peerDependenciesMeta?.[driver]?.optional, `${driver} optional in dialects`).to.equal(true);
    }
  });

  it("npm run pack writes one tarball per published package, with its entry points", function () {
    this.timeout(120_000);
    const dest = mkdtempSync(join(tmpdir(), "retort-packs-"));
    try {
      const run = spawnSync(process.execPath, [join(REPO, "scripts", "dist", "pack", "run.js"), dest], { cwd: REPO, encoding: "utf8" });
      expect(run.status, run.stderr).to.equal(0);
      const tarballs = readdirSync(dest).sort();
      expect(tarballs).to.deep.equal(published.map((w) => `${w.manifest.name.replace("@", "").replace("/", "-")}-${w.manifest.version}.tgz`).sort());
      for (const { manifest } of published) {
        const tarball = join(dest, `${manifest.name.replace("@", "").replace("/", "-")}-${manifest.version}.tgz`);
        const listed = spawnSync("tar", ["-tzf", tarball], { encoding: "utf8" }).stdout.split("\n");
        for (const file of ["package.json", manifest.main!, manifest.types!, ...Object.values(manifest.bin ?? {})]) {
          expect(listed, `${manifest.name} tarball`).to.include(`package/${file.replace(/^\.\//, "")}`);
        }
        expect(listed.filter((f) => f.includes("/test/")), `${manifest.name} ships no tests`).to.deep.equal([]);
      }
    } finally {
      rmSync(dest, { recursive: true, force: true });
    }
  });
});
