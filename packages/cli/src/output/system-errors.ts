import { RetortError } from "@retort/core";

const REASONS: Record<string, string> = {
  ENOENT: "it does not exist",
  EEXIST: "something is already there (a file where a folder is needed, or the reverse)",
  ENOTDIR: "a part of the path is a file, not a folder",
  EISDIR: "it is a folder, not a file",
  EACCES: "permission denied",
  EPERM: "the operation is not permitted",
  EROFS: "the file system is read-only",
  ENOSPC: "the disk is full",
  EMFILE: "too many open files",
  ENAMETOOLONG: "the name is too long",
};

const VERBS: Record<string, string> = { open: "open", mkdir: "create the folder", scandir: "list", rmdir: "remove", unlink: "remove", rename: "rename", stat: "read", lstat: "read", read: "read", write: "write", uv_cwd: "read the current folder" };

/**
 * A file-system error from Node (EEXIST, EACCES, …) is the user's setup, not a retort bug:
 * it becomes one clear message naming the path (README.md, "Exit codes").
 */
export function asSystemError(e: unknown): RetortError | undefined {
  const err = e as NodeJS.ErrnoException;
  const reason = err && typeof err.code === "string" ? REASONS[err.code] : undefined;
  if (!reason) return undefined;
  const what = err.path ? `${VERBS[err.syscall ?? ""] ?? err.syscall ?? "use"} ${err.path}` : (VERBS[err.syscall ?? ""] ?? "use a file");
  const hint = err.syscall === "uv_cwd" ? " Run retort from a folder that exists." : " Check the path and its permissions.";
  return new RetortError("file_system", `Cannot ${what}: ${reason}.${hint}`, { cause: e });
}
