/**
 * Hostile inputs through the running service: DOCTYPE and entity bombs,
 * external entities, wrong and mislabelled encodings, path-like values in
 * content, truncated and empty files, oversize input, a second copy and a
 * conflicting copy. Each ends as specified (error folder with its reason, or
 * dropped as a duplicate) while valid messages dropped in between are
 * delivered.
 */
import { randomUUID } from "node:crypto";
import { promises as fsp, readFileSync } from "node:fs";
import * as path from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startService, type ServiceHandle } from "../../src/service/index.js";
import type { ReasonFile } from "../../src/service/reasons.js";
import { AGS, captureLogger, drop, journalRows, ls, makeEnv, message, waitFor, walk, type Env } from "./helpers/env.js";

const OUT = "freiberg/gewerbe/out";
const ERR = "freiberg/gewerbe/out.error";
const DECL = '<?xml version="1.0" encoding="UTF-8"?>';

function withDoctype(doctype: string, body = message("a10").toString("utf8")): Buffer {
  return Buffer.from(body.replace(DECL, `${DECL}\n${doctype}`), "utf8");
}

const lol = ['<!ENTITY lol "lol">'];
for (let i = 1; i <= 9; i++) lol.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? "" : i - 1};`.repeat(10)}">`);

/** name -> [bytes, expected reason] ("duplicate" = dropped as a duplicate). */
function hostile(): Array<[string, Buffer, string]> {
  const base = message("a10", { uuid: "3f2e1d0c-9b8a-4765-8432-10fedcba9876" });
  const text = base.toString("utf8");
  const deep = `${DECL}<r>${"<a>".repeat(5000)}x${"</a>".repeat(5000)}</r>`;
  return [
    ["doctype.xml", withDoctype('<!DOCTYPE xga:sta.gewerbemeldung.0100 [<!ENTITY x "y">]>'), "invalid"],
    ["billion-laughs.xml", withDoctype(`<!DOCTYPE lolz [${lol.join("")}]>`, text.replace(/<xga:strasse>[^<]*</, "<xga:strasse>&lol9;<")), "invalid"],
    ["xxe.xml", withDoctype('<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', text.replace(/<xga:ort>[^<]*</, "<xga:ort>&xxe;<")), "invalid"],
    ["param-entity.xml", withDoctype('<!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:9/evil.dtd"> %p;]>'), "invalid"],
    ["latin1-declared-utf8.xml", iconv.encode(text, "latin1"), "invalid"],
    ["utf8-declared-latin1.xml", Buffer.from(text.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'), "utf8"), "invalid"],
    ["bom-vs-declaration.xml", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.replace('encoding="UTF-8"', 'encoding="ISO-8859-15"'))]), "invalid"],
    ["unsupported-encoding.xml", Buffer.from(text.replace('encoding="UTF-8"', 'encoding="EBCDIC-XYZ"')), "invalid"],
    ["truncated.xml", base.subarray(0, Math.floor(base.length * 0.6)), "invalid"],
    ["empty.xml", Buffer.alloc(0), "invalid"],
    ["binary.xml", Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), "invalid"],
    ["deep.xml", Buffer.from(deep), "invalid"],
    ["oversize.xml", Buffer.from(text.replace("</xga:sta.gewerbemeldung.0100>", `<!-- ${"x".repeat(300_000)} --></xga:sta.gewerbemeldung.0100>`)), "invalid"],
    ["region-is-a-path.xml", Buffer.from(text.replaceAll(`<code>${AGS.freiberg}</code>`, "<code>../../../etc</code>")), "unknown-region"],
    ["proto.xml", Buffer.from(text.replace("<xga:abmeldung>", "<xga:abmeldung><xga:__proto__><xga:polluted>1</xga:polluted></xga:__proto__>")), "invalid"],
    ["second-copy.xml", base, "duplicate"],
    ["conflicting-copy.xml", Buffer.from(text.replace("Catering", "Getränke")), "conflict"],
  ];
}

let env: Env;
let svc: ServiceHandle;
const logs = captureLogger();

