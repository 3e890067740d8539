import { InvalidFileTemplateError } from "../errors";

/** Alembic's `file_template` in retort's words: `{date}_{rev}_{slug}` → `2026_11_27_1a2b3c4d5e6f_add_user.ts`. */
export const DEFAULT_FILE_TEMPLATE = "{date}_{rev}_{slug}";

/** Alembic truncates slugs at 40 characters too (`truncate_slug_length`). */
const SLUG_LENGTH = 40;

export interface FileNameInput {
  readonly revision: string;
  readonly message: string;
  readonly createdAt: string | Date;
}

/**
 * The migration's file name from a template. Tokens: `{date}` (yyyy_mm_dd), `{year}`,
 * `{month}`, `{day}`, `{hour}`, `{minute}`, `{second}`, `{rev}`, `{slug}`. Time is UTC, so
 * the name does not depend on the machine. An empty slug takes its separator with it.
 */
export function migrationFileName(input: FileNameInput, template = DEFAULT_FILE_TEMPLATE): string {
  if (!template.includes("{rev}")) throw new InvalidFileTemplateError(template, "it must contain {rev} so that names are unique");
  const at = new Date(input.createdAt);
  if (Number.isNaN(at.getTime())) throw new InvalidFileTemplateError(template, `createdAt "${String(input.createdAt)}" is not a date`);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const tokens: Record<string, string> = {
    year: pad(at.getUTCFullYear(), 4),
    month: pad(at.getUTCMonth() + 1),
    day: pad(at.getUTCDate()),
    hour: pad(at.getUTCHours()),
    minute: pad(at.getUTCMinutes()),
    second: pad(at.getUTCSeconds()),
    rev: input.revision,
    slug: slugify(input.message),
  };
  tokens["date"] = `${tokens["year"]}_${tokens["month"]}_${tokens["day"]}`;
  const name = template
    .replace(/\{(\w+)\}/g, (whole, token: string) => {
      const value = tokens[token];
      if (value === undefined) throw new InvalidFileTemplateError(template, `unknown token ${whole}`);
      return value;
    })
    .replace(/^[_-]+|[_-]+$/g, "")
    .replace(/__+/g, "_");
  if (/[/\\]/.test(name)) throw new InvalidFileTemplateError(template, "a file name cannot contain a path separator");
  return `${name}.ts`;
}

/** `"Add user's e-mail!"` → `add_user_s_e_mail`. */
export function slugify(message: string): string {
  return message
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, SLUG_LENGTH)
    .replace(/_+$/, "");
}
