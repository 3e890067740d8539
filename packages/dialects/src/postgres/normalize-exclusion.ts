import { normalizePostgresExpression } from "./normalize-expression";

/**
 * An exclusion constraint's text after `EXCLUDE`, in one spelling for comparing
 * (docs/schema-objects.md, "Exclusion constraints"). PostgreSQL's `pg_get_constraintdef`
 * starts with `EXCLUDE`, always names the access method (`USING btree` when the entity
 * gave none), drops needless quotes and adds brackets and casts; the expression
 * normaliser undoes the latter, this adds the default method to the entity's side.
 */
export function normalizePostgresExclusion(text: string): string {
  const body = text.trim().replace(/^EXCLUDE\s+/i, "");
  return normalizePostgresExpression(/^USING\s/i.test(body) ? body : `USING btree ${body}`);
}
