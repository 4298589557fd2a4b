/**
 * One running service per (state folder, instance name): a lock file
 * `<state>/locks/<instance>.lock` holding the owner's pid, created
 * exclusively. A lock whose pid is no longer alive (a crashed service) is
 * taken over. Several instances may share a state folder (and so one journal)
 * under different instance names.
 */
import { promises as fsp } from "node:fs";
import * as path from "node:path";
import { errCode, FILE_MODE, mkdirOwner } from "./secure-fs.js";

export interface InstanceLock {
  release(): Promise<void>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errCode(e) === "EPERM";
  }
}

/**
 * Takes the instance lock.
 * @throws Error when another live process (or this one) holds it
 */
export async function acquireInstanceLock(stateDir: string, instance: string): Promise<InstanceLock> {
  const dir = path.join(stateDir, "locks");
  await mkdirOwner(dir);
  const file = path.join(dir, `${instance}.lock`);
  const token = `${process.pid}:${Math.random().toString(36).slice(2)}`;
  for (let tries = 0; tries < 3; tries++) {
    try {
      await fsp.writeFile(file, `${token}\n`, { flag: "wx", mode: FILE_MODE });
      return {
        release: async () => {
          const cur = await fsp.readFile(file, "utf8").catch(() => "");
          if (cur.trim() === token) await fsp.rm(file, { force: true });
        },
      };
    } catch (e) {
      if (errCode(e) !== "EEXIST") throw e;
      const holder = Number.parseInt((await fsp.readFile(file, "utf8").catch(() => "")).split(":")[0] ?? "", 10);
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        throw new Error(`instance "${instance}" of ${stateDir} is already running (pid ${holder})`);
      }
      await fsp.rm(file, { force: true });
    }
  }
  throw new Error(`could not take the lock of instance "${instance}" in ${stateDir}`);
}
