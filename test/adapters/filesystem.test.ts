import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, test } from "vitest";
import iconv from "iconv-lite";
import { deliver } from "../../src/adapters/deliver.js";
import type { FilesystemAdapter } from "../../src/table/routing-table.js";
import { FREIBERG_ABMELDUNG, FREIBERG_ANMELDUNG, fixtureText } from "../runtime/fixtures.js";
import { delivery, routed, tempDir } from "./helpers.js";

const xmlFile = (inbox: string, encoding = "UTF-8"): FilesystemAdapter => ({ kind: "filesystem", inbox, variant: "xml-file", encoding });
const folder = (inbox: string): FilesystemAdapter => ({ kind: "filesystem", inbox, variant: "folder", encoding: "UTF-8" });
const mode = (p: string): number => statSync(p).mode & 0o777;
const listAll = (dir: string): string[] => readdirSync(dir, { recursive: true }).map(String).sort();

describe("xml-file variant", () => {
  test("a routed message lands in the inbox, in the endpoint's encoding, owner-only", async () => {
    const root = tempDir();
    const stala = (await routed(FREIBERG_ABMELDUNG)).find((d) => d.recipient === "StaLA Sachsen")!;
    const out = await deliver(stala, { exchangeRoot: root });
    expect(out).toEqual({ ok: true, alreadyPresent: false, location: `stala/gewerbe/in/${stala.fileName}` });
    const file = path.join(root, "stala/gewerbe/in", stala.fileName);
    const bytes = readFileSync(file);
    const text = iconv.decode(bytes, "ISO-8859-15");
    expect(text.startsWith('<?xml version="1.0" encoding="ISO-8859-15"?>')).toBe(true);
    expect(text).toContain("Brühlstr.");
    expect(bytes.includes(Buffer.from("Brühl", "latin1"))).toBe(true);
    expect(mode(file)).toBe(0o600);
    expect(mode(path.join(root, "stala"))).toBe(0o700);
    expect(mode(path.join(root, "stala/gewerbe/in"))).toBe(0o700);
    expect(readdirSync(path.join(root, "stala/gewerbe/in"))).toEqual([stala.fileName]); // no temp file left
  });

  test("€ is written as 0xA4 in ISO-8859-15 and refused in ISO-8859-1 (nothing written)", async () => {
    const root = tempDir();
    const ok = await deliver(delivery(xmlFile("in", "ISO-8859-15"), "<a>5 €</a>"), { exchangeRoot: root });
    expect(ok.ok).toBe(true);
    expect(readFileSync(path.join(root, "in", readdirSync(path.join(root, "in"))[0]!)).includes(0xa4)).toBe(true);
    const bad = await deliver(delivery(xmlFile("in1", "ISO-8859-1"), "<a>5 €</a>"), { exchangeRoot: root });
    expect(bad).toMatchObject({ ok: false, errorClass: "unencodable", retryable: false });
    expect(bad.ok ? "" : bad.detail).not.toContain("€");
    expect(readdirSync(path.join(root)).sort()).toEqual(["in"]);
  });

  test("an unknown encoding is refused", async () => {
    const out = await deliver(delivery(xmlFile("in", "EBCDIC-XYZ"), "<a/>"), { exchangeRoot: tempDir() });
    expect(out).toMatchObject({ ok: false, errorClass: "unsupported-encoding" });
  });

  test("an existing file is never replaced: identical -> already delivered, different -> error", async () => {
    const root = tempDir();
    const d = delivery(xmlFile("in"), "<a>eins</a>");
    expect(await deliver(d, { exchangeRoot: root })).toMatchObject({ ok: true, alreadyPresent: false });
    expect(await deliver(d, { exchangeRoot: root })).toMatchObject({ ok: true, alreadyPresent: true });
    const other = await deliver({ ...d, payload: { ...d.payload, text: "<a>zwei</a>" } }, { exchangeRoot: root });
    expect(other).toMatchObject({ ok: false, errorClass: "exists-different", retryable: false });
    expect(readFileSync(path.join(root, "in", d.fileName), "utf8")).toContain("eins");
    expect(readdirSync(path.join(root, "in"))).toEqual([d.fileName]);
  });

  test("a symlink under the target name is not followed or replaced", async () => {
    const root = tempDir();
    const outside = path.join(tempDir(), "victim.txt");
    writeFileSync(outside, "keep");
    const d = delivery(xmlFile("in"), "<a/>");
    mkdirSync(path.join(root, "in"));
    symlinkSync(outside, path.join(root, "in", d.fileName));
    expect(await deliver(d, { exchangeRoot: root })).toMatchObject({ ok: false, errorClass: "exists-different" });
    expect(readFileSync(outside, "utf8")).toBe("keep");
  });

  test("attachments cannot be dropped silently by the xml-file variant", async () => {
    const d = delivery(xmlFile("in"), "<a/>");
    d.payload.attachments = { "anlage.pdf": Buffer.from("%PDF").toString("base64") };
    expect(await deliver(d, { exchangeRoot: tempDir() })).toMatchObject({ ok: false, errorClass: "attachments-unsupported" });
  });

  test("a missing exchange root is a retryable I/O error", async () => {
    expect(await deliver(delivery(xmlFile("in"), "<a/>"), { exchangeRoot: "/nonexistent/stellwerk-root" })).toMatchObject({ ok: false, errorClass: "io", retryable: true });
  });
});

