import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FreshProject, REPO, type NpmSettings } from "./fresh-project";
import { LocalRegistry } from "./local-registry";
import { describeRun, type Run } from "./run";

export interface Installed {
  readonly project: FreshProject;
  /** `npm install` of the project's own dependencies (TypeORM, drivers, TypeScript). */
  readonly ownDependencies: Run;
  /** `npm install -D @retort/cli` into it afterwards. */
  readonly retort: Run;
}

/** How many npm installs run at once (RETORT_E2E_INSTALL_CONCURRENCY). */
const INSTALL_CONCURRENCY = Number(process.env.RETORT_E2E_INSTALL_CONCURRENCY ?? 4);

/**
 * One end-to-end run: one local registry with every @retort package published once, and
 * the fresh projects installing from it through one shared npm cache, several at once.
 * A project first installs its own dependencies (as a user's project has them; the
 * native SQLite builds happen here, while the packages are being published), then
 * `npm install -D @retort/cli`.
 */
export class E2eRun {
  readonly root = mkdtempSync(join(tmpdir(), "retort-e2e-"));
  private registry: LocalRegistry | undefined;
  private readonly installs = new Map<string, Promise<Installed>>();
  private readonly timings: [string, number][] = [];
  private readonly slots = new Slots(INSTALL_CONCURRENCY);

  get npm(): NpmSettings {
    if (!this.registry) throw new Error("the local registry is not started");
    return { registry: this.registry.url, cache: join(this.root, "npm-cache") };
  }

  /**
   * Starts the registry, then every fixture's install (in the order given) and the
   * publishing of the packages. Resolves once the packages are published; the installs
   * go on (see `installed`).
   */
  async start(fixtures: readonly string[]): Promise<void> {
    const registry = await this.timed("start Verdaccio", LocalRegistry.start(join(this.root, "registry")));
    this.registry = registry;
    const published = this.timed("npm publish --workspaces (every @retort package)", registry.publishWorkspaces(REPO)).then((r) => {
      if (r.code !== 0) throw new Error(`publishing to the local registry failed:\n${describeRun(r)}`);
    });
    mkdirSync(join(this.root, "projects"));
    for (const fixture of fixtures) {
      const project = FreshProject.copy(fixture, join(this.root, "projects", fixture), this.npm);
      const own = this.slots.run(() => this.timed(`${fixture}: npm install (its own dependencies)`, project.installOwnDependencies()));
      const installed = Promise.all([own, published]).then(async ([ownDependencies]) => {
        const retort = ownDependencies.code === 0 ? await this.slots.run(() => this.timed(`${fixture}: npm install -D @retort/cli`, project.addRetort())) : ownDependencies;
        return { project, ownDependencies, retort };
      });
      installed.catch(() => undefined); // reported by the test that awaits it
      this.installs.set(fixture, installed);
    }
    await published;
  }

  /** The fixture's project once its installs have finished (successfully or not). */
  installed(fixture: string): Promise<Installed> {
    const installed = this.installs.get(fixture);
    if (!installed) throw new Error(`${fixture} was not started`);
    return installed;
  }

  /** Stops the registry, prints the timings, removes the run's folder (kept with RETORT_E2E_KEEP=1). */
  async finish(): Promise<void> {
    await Promise.allSettled([...this.installs.values()]);
    await this.registry?.stop();
    console.log(`\n  end-to-end timings (${this.root}):`);
    for (const [label, ms] of this.timings) console.log(`    ${label.padEnd(64)} ${(ms / 1000).toFixed(1).padStart(6)} s`);
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

/** At most `size` tasks at once, started in the order they were asked for. */
class Slots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}
