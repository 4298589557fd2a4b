/**
 * Secrets are referenced by name in the table (`authSecret`), never written
 * there; they are resolved at delivery time from
 * 1. the environment variable `STELLWERK_SECRET_<NAME>` (NAME upper-cased,
 *    characters other than A-Z and 0-9 replaced by "_"), else
 * 2. the file `<secretsDir>/<name>` (one trailing line break removed).
 * A secret's value never appears in an outcome, error or log.
 */
import { promises as fsp } from "node:fs";
import * as path from "node:path";
import { AdapterError } from "./outcome.js";
import { isSafeComponent } from "./safe-path.js";

/** The environment variable that holds secret `name`. */
export function secretEnvName(name: string): string {
  return `STELLWERK_SECRET_${name.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}

/**
 * Resolves a secret reference.
 * @throws AdapterError("secret-missing") when neither source has it (the detail names the reference, not a value)
 */
export async function resolveSecret(name: string, env: Readonly<Record<string, string | undefined>>, secretsDir: string | undefined): Promise<string> {
  const fromEnv = env[secretEnvName(name)];
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  if (secretsDir !== undefined && isSafeComponent(name)) {
    try {
      const text = await fsp.readFile(path.join(secretsDir, name), "utf8");
      const value = text.replace(/\r?\n$/, "");
      if (value !== "") return value;
    } catch {
      // fall through to the error below
    }
  }
  throw new AdapterError("secret-missing", `secret ${JSON.stringify(name)} is set neither in ${secretEnvName(name)} nor as a file in the secrets directory`);
}

/**
 * The Authorization header value: the secret verbatim when it names a scheme ("Basic ...", "Bearer ..."), else "Bearer <secret>".
 * @throws AdapterError("secret-invalid") for a secret that cannot be a header value (line breaks, control or non-Latin-1 characters)
 */
export function authorizationHeader(secret: string): string {
  if (/[^\t\x20-\x7e\x80-\xff]/.test(secret)) throw new AdapterError("secret-invalid", "the secret contains characters not allowed in an HTTP header");
  return /^[A-Za-z][A-Za-z0-9_-]*\s+\S/.test(secret) ? secret : `Bearer ${secret}`;
}
