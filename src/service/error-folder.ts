/**
 * The error folder of an outbox (`<outbox>.error`, a sibling): messages that
 * cannot be routed or delivered, each with `<name>.reason.json` beside it.
 * Order: the name is reserved (hidden `.<name>.reserved`), the reason file is
 * written (temp + rename, fsync, 0600), the message is moved in without
 * replacing anything, the reservation is removed. Every step is idempotent, so
 * a resumed claim can repeat them.
 */
import { promises as fsp } from "node:fs";
import * as path from "node:path";
import type { ReasonFile } from "./reasons.js";
import { errCode, exists, FILE_MODE, fsyncDir, mkdirOwner, moveNoReplace, writeFileDurable } from "./secure-fs.js";

/** Suffix of reason files. */
export const REASON_SUFFIX = ".reason.json";

/** Path of the reason file of an error-folder entry. */
export function reasonPath(errorDir: string, errorName: string): string {
  return path.join(errorDir, `${errorName}${REASON_SUFFIX}`);
}

/** Hidden reservation file of an error-folder name. */
export function reservationPath(errorDir: string, errorName: string): string {
  return path.join(errorDir, `.${errorName}.reserved`);
}

/**
 * Reserves the name a message gets in the error folder: its original name, or,
 * if taken, the name with the claim id inserted before the extension. The
 * reservation is a hidden file `.<name>.reserved` created exclusively (link of
 * a complete temporary file) and holding the claim id, so two claims of equal names — in one or in two
 * instances — never pick the same name. A reservation this claim made before
 * a crash is reused. {@link moveToErrorFolder} removes it when done.
 */
export async function reserveErrorName(errorDir: string, name: string, claimId: string): Promise<string> {
  await mkdirOwner(errorDir);
  const ext = path.extname(name);
  const stem = ext.length > 0 && ext.length < name.length ? name.slice(0, -ext.length) : name;
  const candidates = [name, `${stem}.${claimId}${ext.length < name.length ? ext : ""}`];
  for (const n of candidates) {
    const file = reservationPath(errorDir, n);
    // Written completely under a private name first, then published with link():
    // a crash can never leave an empty reservation that blocks the name forever.
    const tmp = `${file}.${claimId}.tmp`;
    try {
      const fh = await fsp.open(tmp, "w", FILE_MODE);
      try {
        await fh.writeFile(`${claimId}\n`);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await fsp.link(tmp, file);
    } catch (e) {
      if (errCode(e) !== "EEXIST") throw e;
      if ((await fsp.readFile(file, "utf8").catch(() => "")).trim() === claimId) return n;
      continue;
    } finally {
      await fsp.rm(tmp, { force: true });
    }
    if ((await exists(path.join(errorDir, n))) || (await exists(reasonPath(errorDir, n)))) {
      await fsp.rm(file, { force: true });
      continue;
    }
    await fsyncDir(errorDir);
    return n;
  }
  throw new Error(`no free error-folder name for claim ${claimId}`);
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await fsp.readFile(file, "utf8")) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Writes the reason file and moves the claimed entry into the error folder.
 * Safe to repeat: an existing reason file of this claim is rewritten; when the
 * claimed entry is already gone and the error entry exists, the move is done.
 * @returns false when neither the claimed entry nor the error entry exists (nothing to move).
 */
export async function moveToErrorFolder(
  errorDir: string,
  claimPath: string,
  reason: ReasonFile,
): Promise<boolean> {
  await mkdirOwner(errorDir);
  const target = path.join(errorDir, reason.errorName);
  const claimed = await exists(claimPath);
  const there = await exists(target);
  if (claimed && there) {
    const [a, b] = await Promise.all([fsp.lstat(claimPath), fsp.lstat(target)]);
    if (a.ino !== b.ino || a.dev !== b.dev) throw new Error(`error-folder entry ${reason.errorName} belongs to another message`);
  }
  await writeFileDurable(reasonPath(errorDir, reason.errorName), `${JSON.stringify(reason, null, 2)}\n`);
  if (claimed && there) {
    // A previous attempt linked it but crashed before unlinking the claimed copy.
    await fsp.rm(claimPath, { recursive: true, force: true });
  } else if (claimed) {
    await moveNoReplace(claimPath, target);
  }
  await fsp.rm(reservationPath(errorDir, reason.errorName), { force: true });
  return claimed || there;
}

/** Reads and parses a reason file; undefined when missing or not a reason file. */
export async function readReason(file: string): Promise<ReasonFile | undefined> {
  const parsed = (await readJson(file)) as Partial<ReasonFile> | undefined;
  return parsed?.format === "stellwerk.reason" && typeof parsed.claimId === "string" ? (parsed as ReasonFile) : undefined;
}
