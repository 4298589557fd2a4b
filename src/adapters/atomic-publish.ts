/**
 * Atomic publication without overwrite.
 *
 * One file: the bytes are written to a temporary name in the same directory
 * (".<name>.<random>.tmp", exclusive create 'wx', mode 0600), fsynced, then
 * published with link(temp, final), which fails with EEXIST instead of
 * replacing an existing file (rename() would replace it silently on POSIX);
 * the temp name is unlinked and the directory fsynced. A reader sees either no
 * file or the complete file.
 *
 * One folder (folder variant): the files are written into a temporary folder
 * ".<name>.<random>.tmp" (0700, each file 'wx' 0600 and fsynced), the folder is
 * fsynced and renamed to its final name only when that name is absent.
 * rename() of a directory fails (EEXIST/ENOTEMPTY) when the target is a
 * non-empty directory, so files are never replaced; only an empty directory
 * created under that name in the instant between our check and the rename
 * could be replaced, which loses nothing.
 *
 * When the final name exists: identical content -> "already" (a redelivery
 * after a crash), different content or another kind of entry -> error
 * "exists-different"; the existing entry is never touched. Consumers must
 * ignore names starting with ".".
 */
import { randomBytes } from "node:crypto";
import { promises as fsp } from "node:fs";
import * as path from "node:path";
import { AdapterError } from "./outcome.js";
import { assertSafeComponent, DIR_MODE, FILE_MODE, fsyncDir } from "./safe-path.js";

/** "published": new; "already": an identical copy was there. */
export type PublishResult = "published" | "already";

function tempName(name: string): string {
  return `.${name}.${randomBytes(6).toString("hex")}.tmp`;
}

/** Writes a new file (exclusive create, 0600) and fsyncs it. */
async function writeNew(file: string, data: Uint8Array): Promise<void> {
  const fh = await fsp.open(file, "wx", FILE_MODE);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Compares an existing entry with the bytes we would publish; never follows a symlink. */
async function sameFile(file: string, data: Uint8Array): Promise<boolean> {
  const st = await fsp.lstat(file);
  if (!st.isFile() || st.size !== data.byteLength) return false;
  const existing = await fsp.readFile(file);
  return existing.equals(data);
}

function existsDifferent(what: string): AdapterError {
  return new AdapterError("exists-different", `${what} already exists with other content; it is left unchanged`);
}

/**
 * Publishes `data` as `dir/name` (see the module comment).
 * @throws AdapterError "exists-different", "unsafe-name", "no-hard-links"; fs errors pass through
 */
export async function publishFile(dir: string, name: string, data: Uint8Array): Promise<PublishResult> {
  assertSafeComponent(name, "the file name");
  const final = path.join(dir, name);
  if (await exists(final)) {
    if (await sameFile(final, data)) return "already";
    throw existsDifferent("the target file");
  }
  const temp = path.join(dir, tempName(name));
  await writeNew(temp, data);
  try {
    try {
      await fsp.link(temp, final);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EEXIST") {
        if (await sameFile(final, data)) return "already";
        throw existsDifferent("the target file");
      }
      if (code === "EPERM" || code === "ENOTSUP" || code === "EOPNOTSUPP") {
        throw new AdapterError("no-hard-links", "the inbox filesystem refuses hard links, needed to publish without overwriting");
      }
      throw e;
    }
  } finally {
    await fsp.unlink(temp).catch(() => undefined);
    await fsyncDir(dir);
  }
  return "published";
}

/**
 * Publishes a folder `dir/name` holding `files` (name -> bytes) (see the module comment).
 * @throws AdapterError "exists-different", "unsafe-name"; fs errors pass through
 */
export async function publishFolder(dir: string, name: string, files: ReadonlyMap<string, Uint8Array>): Promise<PublishResult> {
  assertSafeComponent(name, "the folder name");
  for (const f of files.keys()) assertSafeComponent(f, "an attachment or message file name");
  const final = path.join(dir, name);
  if (await exists(final)) return compareFolder(final, files);
  const temp = path.join(dir, tempName(name));
  await fsp.mkdir(temp, { mode: DIR_MODE });
  let renamed = false;
  try {
    await fsp.chmod(temp, DIR_MODE);
    for (const [f, data] of files) await writeNew(path.join(temp, f), data);
    await fsyncDir(temp);
    if (await exists(final)) return await compareFolder(final, files);
    try {
      await fsp.rename(temp, final);
      renamed = true;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EEXIST" || code === "ENOTEMPTY" || code === "ENOTDIR" || code === "EISDIR") return await compareFolder(final, files);
      throw e;
    }
  } finally {
    if (!renamed) await fsp.rm(temp, { recursive: true, force: true }).catch(() => undefined);
    await fsyncDir(dir);
  }
  return "published";
}

async function compareFolder(final: string, files: ReadonlyMap<string, Uint8Array>): Promise<PublishResult> {
  const st = await fsp.lstat(final);
  if (!st.isDirectory()) throw existsDifferent("the target folder");
  const names = (await fsp.readdir(final)).sort();
  const wanted = [...files.keys()].sort();
  if (names.length !== wanted.length || names.some((n, i) => n !== wanted[i])) throw existsDifferent("the target folder");
  for (const [f, data] of files) {
    if (!(await sameFile(path.join(final, f), data))) throw existsDifferent("the target folder");
  }
  return "already";
}

/** True when `p` exists (lstat: a dangling symlink exists). @throws for errors other than ENOENT. */
export async function exists(p: string): Promise<boolean> {
  try {
    await fsp.lstat(p);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw e;
  }
}
