import { readFileSync } from "node:fs";
import type { ScriptDirectory } from "@retort/runtime";

/** `op.createView("name"` / `op.replaceView("name"`, as codegen writes them (and users too). */
const VIEW_CALL = /\b(?:createView|replaceView)\(\s*(["'`])((?:\\.|(?!\1)[^\\])*)\1/g;

/**
 * Names of the views the project's migrations create. Those are retort's: when no entity
 * declares one any more, autogen drops it. Any other view in the database was made by
 * hand (or by another tool) and is left alone unless `includeObject` opts in (README "Views").
 * Read from the files' text: a migration is never run to learn what it does.
 */
export function viewsCreatedByMigrations(scripts: ScriptDirectory): Set<string> {
  const names = new Set<string>();
  for (const script of scripts.scripts.values()) {
    let text: string;
    try {
      text = readFileSync(script.file, "utf8");
    } catch {
      continue;
    }
    for (const match of text.matchAll(VIEW_CALL)) names.add(JSON.parse(`"${match[2]!.replace(/"/g, '\\"')}"`) as string);
  }
  return names;
}
