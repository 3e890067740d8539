import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const SKIP_DIRS = new Set(["node_modules", "dist", "build", ".git", "coverage", "migrations"]);
const LIKELY_NAMES = /^(data-?source|datasource|ormconfig|database|db)\.(ts|js|mts|cts)$/i;

/**
 * Finds the project's TypeORM DataSource module for `retort init`: a file that
 * constructs `new DataSource(`, preferring conventional names, nearest to the root.
 * Returns a `./`-relative path, or undefined.
 */
export function findDataSourceFile(projectDir: string, maxFiles = 2000): string | undefined {
  const candidates: string[] = [];
  let seen = 0;
  const walk = (dir: string, depth: number): void => {
    if (depth > 4 || seen > maxFiles) return;
    for (const name of readdirSync(dir).sort()) {
      if (SKIP_DIRS.has(name) || name.startsWith(".")) continue;
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path, depth + 1);
      else if (/\.(ts|js|mts|cts)$/.test(name) && !name.endsWith(".d.ts") && stat.size < 200_000) {
        seen++;
        if (/new\s+DataSource\s*\(/.test(readFileSync(path, "utf8"))) candidates.push(path);
      }
    }
  };
  walk(projectDir, 0);
  const score = (p: string) => (LIKELY_NAMES.test(p.split("/").pop()!) ? 0 : 1) * 100 + p.split("/").length;
  const best = candidates.sort((a, b) => score(a) - score(b))[0];
  return best ? `./${relative(projectDir, best)}` : undefined;
}
