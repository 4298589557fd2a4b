/**
 * Small filesystem helpers for the service: owner-only modes (0700 folders,
 * 0600 files), durable writes (temp file, fsync, rename, fsync of the folder)
 * and path containment. Every folder and file the service creates goes through
 * these helpers, so the modes do not depend on the process umask.
 */
import { promises as fsp, constants as fsc } from "node:fs";
import * as path from "node:path";

/** Mode of every folder the service creates. */
export const DIR_MODE = 0o700;
/** Mode of every file the service creates. */
export const FILE_MODE = 0o600;

/**
 * Creates `dir` and its missing parents with mode 0700 (parents the service
 * creates get 0700 too; existing folders keep their mode).
 */
export async function mkdirOwner(dir: string): Promise<void> {
  const missing: string[] = [];
  let cur = path.resolve(dir);
  for (;;) {
    try {
      const st = await fsp.stat(cur);
      if (!st.isDirectory()) throw Object.assign(new Error(`not a directory: ${cur}`), { code: "ENOTDIR" });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
      missing.push(cur);
      const parent = path.dirname(cur);
      if (parent === cur) break;
      cur = parent;
    }
  }
  for (const d of missing.reverse()) {
    try {
      await fsp.mkdir(d, { mode: DIR_MODE });
      await fsp.chmod(d, DIR_MODE);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
}

/** fsyncs a folder so a rename or unlink inside it is durable. Ignores platforms that refuse it. */
export async function fsyncDir(dir: string): Promise<void> {
  let fh: fsp.FileHandle | undefined;
  try {
    fh = await fsp.open(dir, fsc.O_RDONLY);
    await fh.sync();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "EISDIR" && code !== "EINVAL" && code !== "EPERM" && code !== "EBADF") throw e;
  } finally {
    await fh?.close();
  }
}

/**
 * Writes `data` to `file` durably with mode 0600: a temp file beside it,
 * fsync, rename over `file` (replacing a previous version written by the
 * service itself), fsync of the folder.
 */
export async function writeFileDurable(file: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
  const fh = await fsp.open(tmp, fsc.O_WRONLY | fsc.O_CREAT | fsc.O_EXCL, FILE_MODE);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await fsp.rename(tmp, file);
  } catch (e) {
    await fsp.rm(tmp, { force: true });
    throw e;
  }
  await fsyncDir(dir);
}

/** The names in a folder, or none when the folder does not exist. */
export async function readdirIfExists(dir: string): Promise<string[]> {
  try {
    return await fsp.readdir(dir);
  } catch (e) {
    if (errCode(e) === "ENOENT") return [];
    throw e;
  }
}

export { exists } from "../adapters/atomic-publish.js";
import { exists } from "../adapters/atomic-publish.js";

/**
 * True when `child` is `parent` itself or lies below it, after resolving both
 * lexically ("..", "."). Symlinks are not followed.
 */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(path.resolve(parent), path.resolve(child));
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** Error code of a thrown value, if it is a Node system error. */
export function errCode(e: unknown): string | undefined {
  return typeof e === "object" && e !== null && "code" in e && typeof (e as { code: unknown }).code === "string"
    ? (e as { code: string }).code
    : undefined;
}

/**
 * Moves `from` to `to` without ever replacing an existing `to`.
 * Files: hard link + unlink (link fails with EEXIST). Folders: rename after an
 * existence check (a folder rename cannot be made exclusive portably; the
 * window is documented in docs/service.md). Throws EEXIST when `to` exists.
 * Falls back to copy + unlink across devices (EXDEV).
 */
export async function moveNoReplace(from: string, to: string): Promise<void> {
  const st = await fsp.lstat(from);
  if (st.isDirectory()) {
    if (await exists(to)) throw Object.assign(new Error(`target exists: ${to}`), { code: "EEXIST" });
    try {
      await fsp.rename(from, to);
    } catch (e) {
      if (errCode(e) !== "EXDEV") throw e;
      await fsp.cp(from, to, { recursive: true, errorOnExist: true, force: false });
      await fsp.rm(from, { recursive: true, force: true });
    }
  } else {
    try {
      await fsp.link(from, to);
    } catch (e) {
      const code = errCode(e);
      if (code === "EXDEV") {
        await fsp.copyFile(from, to, fsc.COPYFILE_EXCL);
      } else if (code === "EPERM" || code === "ENOTSUP" || code === "EOPNOTSUPP") {
        // filesystems without hard links (some network shares)
        if (await exists(to)) throw Object.assign(new Error(`target exists: ${to}`), { code: "EEXIST" });
        await fsp.rename(from, to);
        await fsyncDir(path.dirname(to));
        return;
      } else {
        throw e;
      }
    }
    await fsp.unlink(from);
  }
  await fsyncDir(path.dirname(to));
  await fsyncDir(path.dirname(from));
}
