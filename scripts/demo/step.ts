import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO } from "./demo-project";

const BIN = join(REPO, "packages", "cli", "bin", "retort.js");
const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
const bold = (text: string) => (color ? `\u001b[1m${text}\u001b[22m` : text);
const dim = (text: string) => (color ? `\u001b[2m${text}\u001b[22m` : text);

export class StepFailed extends Error {}

export function heading(text: string): void {
  console.log(`\n${bold(`== ${text}`)}`);
}

/** Prints `$ shown`, runs the command with its output on the terminal, and checks its exit code. */
function run(shown: string, args: readonly string[], cwd: string, expectedCode: number): void {
  console.log(`\n${bold(`$ ${shown}`)}`);
  const result = spawnSync(process.execPath, args, {
    cwd,
    stdio: "inherit",
    // The demo is the embedded SQLite one, whatever the shell's DATABASE_URL says.
    env: { ...process.env, DATABASE_URL: "sqlite:blog.sqlite" },
  });
  const code = result.status ?? -1;
  if (code !== expectedCode) throw new StepFailed(`\`${shown}\` exited with ${code}${result.signal ? ` (${result.signal})` : ""}, expected ${expectedCode}.`);
  if (expectedCode !== 0) console.log(dim(`(exit code ${code}, as expected)`));
}

/** `npx retort <args>`: the repo's binary, which is what npx finds in the project. */
export function retort(args: readonly string[], cwd: string, expectedCode = 0): void {
  run(`npx retort ${args.map(quote).join(" ")}`, [BIN, ...args], cwd, expectedCode);
}

/** Runs the example app, a TypeScript file, the way the example's README says. */
export function app(cwd: string): void {
  run("npx ts-node --transpile-only src/app.ts", ["-r", "ts-node/register/transpile-only", "src/app.ts"], cwd, 0);
}

/** Prints a project file with a header line. */
export function showFile(cwd: string, file: string): void {
  console.log(`\n${dim(`---- ${file} ----`)}`);
  process.stdout.write(readFileSync(join(cwd, file), "utf8"));
  console.log(dim("----"));
}

/** An edit as diff lines: the lines both sides share are context, the others `-` and `+`. */
export function showEdit(before: string, after: string): void {
  const [old, now] = [before.split("\n"), after.split("\n")];
  let head = 0;
  while (head < old.length && head < now.length && old[head] === now[head]) head++;
  let tail = 0;
  while (tail < old.length - head && tail < now.length - head && old[old.length - 1 - tail] === now[now.length - 1 - tail]) tail++;
  const lines = [
    ...old.slice(0, head).map((l) => `  ${l}`),
    ...old.slice(head, old.length - tail).map((l) => `- ${l}`),
    ...now.slice(head, now.length - tail).map((l) => `+ ${l}`),
    ...old.slice(old.length - tail).map((l) => `  ${l}`),
  ];
  console.log(lines.map((l) => l.trimEnd()).join("\n"));
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `"${arg.replace(/(["\\$`])/g, "\\$1")}"`;
}
