import { describe, expect, it } from "vitest";
import { passwordProblems, roleAndPartyProblem, tokenRolesFor } from "./accounts.js";

describe("account rules", () => {
  it("accepts long passphrases and refuses short, repetitive, well-known, sequential and e-mail passwords", () => {
    expect(passwordProblems("correct horse battery staple")).toEqual([]);
    expect(passwordProblems("short")).toContain("is shorter than 12 characters");
    expect(passwordProblems("aaaaaaaaaaaaaaaa")).toContain("uses fewer than 5 different characters");
    expect(passwordProblems("Password1234")).toContain("is a well-known or sequential password");
    expect(passwordProblems("3456789012345")).toContain("is a well-known or sequential password");
    expect(passwordProblems("lmnopqrstuvwx")).toContain("is a well-known or sequential password");
    expect(passwordProblems("natalia.k-2024!", "Natalia.K@example.org")).toContain(
      "contains the e-mail address",
    );
    expect(passwordProblems("x".repeat(257))).toContain("is longer than 256 characters");
  });

  it("lets a token carry its account's role or a lower one; a representative's only its own", () => {
    expect(tokenRolesFor("administrator")).toEqual(["administrator", "mediator", "monitor"]);
    expect(tokenRolesFor("mediator")).toEqual(["mediator", "monitor"]);
    expect(tokenRolesFor("monitor")).toEqual(["monitor"]);
    expect(tokenRolesFor("party_representative")).toEqual(["party_representative"]);
  });

  it("binds exactly the party representative to a party", () => {
    expect(roleAndPartyProblem("party_representative", "armenia")).toBeUndefined();
    expect(roleAndPartyProblem("party_representative", null)).toMatch(/needs the party/);
    expect(roleAndPartyProblem("monitor", "armenia")).toMatch(/only a party representative/);
    expect(roleAndPartyProblem("monitor", undefined)).toBeUndefined();
  });
});
