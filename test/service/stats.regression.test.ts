/**
 * Regression: the service statistics never run ahead of what they stand for.
 * A test that waited for a count and then looked at the folders or the
 * journal failed on CI when "done" was counted before the claimed copy was
 * removed; "delivered" was likewise counted as soon as one target's file was
 * published, before the pass was journaled. Here one target of a fan-out is
 * held back while the other is delivered, so the gap is wide open: a count
 * must already be true of the journal and the claim area whenever it is seen.
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type { RoutedDelivery } from "../../src/runtime/api.js";
import { runtimeDelivery } from "../../src/service/runtime-ports.js";
import type { DeliveryPort, DeliveryResult } from "../../src/service/ports.js";
import { drop, journalRows, message, waitFor, walk } from "./helpers/env.js";
import { serviceHarness } from "./helpers/harness.js";

const t = serviceHarness();

/** Resolves after every microtask queued so far (and those they queue) has run. */
const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

/** The real adapters; the LRA delivery waits until released, and each target reports when its delivery returned. */
function heldLra(): { port: DeliveryPort; lraCalled: Promise<void>; stalaReturned: Promise<void>; release(): void } {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let called!: () => void;
  const lraCalled = new Promise<void>((r) => (called = r));
  let returned!: () => void;
  const stalaReturned = new Promise<void>((r) => (returned = r));
  return {
    lraCalled,
    stalaReturned,
    release,
    port: {
      deliver: async (d: RoutedDelivery, ctx): Promise<DeliveryResult> => {
        if (d.recipient === "LRA Mittelsachsen") {
          called();
          await gate;
          return runtimeDelivery.deliver(d, ctx);
        }
        const out = await runtimeDelivery.deliver(d, ctx);
        if (d.recipient === "StaLA Sachsen") returned();
        return out;
      },
    },
  };
}

describe("service statistics", () => {
  it("count a delivery only once it is journaled, and a message done only once its claimed copy is gone", async () => {
    const held = heldLra();
    const s = await t.start({ delivery: held.port });
    await drop(t.env.at("freiberg/gewerbe/out"), "a10.xml", message("a10"));
    const journaledDelivered = (): number => journalRows(t.env.state).deliveries.filter((d) => d.state === "delivered").length;
    try {
      await Promise.all([held.lraCalled, held.stalaReturned]);
      await settle();
      // StaLA's file is published, LRA's is held: the pass is not journaled yet
      expect(journaledDelivered()).toBe(0);
      expect(s.stats().delivered).toBe(0);
      expect(s.stats().done).toBe(0);
    } finally {
      held.release(); // a held delivery would keep stop() waiting
    }
    await waitFor(() => s.stats().done === 1, 10_000, "done");
    expect(s.stats().delivered).toBe(2);
    expect(journaledDelivered()).toBe(2);
    expect(journalRows(t.env.state).intake.map((r) => r.state)).toEqual(["done"]);
    expect(await walk(path.join(t.env.state, "claimed"))).toEqual([]);
  });
});
