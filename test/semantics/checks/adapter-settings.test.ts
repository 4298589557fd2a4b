/**
 * Adapter settings (src/semantics/checks/adapter-settings.ts, run for every
 * binding and dead-letter endpoint): SW2040 missing, SW2041 unknown, SW2042
 * invalid, SW2043 a secret written literally.
 */
import { describe, expect, it } from "vitest";
import { BASE, at, edit, problemsOf } from "../../helpers/rules.js";
import { buildSources } from "../../helpers/compile.js";

const RECEIVER = 'E via filesystem { inbox "e/in" }';
const receiver = (adapter: string): string => edit(BASE, RECEIVER, `E via ${adapter}`);

describe("adapter settings: valid", () => {
  it.each([
    ['filesystem { inbox "e/in" variant folder encoding "ISO-8859-15" }'],
    ['filesystem { inbox "e/in" outbox "e/out" variant xml-file encoding "utf-8" }'],
    ['filesystem { inbox "gemeinden/04011/gewerbe/eingang" encoding "ISO-8859-1" }'],
    ['webservice { url "https://e.example/api/v1/gewerbe" method PUT auth secret "E_TOKEN_1" timeout 100 attempts 20 }'],
    ['webservice { url "http://localhost:8080/in" method post timeout 600000 attempts 1 }'],
    ['osci { recipient "dvdv:gewerbe:04011000" service "urn:xoev-de:xgewerbeanzeige:2.1" orders "osci/auftraege" }'],
    ['filesystem { inbox "e/in" } in production via webservice { url "https://e.example/api" auth secret "E_TOKEN" } in pilot via osci { recipient "dvdv:1" }'],
  ])("accepts %s", (adapter) => {
    expect(problemsOf(receiver(adapter))).toEqual([]);
  });

  it("writes the validated settings into the table's endpoint", () => {
    const src = receiver('webservice { url "https://e.example/api" method PUT auth secret "E_TOKEN" timeout 2500 attempts 5 }');
    const { output } = buildSources({ "a.stw": src }, "test");
    expect(output!.table.endpoints).toContainEqual({
      system: "p.E",
      adapter: { kind: "webservice", url: "https://e.example/api", method: "PUT", authSecret: "E_TOKEN", timeoutMs: 2500, maxAttempts: 5 },
    });
  });

  it("upper-cases the encoding and defaults variant and encoding", () => {
    const { output } = buildSources({ "a.stw": receiver('filesystem { inbox "e/in" encoding "iso-8859-15" }') }, "test");
    expect(output!.table.endpoints).toContainEqual({ system: "p.E", adapter: { kind: "filesystem", inbox: "e/in", variant: "xml-file", encoding: "ISO-8859-15" } });
  });
});

describe("adapter settings: invalid", () => {
  const cases: Array<[string, string, string, string]> = [
    ["timeout below 100 ms", 'webservice { url "https://e.example/api" timeout 99 }', "timeout 99", "SW2042"],
    ["timeout above 10 minutes", 'webservice { url "https://e.example/api" timeout 600001 }', "timeout 600001", "SW2042"],
    ["a fractional timeout", 'webservice { url "https://e.example/api" timeout 1.5 }', "timeout 1.5", "SW2042"],
    ["a timeout given as a string", 'webservice { url "https://e.example/api" timeout "5000" }', 'timeout "5000"', "SW2042"],
    ["21 attempts", 'webservice { url "https://e.example/api" attempts 21 }', "attempts 21", "SW2042"],
    ["an empty inbox path", 'filesystem { inbox "" }', 'inbox ""', "SW2042"],
    ["a Windows drive path", 'filesystem { inbox "C:/exchange/in" }', 'inbox "C:/exchange/in"', "SW2042"],
    ["a backslash path", 'filesystem { inbox "\\\\server\\\\in" }', 'inbox "\\\\server\\\\in"', "SW2042"],
    ["a control character in a path", 'filesystem { inbox "e/\\tin" }', 'inbox "e/\\tin"', "SW2042"],
    ["an unknown osci setting", 'osci { recipient "dvdv:1" url "https://x" }', "url", "SW2041"],
    ["a webservice setting on a filesystem adapter", 'filesystem { inbox "e/in" method POST }', "method", "SW2041"],
    ["an API key in the query string", 'webservice { url "https://e.example/api?apikey=abc" }', 'url "https://e.example/api?apikey=abc"', "SW2043"],
    ["a token setting", 'webservice { url "https://e.example/api" token "abc" }', 'token "abc"', "SW2043"],
    ["a secret setting", 'webservice { url "https://e.example/api" secret "abc" }', 'secret "abc"', "SW2043"],
    ["auth with a bare word", 'webservice { url "https://e.example/api" auth basic }', "auth basic", "SW2043"],
    ["a user name in the URL", 'webservice { url "https://gewerbe@e.example/api" }', 'url "https://gewerbe@e.example/api"', "SW2043"],
  ];
  it.each(cases)("reports %s", (_what, adapter, needle, code) => {
    const src = receiver(adapter);
    expect(problemsOf(src)).toEqual([at("a.stw", src, needle, code)]);
  });

  it("reports every invalid setting of one adapter", () => {
    const src = receiver('filesystem { inbox "/in" variant zip encoding "EBCDIC" }');
    expect(problemsOf(src)).toEqual([at("a.stw", src, 'inbox "/in"', "SW2042"), at("a.stw", src, "variant zip", "SW2042"), at("a.stw", src, 'encoding "EBCDIC"', "SW2042")]);
  });

  it("reports a missing url once, though the adapter is inherited by more specific blocks", () => {
    const src = receiver("webservice { method POST }") + '\nregion "04011" {\n  set x = 1\n}\n';
    expect(problemsOf(src)).toEqual([at("a.stw", src, "webservice", "SW2040")]);
  });

  it("checks the settings of a dead-letter endpoint", () => {
    const src = edit(BASE, "  region `ags`\n", '  region `ags`\n  unroutable dead-letter E via webservice { url "https://e.example/fehler" auth "geheim" }\n');
    expect(problemsOf(src)).toEqual([at("a.stw", src, 'auth "geheim"', "SW2043")]);
  });

  it("never puts a literal secret into the table (the build writes nothing)", () => {
    const src = receiver('webservice { url "https://user:pa55word@e.example/api" }');
    const r = buildSources({ "a.stw": src }, "test");
    expect(r.output).toBeUndefined();
    expect(r.diagnostics.map((d) => d.message).join("\n")).not.toContain("pa55word");
  });
});
