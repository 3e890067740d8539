/** What the graph needs to know about one migration: its header, plain data. */
export interface RevisionHeader {
  readonly revision: string;
  readonly downRevision: string | readonly string[] | null;
  readonly branchLabels?: readonly string[] | string | null;
  readonly dependsOn?: readonly string[] | string | null;
  /** The migration file, named in errors. */
  readonly file?: string;
}

/** A revision in the graph, with its edges resolved. */
export interface RevisionNode {
  readonly revision: string;
  readonly downRevisions: readonly string[];
  readonly branchLabels: readonly string[];
  /** Dependencies resolved to revision ids (a label stands for the revision that declares it). */
  readonly dependsOn: readonly string[];
  readonly file: string | undefined;
}

export function asList(value: string | readonly string[] | null | undefined): readonly string[] {
  if (value === null || value === undefined) return [];
  return typeof value === "string" ? [value] : value;
}
