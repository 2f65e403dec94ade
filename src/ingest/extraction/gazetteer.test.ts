import { describe, expect, it } from "vitest";
import { demoRegistry } from "./demo-registry.js";
import { buildGazetteer, findMentions, fold } from "./gazetteer.js";
import type { ExtractionRegistry, Mention } from "./types.js";

const demo = buildGazetteer(demoRegistry());
const summary = (mentions: Mention[]) => mentions.map((m) => `${m.kind}:${m.recordId}:${m.text}:${m.rule}`);

/** Two officials of one party who share a family name, and a third party. */
const sharedSurname: ExtractionRegistry = {
  parties: [
    { id: "ruritania", shortName: "Ruritania", names: [{ text: "Republic of Ruritania", lang: "en" }] },
    { id: "osterlich", shortName: "Osterlich", names: [{ text: "Osterlich", lang: "en" }] },
  ],
  persons: [
    {
      id: "petrosyan-president",
      names: [{ text: "Arman Petrosyan", lang: "en" }],
      roles: [{ office: "President of the Republic of Ruritania", partyId: "ruritania", from: "2020-01-01" }],
    },
    {
      id: "petrosyan-mp",
      names: [{ text: "Gayane Petrosyan", lang: "en" }],
      roles: [{ office: "Member of Parliament", partyId: "ruritania", from: "2021-06-01" }],
    },
  ],
  places: [],
};