beforeAll(async () => {
  env = makeEnv();
  svc = await startService({
    table: env.table,
    exchangeRoot: env.root,
    stateDir: env.state,
    stableMs: 30,
    logger: logs.logger,
    limits: { maxBytes: 200_000 },
  });
});
afterAll(async () => {
  await svc?.stop();
  env?.cleanup();
});

describe("hostile inputs", () => {
  it("each ends as specified and the service keeps delivering valid messages meanwhile", async () => {
    // the original first, so the copy and the conflicting copy have something to collide with
    await drop(env.at(OUT), "original.xml", message("a10", { uuid: "3f2e1d0c-9b8a-4765-8432-10fedcba9876" }));
    await waitFor(() => svc.stats().done === 1);
    const cases = hostile();
    const valid: string[] = [];
    for (const [i, [name, bytes]] of cases.entries()) {
      await drop(env.at(OUT), name, bytes, { part: i % 2 === 0 });
      const uuid = randomUUID();
      valid.push(uuid);
      await drop(env.at(OUT), `valid-${i}.xml`, message("a10", { uuid }));
    }
    // a message id that looks like a path: delivered under a generated, safe file name
    const pathId = "../../../../tmp/stellwerk-evil";
    await drop(env.at(OUT), "id-is-a-path.xml", message("a10", { uuid: pathId }));

    const errors = cases.filter(([, , r]) => r !== "duplicate");
    await waitFor(async () => (await ls(env.at(ERR))).length === errors.length * 2, 20_000, "error entries");
    await waitFor(() => svc.stats().done === 1 + valid.length + 1 && svc.stats().duplicate === 1, 20_000, "valid deliveries");
    // the error-folder listing is complete before the journal says "error": the count comes after both
    await waitFor(() => svc.stats().error === errors.length, 20_000, "errors journaled");

    for (const [name, , expected] of errors) {
      const r = JSON.parse(readFileSync(path.join(env.at(ERR), `${name}.reason.json`), "utf8")) as ReasonFile;
      expect([name, r.reason]).toEqual([name, expected]);
      expect(r.detail.length).toBeGreaterThan(0);
    }
    const stala = await ls(env.at("stala/gewerbe/in"));
    for (const uuid of valid) expect(stala.filter((f) => f.includes(uuid)), uuid).toHaveLength(1);
    expect(stala.filter((f) => f.includes("3f2e1d0c-9b8a-4765-8432-10fedcba9876"))).toHaveLength(1);
    // 1 original + valid + the path-like id, nothing more; every name one safe component
    expect(stala).toHaveLength(1 + valid.length + 1);
    for (const f of stala) expect(f).toMatch(/^[A-Za-z0-9_][A-Za-z0-9._-]*$/);
    expect(await walk(path.join(env.dir, "tmp"))).toEqual([]);
    expect(await ls("/tmp").then((l) => l.filter((n) => n.startsWith("stellwerk-evil")))).toEqual([]);
    // nothing from /etc/passwd anywhere, no prototype pollution
    const everything = [...(await walk(env.dir))].filter((f) => !f.endsWith(".sqlite") && !f.includes("sqlite-"));
    for (const f of everything) expect(readFileSync(path.join(env.dir, f), "latin1")).not.toContain("root:x:0:0");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // journal: every intake final
    const j = journalRows(env.state);
    expect(j.intake.filter((r) => !["done", "duplicate", "error"].includes(r.state as string))).toEqual([]);
    // no stack traces in the logs
    expect(logs.lines().some((l) => l.includes('"stack"'))).toBe(false);
  });

  it("refuses a symlink in the outbox and keeps its target untouched", async () => {
    const secret = path.join(env.dir, "secret.txt");
    await fsp.writeFile(secret, "not for routing");
    await fsp.symlink(secret, path.join(env.at(OUT), "link.xml"));
    await new Promise((r) => setTimeout(r, 200));
    await svc.scanNow();
    await svc.whenIdle();
    expect(await ls(env.at(OUT))).toEqual(["link.xml"]);
    expect(readFileSync(secret, "utf8")).toBe("not for routing");
  });
});
