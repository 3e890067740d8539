import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { cleanEnv } from "./clean-env";
import { run, type Run } from "./run";

export const REPO = resolve(__dirname, "..", "..", "..", "..");
export const FIXTURES = join(REPO, "test", "fixtures");

/** The npm settings every fresh project shares: the local registry and one npm cache. */
export interface NpmSettings {
  readonly registry: string;
  readonly cache: string;
}

/**
 * A copy of a project in test/fixtures, as a user has it before adding retort: its own
 * package.json (no lockfile), sources and tsconfig. Values only known once the test
 * database exists are written as `__NAME__` placeholders and filled in by `fill`.
 */
export class FreshProject {
  private constructor(
    readonly dir: string,
    private readonly npm: NpmSettings,
  ) {}

  static copy(fixture: string, dir: string, npm: NpmSettings): FreshProject {
    cpSync(join(FIXTURES, fixture), dir, { recursive: true });
    return new FreshProject(dir, npm);
  }

  /** The environment of every npm, npx and retort run here, plus `extra`. */
  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return cleanEnv({ npm_config_registry: this.npm.registry, npm_config_cache: this.npm.cache, ...extra });
  }

  /** `npm install`: the project's own dependencies, resolved fresh (there is no lockfile). */
  installOwnDependencies(): Promise<Run> {
    return run("npm", ["install"], { cwd: this.dir, env: this.env(), timeoutMs: 20 * 60_000 });
  }

  /** `npm install -D @retort/cli`, exactly as the README says. */
  addRetort(): Promise<Run> {
    return run("npm", ["install", "-D", "@retort/cli"], { cwd: this.dir, env: this.env(), timeoutMs: 20 * 60_000 });
  }

  /** `npx <args>` in `sub` (a folder of the project). */
  npx(args: readonly string[], sub: string, env: Record<string, string>, timeoutMs = 180_000): Promise<Run> {
    return run("npx", args, { cwd: join(this.dir, sub), env: this.env(env), timeoutMs });
  }

  /**
   * A binary the project installed (`node_modules/.bin/<name>`, what `npx <name>` runs,
   * without npx's second or so of start-up per call), run in `sub`.
   */
  bin(name: string, args: readonly string[], sub: string, env: Record<string, string>, timeoutMs = 180_000): Promise<Run> {
    return run(join(this.dir, "node_modules", ".bin", name), args, { cwd: join(this.dir, sub), env: this.env(env), timeoutMs });
  }

  /** Replaces each `__NAME__` in the project's files by `values[NAME]`. */
  fill(values: Record<string, string>): void {
    for (const file of this.files()) {
      const text = readFileSync(file, "utf8");
      const filled = text.replace(/__([A-Z][A-Z0-9_]*)__/g, (whole, name: string) => values[name] ?? whole);
      if (filled !== text) writeFileSync(file, filled);
    }
  }

  /** Replaces `before` by `after` in a project file, which must contain `before`. */
  edit(file: string, before: string, after: string): void {
    const path = join(this.dir, file);
    const text = readFileSync(path, "utf8");
    if (!text.includes(before)) throw new Error(`${file} does not contain:\n${before}`);
    writeFileSync(path, text.replace(before, after));
  }

  read(file: string): string {
    return readFileSync(join(this.dir, file), "utf8");
  }

  /** The project's files, node_modules left out, as absolute paths. */
  private files(dir = this.dir): string[] {
    return readdirSync(dir).flatMap((name) => {
      if (name === "node_modules") return [];
      const path = join(dir, name);
      return statSync(path).isDirectory() ? this.files(path) : [path];
    });
  }

  /** The `.ts` files in a migrations folder of the project (relative to the project). */
  migrationFiles(folder: string): string[] {
    const dir = join(this.dir, folder);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((f) => f.endsWith(".ts"))
      .map((f) => relative(this.dir, join(dir, f)));
  }
}
