import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

/** The TypeORM versions retort supports, as installed in the monorepo. */
export type TypeormVersion = "1.x" | "0.3";

const MONOREPO_MODULES = resolve(__dirname, "../../../../../node_modules");
const TYPEORM_PACKAGE: Readonly<Record<TypeormVersion, string>> = { "1.x": "typeorm", "0.3": "typeorm-0.3" };

/** A throwaway user project whose `node_modules/typeorm` is the chosen TypeORM. */
export interface FixtureProject {
  readonly dir: string;
  readonly typeorm: TypeormVersion;
  /** Writes a file (relative path) and returns its absolute path. */
  write(relative: string, text: string): string;
  remove(): void;
}

export function createFixtureProject(typeorm: TypeormVersion, files: Readonly<Record<string, string>> = {}): FixtureProject {
  const dir = mkdtempSync(join(tmpdir(), `retort-typeorm-${typeorm.replace(".", "")}-`));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(join(MONOREPO_MODULES, TYPEORM_PACKAGE[typeorm]), join(dir, "node_modules", "typeorm"), "dir");
  symlinkSync(join(MONOREPO_MODULES, "reflect-metadata"), join(dir, "node_modules", "reflect-metadata"), "dir");
  const project: FixtureProject = {
    dir,
    typeorm,
    write(relative, text) {
      const file = join(dir, relative);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      return file;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  for (const [relative, text] of Object.entries(files)) project.write(relative, text);
  return project;
}
