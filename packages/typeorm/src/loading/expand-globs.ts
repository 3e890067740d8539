import { readdirSync } from "node:fs";
import { isAbsolute, join, resolve, sep } from "node:path";

const GLOB_CHARS = /[*?[\]{}]/;

/**
 * Files matching glob patterns (`*`, `**`, `?`, `[…]`, `{a,b}`), relative patterns
 * resolved against `baseDir`. Sorted, without duplicates. Node 20 has no `fs.glob`,
 * and a dependency for this would be the only one of the package. Like common glob
 * libraries, wildcards do not match names that start with a dot.
 */
export function expandGlobs(patterns: readonly string[], baseDir: string): string[] {
  const files = new Set<string>();
  for (const pattern of patterns) for (const f of expandGlob(pattern, baseDir)) files.add(f);
  return [...files].sort();
}

function expandGlob(pattern: string, baseDir: string): string[] {
  const absolute = (isAbsolute(pattern) ? pattern : resolve(baseDir, pattern)).split(sep).join("/");
  const segments = absolute.split("/");
  const firstGlob = segments.findIndex((s) => GLOB_CHARS.test(s));
  if (firstGlob === -1) return [resolve(absolute)];
  const root = segments.slice(0, firstGlob).join("/") || "/";
  const matcher = globToRegExp(segments.slice(firstGlob).join("/"));
  const recursive = segments.slice(firstGlob).some((s) => s === "**") || segments.length - firstGlob > 1;
  return walk(root, recursive)
    .filter((rel) => matcher.test(rel))
    .map((rel) => join(root, rel));
}

/** Relative paths (with `/`) of the files under `root`; only its direct entries unless `recursive`. */
function walk(root: string, recursive: boolean): string[] {
  const out: string[] = [];
  const visit = (dir: string, prefix: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const rel = prefix + e.name;
      if (e.isDirectory()) {
        if (recursive && e.name !== "node_modules" && !e.name.startsWith(".")) visit(join(dir, e.name), rel + "/");
      } else out.push(rel);
    }
  };
  visit(root, "");
  return out;
}

function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*" && glob[i + 1] === "*") {
      // `**/` matches zero or more directories; a trailing `**` anything below.
      const slash = glob[i + 2] === "/";
      re += slash ? "(?:[^/.][^/]*/)*" : ".*";
      i += slash ? 2 : 1;
    } else if (c === "*") re += i === 0 || glob[i - 1] === "/" ? "(?:[^/.][^/]*)?" : "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "{") {
      const end = glob.indexOf("}", i);
      re += `(?:${glob.slice(i + 1, end).split(",").map(escapeRegExp).join("|")})`;
      i = end;
    } else if (c === "[") {
      const end = glob.indexOf("]", i);
      re += `[${glob.slice(i + 1, end).replace(/^!/, "^")}]`;
      i = end;
    } else re += escapeRegExp(c);
  }
  return new RegExp(`^${re}$`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
