import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FreshProject, REPO, type NpmSettings } from "./fresh-project";
import { LocalRegistry } from "./local-registry";
import { cleanEnv } from "./clean-env";
import { describeRun, run, type Run } from "./run";

export interface Installed {
  readonly project: FreshProject;
  readonly install: Run;
}

/** How many projects install at once: native SQLite builds use a core each. */
const INSTALL_CONCURRENCY = Number(process.env.RETORT_E2E_INSTALL_CONCURRENCY ?? 3);

/**
 * One end-to-end run: the packages packed and published once to one local registry,
 * and every fresh project installing from it through one shared npm cache, several at once.
 */
export class E2eRun {
  readonly root = mkdtempSync(join(tmpdir(), "retort-e2e-"));
  private registry: LocalRegistry | undefined;
  private readonly installs = new Map<string, Promise<Installed>>();
  private readonly timings: [string, number][] = [];

  get npm(): NpmSettings {
    if (!this.registry) throw new Error("the local registry is not started");
    return { registry: this.registry.url, cache: join(this.root, "npm-cache") };
  }

  /** `npm run pack` into the run's folder, a fresh registry, and every tarball published to it. */
  async publishPackages(): Promise<void> {
    const packs = join(this.root, "packs");
    const pack = await this.timed("npm run pack", run(process.execPath, [join(REPO, "scripts", "dist", "pack", "run.js"), packs], { cwd: REPO, env: cleanEnv() }));
    if (pack.code !== 0) throw new Error(describeRun(pack));
    const started = Date.now();
    this.registry = await LocalRegistry.start(join(this.root, "registry"));
    this.timings.push(["start Verdaccio", Date.now() - started]);
    const tarballs = readdirSync(packs).filter((f) => f.endsWith(".tgz"));
    const published = await this.timed(`publish ${tarballs.length} packages`, Promise.all(tarballs.map((t) => this.registry!.publish(join(packs, t), this.root))));
    const failed = published.find((r) => r.code !== 0);
    if (failed) throw new Error(describeRun(failed));
  }

  /** Copies each fixture and starts its install (at most INSTALL_CONCURRENCY at once), in the order given. */
  startInstalls(fixtures: readonly string[]): void {
    const queue = [...fixtures];
    const slots: Promise<void>[] = [];
    const next = (): Promise<void> | undefined => {
      const fixture = queue.shift();
      if (!fixture) return undefined;
      const dir = join(this.root, "projects", fixture);
      mkdirSync(join(this.root, "projects"), { recursive: true });
      const project = FreshProject.copy(fixture, dir, this.npm);
      const installed = project.install().then((install) => {
        this.timings.push([`install ${fixture}`, install.ms]);
        return { project, install };
      });
      this.installs.set(fixture, installed);
      return installed.then(() => next());
    };
    for (let i = 0; i < INSTALL_CONCURRENCY; i++) {
      const slot = next();
      if (slot) slots.push(slot);
    }
  }

  /** The fixture's project once its install has finished (successfully or not). */
  installed(fixture: string): Promise<Installed> {
    const deadline = Date.now() + 30 * 60_000;
    const wait = async (): Promise<Installed> => {
      // Queued installs are only registered when their turn comes.
      while (!this.installs.has(fixture)) {
        if (Date.now() > deadline) throw new Error(`${fixture} never started installing`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      return this.installs.get(fixture)!;
    };
    return wait();
  }

  record(label: string, ms: number): void {
    this.timings.push([label, ms]);
  }

  /** Stops the registry, prints the timings, removes the run's folder (kept with RETORT_E2E_KEEP=1). */
  async finish(): Promise<void> {
    await Promise.allSettled([...this.installs.values()]);
    await this.registry?.stop();
    console.log(`\n  end-to-end timings (${this.root}):`);
    for (const [label, ms] of this.timings) console.log(`    ${label.padEnd(48)} ${(ms / 1000).toFixed(1).padStart(6)} s`);
    if (process.env.RETORT_E2E_KEEP === "1") console.log(`  kept ${this.root}`);
    else rmSync(this.root, { recursive: true, force: true });
  }

  private async timed<T>(label: string, work: Promise<T>): Promise<T> {
    const started = Date.now();
    try {
      return await work;
    } finally {
      this.timings.push([label, Date.now() - started]);
    }
  }
}
