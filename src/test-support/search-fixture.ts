import { createHash } from "node:crypto";
import type { Db } from "../store/database.js";
import { repositories } from "../store/repository.js";

/**
 * Records in English, Russian, Armenian and Azerbaijani for the search tests: short statement-like
 * texts about the Lachin corridor, the negotiations and a checkpoint, written for these tests. Each
 * document's words are chosen so one query tells one thing (stemming, ranking, a language's words).
 */

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const by = "search-test";

export interface SearchFixtureDocument {
  id: string;
  title: string;
  text: string;
  language: string;
  publisher: string;
  publishedOn: string | null;
  reviewState?: "draft" | "published";
  authorPartyId?: string;
  claimOfPartyId?: string;
}

export const searchFixtureDocuments = (p: string): SearchFixtureDocument[] => [
  {
    id: `${p}-en-title`,
    title: "Negotiations on the Lachin corridor resume in Brussels",
    text: "The delegations met for a full day. Both sides said the meeting was useful and agreed to meet again.",
    language: "en",
    publisher: "Ministry of Foreign Affairs of Armenia",
    publishedOn: "2023-02-10",
    authorPartyId: `${p}-armenia`,
  },
  {
    id: `${p}-en-body`,
    title: "Statement of the Ministry",
    text: "The ministry said that the negotiating teams discussed the corridor and the humanitarian situation.",
    language: "en",
    publisher: "Ministry of Foreign Affairs of Armenia",
    publishedOn: "2023-03-27",
    authorPartyId: `${p}-armenia`,
  },
  {
    id: `${p}-en-many`,
    title: "On the situation at the bridge",
    text: "A checkpoint was installed at the bridge. The checkpoint stops every vehicle, and the checkpoint is manned day and night; the corridor remains closed.",
    language: "en",
    publisher: "Ministry of Foreign Affairs of Azerbaijan",
    publishedOn: "2023-04-23",
    authorPartyId: `${p}-azerbaijan`,
  },
  {
    id: `${p}-en-few`,
    title: "Comment of the spokesperson",
    text: "Asked about the road, the spokesperson said a checkpoint is a sovereign matter, and that <b>travel</b> & trade should resume soon.",
    language: "en",
    publisher: "Ministry of Foreign Affairs of Azerbaijan",
    publishedOn: "2022-12-12",
  },
  {
    id: `${p}-ru`,
    title: "Заявление официального представителя",
    text: "Министр сообщил о переговорах по Лачинскому коридору и о работе контрольно-пропускного пункта.",
    language: "ru",
    publisher: "МИД России",
    publishedOn: "2023-05-02",
  },
  {
    id: `${p}-hy`,
    title: "Հայտարարություն",
    text: "Լաչինի միջանցքը փակ է արդեն քսան օր։ Անցակետը տեղադրվել է կամրջի վրա։",
    language: "hy",
    publisher: "ՀՀ ԱԳՆ",
    publishedOn: "2023-01-01",
  },
  {
    id: `${p}-az`,
    title: "Bəyanat",
    text: "Laçın yolunda nəzarət-buraxılış məntəqəsi quruldu. Danışıqlar davam edir.",
    language: "az",
    publisher: "Azərbaycan XİN",
    publishedOn: null,
  },
  {
    id: `${p}-draft`,
    title: "Draft note on the checkpoint",
    text: "Unpublished: the word quokkaword appears only here.",
    language: "en",
    publisher: "Monitoring desk",
    publishedOn: "2023-06-01",
    reviewState: "draft",
  },
  {
    id: `${p}-claim`,
    title: "Submission of a party",
    text: "Not yet reviewed: the word wombatword appears only in this party's own submission.",
    language: "en",
    publisher: "Government of Armenia",
    publishedOn: "2023-06-02",
    reviewState: "draft",
    claimOfPartyId: `${p}-armenia`,
  },
];

