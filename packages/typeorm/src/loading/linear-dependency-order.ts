/** The parts of TypeORM's DepGraph (util/DepGraph.js, 0.3 and 1.x) its overallOrder reads. */
export interface DepGraphLike {
  readonly nodes: Record<string, unknown>;
  readonly outgoingEdges: Record<string, readonly string[]>;
  readonly incomingEdges: Record<string, readonly string[]>;
}

type ErrorClass = new (message: string) => Error;

/**
 * TypeORM's `DepGraph.overallOrder` (the validator's check that required relations have
 * no cycle) answered in time linear in the graph: the same depth-first walks in the same
 * order, with the same result and the same cycle error, but the "is it on the current
 * path" and "is it in the result" questions asked of sets instead of scanned arrays,
 * which made the walk quadratic in the number of entities (docs/architecture.md,
 * "Entities are built without connecting").
 */
export function linearOverallOrder(cycleError: ErrorClass): (this: DepGraphLike, leavesOnly?: boolean) => string[] {
  return function (this: DepGraphLike, leavesOnly?: boolean): string[] {
    const edges = this.outgoingEdges;
    const keys = Object.keys(this.nodes);
    const result: string[] = [];
    if (keys.length === 0) return result;
    // First a walk from every node, only to find a cycle (its result is dropped).
    const cycleWalk = depthFirst(edges, false, [], cycleError);
    for (const node of keys) cycleWalk(node);
    const walk = depthFirst(edges, leavesOnly === true, result, cycleError);
    for (const node of keys) if (this.incomingEdges[node]!.length === 0) walk(node);
    return result;
  };
}

function depthFirst(edges: DepGraphLike["outgoingEdges"], leavesOnly: boolean, result: string[], cycleError: ErrorClass): (node: string) => void {
  const visited = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const inResult = new Set(result);
  const visit = (node: string): void => {
    visited.add(node);
    path.push(node);
    onPath.add(node);
    for (const next of edges[node]!) {
      if (!visited.has(next)) visit(next);
      else if (onPath.has(next)) {
        path.push(next);
        throw new cycleError(`Dependency Cycle Found: ${path.join(" -> ")}`);
      }
    }
    path.pop();
    onPath.delete(node);
    if ((!leavesOnly || edges[node]!.length === 0) && !inResult.has(node)) {
      inResult.add(node);
      result.push(node);
    }
  };
  return visit;
}
