import type { RevisionHeader } from "../../src";

/**
 * base1 ─ rev2 ─ rev3 ┬ feat1 (label "feature") ─ feat2 ┬ merge1 ─ last
 *                     └ main1 ─ main2 ────────────────────┘
 * other1 (label "other") ─ other2 (dependsOn rev2)
 */
export const SAMPLE: readonly RevisionHeader[] = [
  { revision: "aaaa1111", downRevision: null, file: "base1.ts" },
  { revision: "aaaa2222", downRevision: "aaaa1111", file: "rev2.ts" },
  { revision: "abcd3333", downRevision: "aaaa2222", file: "rev3.ts" },
  { revision: "fea71111", downRevision: "abcd3333", branchLabels: ["feature"], file: "feat1.ts" },
  { revision: "fea72222", downRevision: "fea71111", file: "feat2.ts" },
  { revision: "0a1b1111", downRevision: "abcd3333", file: "main1.ts" },
  { revision: "0a1b2222", downRevision: "0a1b1111", file: "main2.ts" },
  { revision: "3e4e0001", downRevision: ["fea72222", "0a1b2222"], file: "merge1.ts" },
  { revision: "1a570001", downRevision: "3e4e0001", file: "last.ts" },
  { revision: "07e41111", downRevision: null, branchLabels: ["other"], file: "other1.ts" },
  { revision: "07e42222", downRevision: "07e41111", dependsOn: "aaaa2222", file: "other2.ts" },
];