/** A process with parties, a person, a place, documents and one record of every searched kind. */
export async function seedSearchFixture(db: Db, p: string): Promise<void> {
  const processId = p;
  await repositories.processes.create(db, { id: p, name: `Search ${p}`, slug: p } as never, by);
  await repositories.parties.insertMany(
    db,
    [
      {
        id: `${p}-armenia`,
        processId,
        kind: "state",
        shortName: "Armenia",
        names: [
          { text: "Republic of Armenia", lang: "en", usedBy: [] },
          { text: "Հայաստանի Հանրապետություն", lang: "hy", usedBy: [] },
        ],
      },
      {
        id: `${p}-azerbaijan`,
        processId,
        kind: "state",
        shortName: "Azerbaijan",
        names: [
          { text: "Republic of Azerbaijan", lang: "en", usedBy: [] },
          { text: "Azərbaycan Respublikası", lang: "az", usedBy: [] },
        ],
      },
    ] as never,
    by,
  );
  await repositories.places.create(
    db,
    {
      id: `${p}-stepanakert`,
      processId,
      kind: "town",
      names: [
        { text: "Stepanakert", lang: "en", usedBy: [] },
        { text: "Ստեփանակերտ", lang: "hy", usedBy: [] },
        { text: "Xankəndi", lang: "az", usedBy: [] },
        { text: "Степанакерт", lang: "ru", usedBy: [] },
      ],
    } as never,
    by,
  );
  await repositories.persons.create(
    db,
    {
      id: `${p}-pashinyan`,
      processId,
      names: [
        { text: "Nikol Pashinyan", lang: "en", usedBy: [] },
        { text: "Նիկոլ Փաշինյան", lang: "hy", usedBy: [] },
      ],
      roles: [{ office: "Prime Minister", partyId: `${p}-armenia` }],
    } as never,
    by,
  );
  await repositories.documents.insertMany(
    db,
    searchFixtureDocuments(p).map(({ reviewState, ...d }) => ({
      ...d,
      processId,
      kind: "official_statement",
      cleanedText: d.text,
      sha256: sha256(d.text),
      reviewState: reviewState ?? "published",
    })) as never,
    by,
  );
  await seedRecords(db, p);
}

async function seedRecords(db: Db, p: string) {
  const processId = p;
  await repositories.incidents.create(
    db,
    {
      id: `${p}-incident`,
      processId,
      title: "Checkpoint installed at the Hakari bridge",
      monitoringType: "checkpoint_installed",
      startDate: "2023-04-23",
      locationName: "Lachin corridor",
      description: "A checkpoint was installed on the road of the Lachin corridor at the Hakari bridge.",
      allegedByPartyIds: [`${p}-armenia`],
    } as never,
    by,
  );
  await repositories.meetings.create(
    db,
    {
      id: `${p}-meeting`,
      processId,
      title: "Negotiations in Brussels",
      date: "2023-05-14",
      level: "leaders",
      participantPartyIds: [`${p}-armenia`, `${p}-azerbaijan`],
      outcome: "The leaders agreed to continue negotiating a peace treaty.",
    } as never,
    by,
  );
  await repositories.agreements.create(
    db,
    {
      id: `${p}-agreement`,
      processId,
      title: "Trilateral statement of 10 November 2020",
      kind: "ceasefire",
      signedOn: "2020-11-10",
      summary: "A complete ceasefire; peacekeepers along the line of contact and the Lachin corridor.",
      signatoryPartyIds: [`${p}-armenia`, `${p}-azerbaijan`],
    } as never,
    by,
  );
  await repositories.agreementVersions.create(
    db,
    {
      id: `${p}-version`,
      agreementId: `${p}-agreement`,
      label: "Kremlin",
      publisher: "Kremlin",
      language: "en",
    } as never,
    by,
  );
  await repositories.provisions.create(
    db,
    { id: `${p}-provision`, agreementId: `${p}-agreement`, path: "6", heading: "Lachin corridor" } as never,
    by,
  );
  await repositories.provisionTexts.create(
    db,
    {
      id: `${p}-provision-en`,
      provisionId: `${p}-provision`,
      versionId: `${p}-version`,
      text: "The Republic of Azerbaijan guarantees the security of persons, vehicles and cargo moving along the Lachin corridor in both directions.",
    } as never,
    by,
  );
  await repositories.commitments.create(
    db,
    {
      id: `${p}-commitment`,
      processId,
      provisionId: `${p}-provision`,
      title: "Guarantee safe movement along the Lachin corridor",
      action: "guarantee the security of movement of persons, vehicles and cargo",
      obligorPartyIds: [`${p}-azerbaijan`],
    } as never,
    by,
  );
}
