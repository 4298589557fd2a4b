/** Check production-certification (SW2060): no uncertified system is reachable in stage production. */
import { describe, expect, it } from "vitest";
import { BASE, at, edit, problemsOf } from "../../helpers/rules.js";

const certifiedSender = edit(BASE, "system S implements Sender\n", "system S implements Sender { certified }\n");
const inStage = (stage: string, text = certifiedSender): string => edit(text, 'region "04" "Bremen" {\n', `region "04" "Bremen" {\n  stage ${stage}\n`);

describe("production-certification", () => {
  it("accepts certified systems in production", () => {
    const src = inStage("production", edit(certifiedSender, "system E implements Empfaenger\n", "system E implements Empfaenger { certified }\n"));
    expect(problemsOf(src)).toEqual([]);
  });

  it.each(["test", "pilot"])("accepts an uncertified system in stage %s", (stage) => {
    expect(problemsOf(inStage(stage))).toEqual([]);
  });

  it("accepts an uncertified system when no stage is set (the default is test)", () => {
    expect(problemsOf(certifiedSender)).toEqual([]);
  });

  it("accepts an uncertified system whose municipality stays in pilot under a production state", () => {
    const src = inStage("production", edit(certifiedSender, "system E implements Empfaenger\n", "system E implements Empfaenger { certified }\nsystem E2 implements Empfaenger\n"))
      + '\nregion "04012" "Bremerhaven" {\n  override stage pilot\n  override Empfaenger = E2 via filesystem { inbox "bremerhaven/in" }\n}\n';
    expect(problemsOf(src)).toEqual([]);
  });

  it("reports an uncertified receiver at the `stage production` item", () => {
    const src = inStage("production");
    expect(problemsOf(src)).toEqual([at("a.stw", src, "stage production", "SW2060")]);
  });

  it("reports the root cause once, not once per region block that inherits the production stage", () => {
    const src = inStage("production") + '\nregion "04011" "Bremen" {\n  set mandant = "HB"\n}\n\nregion "04012" "Bremerhaven" {\n  set mandant = "BHV"\n}\n';
    expect(problemsOf(src)).toEqual([at("a.stw", src, "stage production", "SW2060")]);
  });

  it("reports each uncertified system separately", () => {
    const src = inStage("production", BASE);
    expect(problemsOf(src)).toEqual([at("a.stw", src, "stage production", "SW2060"), at("a.stw", src, "stage production", "SW2060")]);
  });

  it("reports a municipality that a more specific block puts in production", () => {
    const src = inStage("pilot") + '\nregion "04012000" "Bremerhaven" {\n  override stage production\n}\n';
    expect(problemsOf(src)).toEqual([at("a.stw", src, "override stage production", "SW2060")]);
  });
});