describe("folder variant", () => {
  test("one folder per message with the XML and its attachments, published at once", async () => {
    const root = tempDir();
    const lra = (await routed(FREIBERG_ANMELDUNG)).find((d) => d.system === "gewerbe.LraGewerbe")!;
    expect(lra.adapter).toMatchObject({ variant: "xml-file" }); // Freiberg overrides the district's folder endpoint
    const d = delivery(folder("lra/in"), fixtureText(FREIBERG_ABMELDUNG), {
      payload: { mediaType: "application/xml", text: fixtureText(FREIBERG_ABMELDUNG), value: {}, attachments: { "anlage-1.pdf": Buffer.from("%PDF-1.4 test").toString("base64") } },
    });
    const out = await deliver(d, { exchangeRoot: root });
    const base = d.fileName.replace(/\.xml$/, "");
    expect(out).toEqual({ ok: true, alreadyPresent: false, location: `lra/in/${base}` });
    const dir = path.join(root, "lra/in", base);
    expect(listAll(dir)).toEqual([d.fileName, "anlage-1.pdf"].sort());
    expect(readFileSync(path.join(dir, "anlage-1.pdf"), "utf8")).toBe("%PDF-1.4 test");
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.join(dir, d.fileName))).toBe(0o600);
    expect(readdirSync(path.join(root, "lra/in"))).toEqual([base]);
    expect(await deliver(d, { exchangeRoot: root })).toMatchObject({ ok: true, alreadyPresent: true });
    const changed = { ...d, payload: { ...d.payload, attachments: { "anlage-1.pdf": Buffer.from("other").toString("base64") } } };
    expect(await deliver(changed, { exchangeRoot: root })).toMatchObject({ ok: false, errorClass: "exists-different" });
    expect(readFileSync(path.join(dir, "anlage-1.pdf"), "utf8")).toBe("%PDF-1.4 test");
    expect(readdirSync(path.join(root, "lra/in"))).toEqual([base]); // no temp folder left
  });

  test("unsafe attachment names and bad base64 are refused before anything is written", async () => {
    const root = tempDir();
    for (const [name, content, cls] of [
      ["../../evil.sh", "YQ==", "unsafe-name"],
      [".hidden", "YQ==", "unsafe-name"],
      ["a/b", "YQ==", "unsafe-name"],
      ["ok.pdf", "not base64!", "bad-attachment"],
    ] as const) {
      const d = delivery(folder("in"), "<a/>");
      d.payload.attachments = { [name]: content };
      expect(await deliver(d, { exchangeRoot: root })).toMatchObject({ ok: false, errorClass: cls });
    }
    expect(existsSync(path.join(root, "in")) ? readdirSync(path.join(root, "in")) : []).toEqual([]);
    expect(existsSync(path.join(root, "..", "evil.sh"))).toBe(false);
  });
});

describe("paths stay inside the exchange root", () => {
  test.each([["../outside"], ["/tmp/abs"], ["in/../../outside"], ["in\\..\\x"], ["a\u0000b"]])("inbox %j is refused", async (inbox) => {
    const root = tempDir();
    mkdirSync(path.join(root, "ex"));
    const out2 = await deliver(delivery(xmlFile(inbox), "<a/>"), { exchangeRoot: path.join(root, "ex") });
    expect(out2).toMatchObject({ ok: false, errorClass: "path-escape" });
    expect(readdirSync(root)).toEqual(["ex"]);
    expect(readdirSync(path.join(root, "ex"))).toEqual([]);
  });

  test("a symlinked directory leading outside is refused; one staying inside is followed", async () => {
    const root = tempDir();
    const outside = tempDir();
    symlinkSync(outside, path.join(root, "link-out"));
    const out = await deliver(delivery(xmlFile("link-out/in"), "<a/>"), { exchangeRoot: root });
    expect(out).toMatchObject({ ok: false, errorClass: "path-escape" });
    expect(readdirSync(outside)).toEqual([]); // not even the "in" directory was created outside
    mkdirSync(path.join(root, "real"));
    symlinkSync(path.join(root, "real"), path.join(root, "link-in"));
    const ok = await deliver(delivery(xmlFile("link-in/in"), "<a/>"), { exchangeRoot: root });
    expect(ok.ok).toBe(true);
    expect(readdirSync(path.join(root, "real/in"))).toHaveLength(1);
  });

  test("a file name that is not one safe component is refused", async () => {
    for (const fileName of ["../x.xml", "/etc/x.xml", ".x.xml", "a/b.xml", ""]) {
      expect(await deliver(delivery(xmlFile("in"), "<a/>", { fileName }), { exchangeRoot: tempDir() })).toMatchObject({ ok: false, errorClass: "unsafe-name" });
    }
  });

  test("a file where a directory is expected is refused", async () => {
    const root = tempDir();
    writeFileSync(path.join(root, "in"), "x");
    expect(await deliver(delivery(xmlFile("in/sub"), "<a/>"), { exchangeRoot: root })).toMatchObject({ ok: false, errorClass: "path-escape" });
    expect(lstatSync(path.join(root, "in")).isFile()).toBe(true);
  });
});