describe("buildGazetteer and findMentions", () => {
  it("folds case, diacritics and dotless i", () => {
    expect(fold("Şuşa")).toBe("susa");
    expect(fold("Bakı")).toBe("baki");
    expect(fold("Nagorno-Karabakh  authorities")).toBe("nagorno karabakh authorities");
  });

  it("finds parties by name, demonym and metonym, mapped to the registry's ids", () => {
    const text =
      "Azerbaijani forces and Armenian troops; Baku, Yerevan, Moscow and the Kremlin; the EU in Brussels; the OSCE Minsk Group; Russian peacekeepers.";
    const mentions = findMentions(text, demo);
    expect(summary(mentions)).toEqual([
      "party:azerbaijan:Azerbaijani:demonym",
      "party:armenia:Armenian:demonym",
      "party:azerbaijan:Baku:metonym",
      "party:armenia:Yerevan:metonym",
      "party:russia:Moscow:metonym",
      "party:russia:Kremlin:metonym",
      "party:eu:EU:name",
      "party:eu:Brussels:metonym",
      "party:osce-minsk-cochairs:OSCE Minsk Group:name",
      "party:russian-peacekeepers:Russian peacekeepers:name",
    ]);
  });

  it("finds places by every side's name and transliteration", () => {
    const text =
      "From Shushi (Şuşa) to Shusha, Stepanakert / Khankendi, Berdzor or Lachin, along the Lachin corridor; Karvachar, Kəlbəcər, Akna; Шуша.";
    const ids = findMentions(text, demo).map((m) => `${m.recordId}:${m.text}`);
    expect(ids).toEqual([
      "shusha:Shushi",
      "shusha:Şuşa",
      "shusha:Shusha",
      "khankendi:Stepanakert",
      "khankendi:Khankendi",
      "lachin:Berdzor",
      "lachin:Lachin",
      "lachin-corridor:Lachin corridor",
      "kalbajar:Karvachar",
      "kalbajar:Kəlbəcər",
      "aghdam:Akna",
      "shusha:Шуша",
    ]);
  });

  it("reads Stepanakert as the authorities only when it speaks", () => {
    const mentions = findMentions("Stepanakert said the road was closed. Stepanakert is a town.", demo);
    expect(summary(mentions)).toEqual([
      "place:khankendi:Stepanakert:name",
      "party:nk-authorities:Stepanakert:metonym",
      "place:khankendi:Stepanakert:name",
    ]);
  });

  it("matches acronyms only in capitals", () => {
    expect(summary(findMentions("The US and the EU told us to wait.", demo))).toEqual([
      "party:united-states:US:name",
      "party:eu:EU:name",
    ]);
  });

  it("resolves an institution to the party named with it, and a later bare mention to the same party", () => {
    const text =
      "The Artsakh Foreign Ministry said so. Later the foreign ministry added more. Azerbaijan's foreign ministry denied it.";
    expect(summary(findMentions(text, demo))).toEqual([
      "party:nk-authorities:Artsakh:name",
      "party:nk-authorities:Artsakh Foreign Ministry:role",
      "party:nk-authorities:foreign ministry:coreference",
      "party:azerbaijan:Azerbaijan:name",
      "party:azerbaijan:Azerbaijan's foreign ministry:role",
    ]);
  });

  it("resolves persons by title and party, and a role without a name to its holder", () => {
    const text =
      "Azerbaijani President Ilham Aliyev met Foreign Minister of Russia Sergey Lavrov; the Russian foreign minister then left.";
    const persons = findMentions(text, demo, { asOf: "2023-01-18" }).filter((m) => m.kind === "person");
    expect(persons.map((m) => [m.recordId, m.text, m.office])).toEqual([
      ["aliyev", "President Ilham Aliyev", "president"],
      ["lavrov", "Foreign Minister of Russia Sergey Lavrov", "foreign minister"],
      ["lavrov", "Russian foreign minister", "foreign minister"],
    ]);
  });

  it("tells apart two persons sharing a surname by the title the text gives them", () => {
    const gazetteer = buildGazetteer(sharedSurname);
    const text = "President Petrosyan met MP Petrosyan in the capital. Later, Petrosyan spoke.";
    const persons = findMentions(text, gazetteer, { asOf: "2023-03-01" }).filter((m) => m.kind === "person");
    expect(persons.map((m) => [m.text, m.recordId, m.rule])).toEqual([
      ["President Petrosyan", "petrosyan-president", "role"],
      ["MP Petrosyan", "petrosyan-mp", "role"],
      // Both were named: a bare surname is not guessed.
      ["Petrosyan", null, "coreference"],
    ]);
    expect(persons[2]?.candidates).toEqual(["petrosyan-mp", "petrosyan-president"]);
  });

  it("resolves a bare surname to the one of the two the text named in full", () => {
    const gazetteer = buildGazetteer(sharedSurname);
    const persons = findMentions("Gayane Petrosyan spoke. Petrosyan added that...", gazetteer).filter(
      (m) => m.kind === "person",
    );
    expect(persons.map((m) => m.recordId)).toEqual(["petrosyan-mp", "petrosyan-mp"]);
  });

  it("does not resolve a title the registry's namesakes never held: a suggested new person", () => {
    const gazetteer = buildGazetteer(sharedSurname);
    const [mention] = findMentions("Foreign Minister Petrosyan arrived.", gazetteer).filter(
      (m) => m.kind === "person",
    );
    expect(mention?.recordId).toBeNull();
    expect(mention?.suggestedPerson).toEqual({ name: "Petrosyan", office: "foreign minister" });
  });

  it("makes an unknown person after a title a suggested new person with that role and party", () => {
    const gazetteer = buildGazetteer(sharedSurname);
    const mentions = findMentions(
      "Ruritanian sources say Osterlich Deputy Foreign Minister Lena Vogt arrived on Monday.",
      gazetteer,
    );
    const person = mentions.find((m) => m.kind === "person");
    expect(person).toMatchObject({
      recordId: null,
      rule: "role",
      text: "Deputy Foreign Minister Lena Vogt",
      suggestedPerson: { name: "Lena Vogt", office: "deputy foreign minister", partyId: "osterlich" },
    });
    const alone = findMentions("Deputy Foreign Minister Jan Novak said on Monday.", gazetteer).find(
      (m) => m.kind === "person",
    );
    expect(alone?.suggestedPerson).toEqual({ name: "Jan Novak", office: "deputy foreign minister" });
  });

  it("scans a long text in linear time and caps the mentions", () => {
    const text = "Azerbaijan and Armenia met in Shusha. ".repeat(60_000);
    const started = performance.now();
    const mentions = findMentions(text, demo, { maxMentions: 1_000 });
    expect(mentions).toHaveLength(1_000);
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});

describe("findMentions on text with nothing to find", () => {
  it("reads 3 MB of mixed scripts quickly", () => {
    const text = "lorem ipsum Ադրբեջանական dolor шуша sit amet 東京 ".repeat(60_000);
    const started = performance.now();
    findMentions(text, demo);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe("roles without names", () => {
  it("resolves 'Ruritania's president' and 'his spokesperson' to the holders at the document's date", () => {
    const registry: ExtractionRegistry = {
      ...sharedSurname,
      persons: [
        ...sharedSurname.persons,
        {
          id: "spokesperson-old",
          names: [{ text: "Old Speaker", lang: "en" }],
          roles: [{ office: "Spokesperson of the President", partyId: "ruritania", to: "2022-12-31" }],
        },
        {
          id: "spokesperson-new",
          names: [{ text: "New Voice", lang: "en" }],
          roles: [{ office: "Spokesperson of the President", partyId: "ruritania", from: "2023-01-01" }],
        },
      ],
    };
    const gazetteer = buildGazetteer(registry);
    const text =
      "Ruritania's president travelled. Arman Petrosyan met the press; his spokesperson spoke later.";
    const persons = (asOf: string) =>
      findMentions(text, gazetteer, { asOf })
        .filter((m) => m.kind === "person")
        .map((m) => [m.text, m.recordId]);
    expect(persons("2023-03-01")).toEqual([
      ["Ruritania's president", "petrosyan-president"],
      ["Arman Petrosyan", "petrosyan-president"],
      ["spokesperson", "spokesperson-new"],
    ]);
    expect(persons("2022-06-01")[2]).toEqual(["spokesperson", "spokesperson-old"]);
  });
});

describe("names as the agreements write them", () => {
  it("reads initials with and without spaces, and a title with 'of the Republic of'", () => {
    const text =
      "We, the Prime Minister of the Republic of Armenia N.V. Pashinyan, the President of the Republic of Azerbaijan I.H.Aliyev and Deputy Foreign Minister J. Novak.";
    const persons = findMentions(text, demo).filter((m) => m.kind === "person");
    expect(persons.map((m) => [m.recordId, m.office, m.suggestedPerson?.name ?? null])).toEqual([
      ["pashinyan", "prime minister", null],
      ["aliyev", "president", null],
      [null, "deputy foreign minister", "J. Novak"],
    ]);
  });
});
