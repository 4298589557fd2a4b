/**
 * Regression: a table expression with a regular expression like `(a+)+$`
 * made `stellwerk route` hang (killed after 30 s) on a 40-character field:
 * JSONata hands a regular expression to the engine in one call, which the
 * evaluation time limit cannot interrupt. Such patterns are now refused when a
 * table is loaded (TableError "expression"), and the compiler reports them as
 * SW2422, so they never reach a table. The same pattern in text evaluated by
 * `$eval` (usually message text) is refused when `$eval` is called.
 */
import { describe, expect, test } from "vitest";
import { TableError } from "../../src/runtime/table-error.js";
import { checkExpression } from "../../src/semantics/jsonata/index.js";
import { backtrackingRegexes, nestedRepetition } from "../../src/table/regex-backtracking.js";
import jsonata from "jsonata";
import { GEWERBEMELDUNG, REGISTRY } from "../fixtures/jsonata/types.js";
import { route } from "../../src/runtime/router.js";
import { A1_FREIBERG, enc, fixtureText, loadFixture } from "../runtime/fixtures.js";

describe("nestedRepetition", () => {
  test("finds a repeated group that holds an unbounded repetition without a delimiter", () => {
    for (const p of ["(a+)+$", "(a*)*", "((a+))+", "(\\w*\\s?)*!", "((a+)?)*", "(a{2,})+", "(a+)+?", "(a+){2,}", "(\\s?\\w+)*", "(a\\w+)*!", "(x+x+)+y", "(\\w+\\d)+", "(?<n>a+)+", "(.*,)*x"]) {
      expect([p, nestedRepetition(p)]).toEqual([p, 0]);
    }
    expect(nestedRepetition("^x(a|(b+))*$")).toBe(2);
    // case-insensitive: "A" can take what [a-z] takes
    expect(nestedRepetition("([a-z]+A)+")).toBe(-1);
    expect(nestedRepetition("([a-z]+A)+", "i")).toBe(0);
  });

  test("leaves single, bounded and delimited repetitions, escapes and character classes alone", () => {
    for (const p of ["(?:x+y)+", "(\\d+\\.)+\\d+", "\\w+(\\s\\w+)*$", "(\\.\\w+)*", "([a-z]+-)+[a-z]+", "(a|b)+", "a+b*", "(ab)+", "(a+)?", "[(a+)]+", "\\(a+\\)+", "(a{2})+", "(\\d{1,9}\\.)+\\d+", "^[A-Z]{2}\\d+$", "\\d+(\\.\\d+)+", "[\\]+]+(x)+"]) {
      expect([p, nestedRepetition(p)]).toEqual([p, -1]);
    }
  });

  test("finds every such regular expression in a JSONata tree, also inside functions", () => {
    const ast = jsonata('$match(x, /(a+)+$/) or $contains(y, /ab+/) or $f(function($s){ $replace($s, /(x*)*/, "") })').ast();
    expect(backtrackingRegexes(ast)).toHaveLength(2);
  });
});

describe("loading a table", () => {
  test("a region expression with (a+)+$ is refused at load, naming index and position, not the pattern", () => {
    let error: unknown;
    try {
      loadFixture("gewerbe", (t) => {
        t.expressions[t.scenarios["gewerbe.A1"]!.region] = '$match(gemeinde, /(a+)+$/) ? "x" : gemeinde';
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TableError);
    expect((error as TableError).format()).toBe(
      "error[expression]: a JSONata expression of the table does not compile\n" +
        "  expressions[4]: the regular expression at position 25 repeats a group that holds a repetition (exponential backtracking on hostile input)",
    );
  });
});

describe("the compiler's check", () => {
  test("reports SW2422 at the regular expression", () => {
    const expr = "$match(nachrichtenkopf.autor.behoerdenname, /(\\w+\\s?)*$/)";
    const found = checkExpression(expr, GEWERBEMELDUNG, { registry: REGISTRY, variables: {} }).diagnostics.filter((d) => d.code === "SW2422");
    expect(found.map((d) => [d.severity, expr.slice(d.start, d.end)])).toEqual([["error", "/(\\w+\\s?)*$/"]]);
    expect(checkExpression("$match(nachrichtenkopf.autor.behoerdenname, /\\w+(\\s\\w+)*$/)", GEWERBEMELDUNG, { registry: REGISTRY, variables: {} }).diagnostics).toEqual([]);
  });
});

describe("$eval of message text", () => {
  // The Antrag's region is read by `$eval(gemeinde)`: a rule evaluating message text (allowed with `allow untyped`).
  const table = loadFixture("gewerbe", (t) => {
    t.expressions[t.scenarios["gewerbe.A1"]!.region] = "($prefix := '145'; $eval(gemeinde))";
  });
  const antrag = (gemeinde: string): Uint8Array => enc(fixtureText(A1_FREIBERG).replace('"gemeinde": "14522180"', `"gemeinde": ${JSON.stringify(gemeinde)}`));

  test("a regular expression that backtracks exponentially in the evaluated text is refused, not run (it hung the router)", async () => {
    const started = performance.now();
    const r = await route(table, antrag('$match("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", /(a+)+$/) ? "x" : "14522180"'));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(r.ok ? "routed" : `${r.reason}: ${r.detail}`).toBe("unknown-region: region expression #4 failed: jsonata error regex-backtracking");
  });

  test("otherwise $eval works as the built-in: current input, local variables, nested $eval", async () => {
    for (const text of ['"14522180"', '$prefix & "22180"', '$eval("$prefix") & $substring(antragId, 0, 0) & "22180"']) {
      const r = await route(table, antrag(text));
      expect(r.ok ? r.region : r.detail).toBe("145220180180");
    }
    const bad = await route(table, antrag("$match("));
    expect(bad.ok ? "routed" : bad.detail).toBe("region expression #4 failed: jsonata error D3120");
  });
});
