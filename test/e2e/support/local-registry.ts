import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { cleanEnv } from "./clean-env";
import { run, type Run } from "./run";

/** The real registry third-party packages come from (Verdaccio's uplink). */
export const UPSTREAM = "https://registry.npmjs.org/";

/**
 * A Verdaccio registry on 127.0.0.1 with its storage under `root`: `@retort/*` packages
 * come only from what is published to it; everything else is fetched from the npm
 * registry and kept for the rest of the run.
 */
export class LocalRegistry {
  private constructor(
    readonly url: string,
    /** An npmrc naming this registry and a token for publishing to it. */
    private readonly publishConfig: string,
    private readonly child: ChildProcess,
  ) {}

  static async start(root: string): Promise<LocalRegistry> {
    mkdirSync(root, { recursive: true });
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    const configFile = join(root, "config.yaml");
    writeFileSync(configFile, verdaccioConfig(root));
    const bin = require.resolve("verdaccio/bin/verdaccio");
    const child = spawn(process.execPath, [bin, "--config", configFile, "--listen", `127.0.0.1:${port}`], {
      env: cleanEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const log = createWriteStream(join(root, "verdaccio.log"));
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    const stop = () => child.kill("SIGKILL");
    process.once("exit", stop);
    child.once("exit", () => process.removeListener("exit", stop));
    try {
      await waitUntilUp(url, child, join(root, "verdaccio.log"));
      const token = await addUser(url);
      const publishConfig = join(root, "publish.npmrc");
      writeFileSync(publishConfig, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\n`);
      return new LocalRegistry(url, publishConfig, child);
    } catch (e) {
      child.kill("SIGKILL");
      throw e;
    }
  }

  /**
   * `npm publish --workspaces` in the repo: every package that is not private, packed as
   * `npm run pack` packs it, in one npm process (eight processes cost ten seconds more).
   */
  publishWorkspaces(repo: string): Promise<Run> {
    return run("npm", ["publish", "--workspaces", "--userconfig", this.publishConfig, "--registry", this.url, "--provenance=false", "--ignore-scripts"], {
      cwd: repo,
      env: cleanEnv(),
      timeoutMs: 180_000,
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    this.child.kill("SIGKILL");
  }
}

function verdaccioConfig(root: string): string {
  return `storage: ${join(root, "storage")}
auth:
  htpasswd:
    file: ${join(root, "htpasswd")}
uplinks:
  npmjs:
    url: ${UPSTREAM}
    timeout: 60s
    maxage: 60m
packages:
  "@retort/*":
    access: $all
    publish: $authenticated
  "**":
    access: $all
    publish: $authenticated
    proxy: npmjs
max_body_size: 100mb
log: { type: stdout, format: pretty, level: warn }
`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Verdaccio exited with code ${child.exitCode}; see ${logFile}`);
    try {
      if ((await fetch(`${url}-/ping`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Verdaccio did not answer at ${url} within 60 s; see ${logFile}`);
}

/** Registers a user (Verdaccio's htpasswd allows sign-up) and returns its token. */
async function addUser(url: string): Promise<string> {
  const name = "retort-e2e";
  const response = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, password: "retort-e2e-password", type: "user", roles: [] }),
  });
  const body = (await response.json()) as { token?: string; error?: string };
  if (!response.ok || !body.token) throw new Error(`Verdaccio refused to add a user: ${response.status} ${JSON.stringify(body)}`);
  return body.token;
}
