/**
 * Path confinement. Every directory an adapter writes into is reached from
 * the exchange root one component at a time: a component that does not exist
 * is created with mode 0700; one that exists must be a directory, and if it is
 * a symbolic link its real path must still lie inside the root's real path.
 * So no write ever lands outside the root, through "..", an absolute path or
 * a symlink. (An attacker who can change the tree between our check and our
 * write is outside this model: the exchange root must be writable only by the
 * service and the connected systems.)
 */
import { constants as fsc, promises as fsp } from "node:fs";
import * as path from "node:path";
import { AdapterError } from "./outcome.js";

/** Mode of every directory adapters create. */
export const DIR_MODE = 0o700;
/** Mode of every file adapters create. */
export const FILE_MODE = 0o600;

const SAFE_COMPONENT = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,199}$/;

/** True when `name` is one harmless path component (no separators, no leading dot, no ".."). */
export function isSafeComponent(name: string): boolean {
  return SAFE_COMPONENT.test(name) && !name.includes("..");
}

/** @throws AdapterError("unsafe-name") unless {@link isSafeComponent}. */
export function assertSafeComponent(name: string, what: string): void {
  if (!isSafeComponent(name)) throw new AdapterError("unsafe-name", `${what} is not a safe file name`);
}

function inside(rootReal: string, p: string): boolean {
  const rel = path.relative(rootReal, p);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/**
 * Resolves `rel` (a "/"-separated relative path from the table) below
 * `root`, creating missing directories (0700), and returns its real path.
 * @throws AdapterError "path-escape" for absolute paths, ".." or symlinks leading out; "io" when the root is missing
 */
export async function confinedDir(root: string, rel: string): Promise<string> {
  if (rel.includes("\0") || rel.includes("\\") || path.posix.isAbsolute(rel) || path.win32.isAbsolute(rel)) {
    throw new AdapterError("path-escape", "a configured directory is not a relative path");
  }
  const parts = rel.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.some((p) => p === "..")) throw new AdapterError("path-escape", "a configured directory contains '..'");
  let rootReal: string;
  try {
    rootReal = await fsp.realpath(root);
  } catch {
    throw new AdapterError("io", "the exchange root does not exist", true);
  }
  let cur = rootReal;
  for (const part of parts) {
    const next = path.join(cur, part);
    let st;
    try {
      st = await fsp.lstat(next);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
      try {
        await fsp.mkdir(next, { mode: DIR_MODE });
        await fsp.chmod(next, DIR_MODE);
      } catch (e2) {
        if ((e2 as NodeJS.ErrnoException).code !== "EEXIST") throw e2;
      }
      st = await fsp.lstat(next);
    }
    if (st.isSymbolicLink()) {
      const real = await fsp.realpath(next);
      if (!inside(rootReal, real)) throw new AdapterError("path-escape", "a configured directory leads out of the exchange root through a symbolic link");
      cur = real;
    } else if (st.isDirectory()) {
      cur = next;
    } else {
      throw new AdapterError("path-escape", "a configured directory is not a directory");
    }
  }
  return cur;
}

/** The path of `p` relative to the real exchange root, "/"-separated (for outcomes and logs). */
export async function relativeToRoot(root: string, p: string): Promise<string> {
  return path.relative(await fsp.realpath(root), p).split(path.sep).join("/");
}

/** fsyncs a directory so entries created, renamed or removed in it are durable. */
export async function fsyncDir(dir: string): Promise<void> {
  const fh = await fsp.open(dir, fsc.O_RDONLY);
  try {
    await fh.sync();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "EINVAL" && code !== "EISDIR" && code !== "EBADF") throw e;
  } finally {
    await fh.close();
  }
}
