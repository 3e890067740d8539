import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * Finds a Prisma schema where Prisma looks by default, for `retort init`:
 * `prisma/schema.prisma`, else a `prisma/schema/` folder of `.prisma` files (a multi-file
 * schema). Returns a `./`-relative path, or undefined.
 */
export function findPrismaSchema(projectDir: string): string | undefined {
  if (existsSync(join(projectDir, "prisma", "schema.prisma"))) return "./prisma/schema.prisma";
  const folder = join(projectDir, "prisma", "schema");
  try {
    if (statSync(folder).isDirectory() && readdirSync(folder).some((n) => n.endsWith(".prisma"))) return "./prisma/schema";
  } catch {
    // no such folder
  }
  return undefined;
}
