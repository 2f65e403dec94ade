import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectLanguage, normaliseLanguageTag } from "./language.js";

const statements = {
  en: "The Ministry of Foreign Affairs calls on the international community to ensure the unimpeded movement of persons, vehicles and cargo along the Lachin corridor in both directions.",
  hy: "Արտաքին գործերի նախարարությունը կոչ է անում միջազգային հանրությանը ապահովել մարդկանց, տրանսպորտային միջոցների և բեռների անխոչընդոտ տեղաշարժը Լաչինի միջանցքով երկու ուղղություններով։",
  az: "Xarici İşlər Nazirliyi bəyan edir ki, Laçın yolu ilə humanitar yüklərin maneəsiz hərəkəti təmin olunur və Azərbaycan tərəfi sülh danışıqlarına hazırdır.",
  ru: "Министерство иностранных дел призывает международное сообщество обеспечить беспрепятственное движение граждан, транспортных средств и грузов по Лачинскому коридору в обоих направлениях.",
};

describe("detectLanguage", () => {
  it.each(Object.entries(statements))("reads a %s statement", (language, text) => {
    const detected = detectLanguage(text);
    expect(detected.language).toBe(language);
    expect(detected.confidence).toBeGreaterThan(0.5);
  });

  it("reads short Azerbaijani as Azerbaijani, not Turkmen or Turkish", () => {
    expect(detectLanguage("Laçın yolu açıqdır və yüklər keçir.").language).toBe("az");
  });

  it("tells Turkish from Azerbaijani when both are candidates", () => {
    const turkish =
      "Dışişleri Bakanlığı, uluslararası toplumu Laçin koridorunda serbest dolaşımı sağlamaya çağırıyor.";
    expect(detectLanguage(turkish, ["az", "tr", "en"]).language).toBe("tr");
    expect(detectLanguage(statements.az, ["az", "tr", "en"]).language).toBe("az");
  });

  it("lets franc choose among Cyrillic languages when Ukrainian is a candidate", () => {
    const ukrainian =
      "Міністерство закордонних справ закликає міжнародну спільноту забезпечити вільний рух людей і вантажів Лачинським коридором.";
    expect(detectLanguage(ukrainian, ["ru", "uk", "en"]).language).toBe("uk");
    expect(detectLanguage(statements.ru, ["ru", "uk", "en"]).language).toBe("ru");
    expect(detectLanguage(ukrainian).language).toBe("ru");
  });

  it("reads French and German when asked to", () => {
    const french =
      "Le ministère des Affaires étrangères appelle la communauté internationale à garantir la libre circulation dans le corridor de Latchine.";
    const german =
      "Das Außenministerium fordert die internationale Gemeinschaft auf, den freien Verkehr im Latschin-Korridor sicherzustellen.";
    expect(detectLanguage(french, ["en", "fr", "de"]).language).toBe("fr");
    expect(detectLanguage(german, ["en", "fr", "de"]).language).toBe("de");
  });

  it("goes by the majority script in a mixed text", () => {
    const mixed = `${statements.hy} Lachin corridor. ${statements.hy}`;
    expect(detectLanguage(mixed).language).toBe("hy");
  });

  it("always answers one of the candidates or 'und', with a confidence in 0..1", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => {
        const detected = detectLanguage(text);
        expect(["en", "hy", "az", "ru", "und"]).toContain(detected.language);
        expect(detected.confidence).toBeGreaterThanOrEqual(0);
        expect(detected.confidence).toBeLessThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });

  it("says 'und' when there is too little to tell", () => {
    expect(detectLanguage("")).toEqual({ language: "und", confidence: 0 });
    expect(detectLanguage("Lachin, 2023.").language).toBe("und");
    expect(detectLanguage("12.03.2023 — 14:00 — 1,200 — 3%").language).toBe("und");
    expect(detectLanguage(statements.en, ["xx"]).language).toBe("und");
  });
});

describe("normaliseLanguageTag", () => {
  it.each([
    ["en-GB", "en"],
    ["hy-AM", "hy"],
    ["pt-pt", "pt"],
    ["RU", "ru"],
    ["az_Latn_AZ", "az"],
    ["eng", "en"],
    ["hye", "hy"],
    ["  de ", "de"],
  ])("%j → %j", (tag, code) => {
    expect(normaliseLanguageTag(tag)).toBe(code);
  });

  it.each([undefined, "", "english", "x", "12", "--", "zzz"])("%j → undefined", (tag) => {
    expect(normaliseLanguageTag(tag)).toBeUndefined();
  });
});
