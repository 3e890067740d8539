import { createHash } from "node:crypto";

/**
 * sha256 of a migration file. Line endings are normalised first, so a checkout with
 * `core.autocrlf` on another machine is not reported as an edit.
 */
export function checksumOf(source: string): string {
  return createHash("sha256").update(source.replace(/\r\n?/g, "\n"), "utf8").digest("hex");
}
