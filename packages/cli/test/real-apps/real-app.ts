import type { TestTarget } from "@retort/testing";

/** A file written into the app's folder in place of (or beside) the package's own, and why. */
export interface Stub {
  readonly why: string;
  readonly content: string;
}

/** An exact text replaced in one copied file, and why. */
export interface Patch {
  readonly file: string;
  readonly find: string;
  readonly replace: string;
  readonly why: string;
  /** Only on these engines; on all when absent. */
  readonly engines?: readonly TestTarget["name"][];
}

/**
 * A real, published TypeORM application whose entities the suite loads (docs/real-apps.md).
 * The package is fetched from the npm registry at test time; nothing of it is committed.
 */
export interface RealApp {
  readonly name: string;
  readonly npmPackage: string;
  readonly version: string;
  readonly licence: string;
  /** The TypeORM line the app is built against; the project links this one. */
  readonly typeorm: "0.3";
  readonly engines: readonly TestTarget["name"][];
  /** Tables TypeORM's synchronize builds from the entities: a stub that loses an entity shows here. */
  readonly tables: number;
  /**
   * Package files copied into the project's `app/` folder, relative to the package root:
   * a path ending in `/` copies that folder's `.js` files (not its subfolders).
   */
  readonly copy: readonly string[];
  /** Files written under `app/` (path relative to the package root) that the entities import. */
  readonly stubs: Readonly<Record<string, Stub>>;
  /**
   * Edits to copied files, each an exact text that must occur once, with the reason: only
   * where TypeORM's own synchronize cannot build the app's entities as published.
   */
  readonly patches?: readonly Patch[];
  /** A CommonJS module (the project's `src/entities.js`) whose `module.exports` is the entity list. */
  readonly entitiesModule: string;
  /** Environment variables the app's configuration reads while its entity files load, per engine. */
  readonly environment?: Partial<Record<TestTarget["name"], Readonly<Record<string, string>>>>;
  /** DataSource options the app itself sets on an engine (TypeScript object members). */
  readonly dataSourceOptions?: Partial<Record<TestTarget["name"], string>>;
}
