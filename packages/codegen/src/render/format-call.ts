import { literal } from "./literal";
import type { CallSpec } from "./call-spec";

/** `await op.method(args…);` with the table in place and the schema in the options. */
export function topLevelCall(spec: CallSpec): string {
  const options = { ...spec.options, schema: spec.schema ?? undefined };
  const table = spec.table === null ? [] : [spec.table];
  return `await op.${spec.method}(${argumentList([...spec.lead, ...table, ...spec.rest], options, spec.method)});`;
}

/** `batch.method(args…);` inside a batchAlterTable block: table and schema are implied. */
export function batchCall(spec: CallSpec): string {
  const options = Object.fromEntries(spec.batchOptionKeys.map((k) => [k, spec.options[k]]));
  return `batch.${spec.method}(${argumentList([...spec.lead, ...spec.rest], options, spec.method)});`;
}

function argumentList(args: readonly unknown[], options: Record<string, unknown>, method: string): string {
  const all = Object.values(options).some((v) => v !== undefined) ? [...args, options] : args;
  const where = `op.${method}()`;
  return all.map((a) => literal(a, where, 4)).join(", ");
}
