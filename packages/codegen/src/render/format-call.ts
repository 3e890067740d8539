import type { CallSpec } from "./call-spec";
import type { Call } from "./statement";

/** `await op.method(args…)` with the table in place and the schema in the options. */
export function topLevelCall(spec: CallSpec): Call {
  const options = { ...spec.options, schema: spec.schema ?? undefined };
  const table = spec.table === null ? [] : [spec.table];
  return { await: true, callee: `op.${spec.method}`, args: values([...spec.lead, ...table, ...spec.rest], options) };
}

/** `batch.method(args…)` inside a batchAlterTable block: table and schema are implied. */
export function batchCall(spec: CallSpec): Call {
  const options = Object.fromEntries(spec.batchOptionKeys.map((k) => [k, spec.options[k]]));
  return { await: false, callee: `batch.${spec.method}`, args: values([...spec.lead, ...spec.rest], options) };
}

function values(args: readonly unknown[], options: Record<string, unknown>): { value: unknown }[] {
  const all = Object.values(options).some((v) => v !== undefined) ? [...args, options] : args;
  return all.map((value) => ({ value }));
}
