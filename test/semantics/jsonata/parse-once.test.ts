import { beforeEach, expect, test, vi } from "vitest";

const calls = vi.hoisted(() => ({ n: 0 }));
vi.mock("jsonata", async (importOriginal) => {
  const real = (await importOriginal<{ default: (src: string) => unknown }>()).default;
  return {
    default: (src: string) => {
      calls.n++;
      return real(src);
    },
  };
});

const { checkExpression, parseJsonata } = await import("../../../src/semantics/jsonata/index.js");
const { GEWERBEMELDUNG, REGISTRY } = await import("../../fixtures/jsonata/types.js");

beforeEach(() => {
  calls.n = 0;
});

test("checking parses the source once, and not at all with a cached AST", () => {
  const src = '$map(satz, function($s) { $s.betrieb.anschrift.plz ?? "-" })';
  checkExpression(src, GEWERBEMELDUNG, { registry: REGISTRY });
  expect(calls.n).toBe(1);
  const { ast } = parseJsonata(src);
  expect(calls.n).toBe(2);
  for (let i = 0; i < 5; i++) checkExpression(src, GEWERBEMELDUNG, { registry: REGISTRY, ast });
  expect(calls.n).toBe(2);
});

test("a syntax error costs one parse too", () => {
  checkExpression("satz[0", GEWERBEMELDUNG, { registry: REGISTRY });
  expect(calls.n).toBe(1);
});
