/** Test helpers for adapters: temporary exchange roots and routed deliveries from the fixture table. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterEach } from "vitest";
import type { RoutedDelivery } from "../../src/runtime/api.js";
import { route } from "../../src/runtime/router.js";
import type { Adapter } from "../../src/table/routing-table.js";
import { fixtureBytes, loadFixture } from "../runtime/fixtures.js";

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A fresh temporary directory, removed after the test. */
export function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), "stellwerk-adapter-"));
  made.push(d);
  return d;
}

const table = loadFixture();

/** The deliveries the router makes for a fixture message. */
export async function routed(rel: string): Promise<RoutedDelivery[]> {
  const r = await route(table, fixtureBytes(rel));
  if (!r.ok) throw new Error(`${r.reason}: ${r.detail}`);
  return r.deliveries;
}

/** A hand-made delivery with the given adapter and payload text. */
export function delivery(adapter: Adapter, text: string, over: Partial<RoutedDelivery> = {}): RoutedDelivery {
  return {
    scenario: "gewerbe.A10",
    messageId: "00000000-0000-0000-0000-000000000009",
    region: "14",
    level: "state",
    role: "gewerbe.Pflichtempfaenger",
    system: "gewerbe.StaLA",
    endpoint: 1,
    adapter,
    message: "gewerbe.StaMeldung",
    payload: { mediaType: "application/xml", text, value: {} },
    fileName: "a10_00000000-0000-0000-0000-000000000009_pflichtempfaenger-stala-0af1bd47.xml",
    setBy: { file: "gewerbe/sachsen.stw", line: 10, region: "14", level: "state" },
    ...over,
  };
}
