import { expect } from "chai";
import { join } from "node:path";
import { linearOverallOrder, type DepGraphLike } from "../src/loading/linear-dependency-order";

interface DepGraph extends DepGraphLike {
  addNode(name: string): void;
  addDependency(from: string, to: string): void;
  overallOrder(leavesOnly?: boolean): string[];
}

const ROOT = join(__dirname, "..", "..", "..", "..", "node_modules");

/** A seeded pseudo-random graph: `nodes` names, `edges` dependencies (self-loops and cycles possible). */
function randomGraph(DepGraph: new () => DepGraph, seed: number, nodes: number, edges: number): DepGraph {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const graph = new DepGraph();
  for (let i = 0; i < nodes; i++) graph.addNode(`n${i}`);
  for (let i = 0; i < edges; i++) {
    const from = Math.floor(next() * nodes);
    // Mostly towards lower numbers (acyclic), now and then back up (a cycle).
    const to = next() < 0.95 ? Math.floor(next() * (from + 1)) : Math.floor(next() * nodes);
    if (to !== from || next() < 0.1) graph.addDependency(`n${from}`, `n${to}`);
  }
  return graph;
}

function outcome(run: () => string[]): { order?: string[]; error?: string } {
  try {
    return { order: run() };
  } catch (e) {
    return { error: `${(e as Error).constructor.name}: ${(e as Error).message}` };
  }
}

describe("the validator's cycle check in linear time", () => {
  for (const version of ["typeorm", "typeorm-0.3"]) {
    it(`gives TypeORM's order and TypeORM's cycle error (${version})`, () => {
      /* eslint-disable @typescript-eslint/no-require-imports */
      const { DepGraph } = require(join(ROOT, version, "util", "DepGraph.js")) as { DepGraph: new () => DepGraph };
      const { TypeORMError } = require(join(ROOT, version, "error", "TypeORMError.js")) as { TypeORMError: new (message: string) => Error };
      /* eslint-enable @typescript-eslint/no-require-imports */
      const linear = linearOverallOrder(TypeORMError);
      let cycles = 0;
      for (let seed = 1; seed <= 300; seed++) {
        const graph = randomGraph(DepGraph, seed, 1 + (seed % 40), seed % 60);
        for (const leavesOnly of [false, true]) {
          const theirs = outcome(() => graph.overallOrder(leavesOnly));
          expect(outcome(() => linear.call(graph, leavesOnly)), `seed ${seed}`).to.deep.equal(theirs);
          if (theirs.error) cycles++;
        }
      }
      // Both kinds of graph were met.
      expect(cycles).to.be.greaterThan(10).and.lessThan(590);
    });
  }

  it("walks a chain of 10,000 entities in well under a second", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { DepGraph } = require(join(ROOT, "typeorm", "util", "DepGraph.js")) as { DepGraph: new () => DepGraph };
    const graph = new DepGraph();
    for (let i = 0; i < 10_000; i++) graph.addNode(`e${i}`);
    for (let i = 1; i < 10_000; i += 2) graph.addDependency(`e${i}`, `e${i - 1}`);
    const start = Date.now();
    const order = linearOverallOrder(Error).call(graph);
    expect(order).to.have.length(10_000);
    expect(Date.now() - start).to.be.lessThan(1000);
  });
});
