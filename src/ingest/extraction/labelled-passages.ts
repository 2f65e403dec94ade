/**
 * A labelled set for measuring extraction: short passages written for this purpose, each a paraphrase
 * of a public statement of one side of the 2020–2023 process as /work/shared/reference records it
 * (the `source` is the address given there). Words inside quote marks are only the few the reference
 * keeps verbatim; everything else is paraphrase in news style, so these are not quotations of the
 * originals. Labels say what a careful reader finds: the persons (registry ids, or `new:<name>` for a
 * person the registry lacks), the speakers of quotes and reported speech that a registry record can
 * stand for, the parties, and the claim types. Concern ("deeply concerned that …") is labelled as no
 * claim type: it neither alleges a violation nor calls on anyone.
 */
import type { ClaimType, RegistryPerson } from "./types.js";

export interface LabelledPassage {
  id: string;
  side: "armenia" | "azerbaijan" | "nk-authorities" | "russia" | "eu" | "icrc" | "united-states";
  source: string;
  text: string;
  persons: string[];
  parties: string[];
  speakers: string[];
  claims: ClaimType[];
}

/** Officials the passages name in full who are not in the demo registry; roles as the reference gives them. */
export const labelledExtraPersons: RegistryPerson[] = [
  {
    id: "hajiyev",
    names: [{ text: "Hikmet Hajiyev", lang: "en" }],
    roles: [{ office: "Assistant to the President of Azerbaijan", partyId: "azerbaijan" }],
  },
  {
    id: "kirakosyan",
    names: [{ text: "Yeghishe Kirakosyan", lang: "en" }],
    roles: [{ office: "Representative of Armenia on International Legal Matters", partyId: "armenia" }],
  },
  {
    id: "vardanyan",
    names: [{ text: "Ruben Vardanyan", lang: "en" }],
    roles: [{ office: "State Minister", partyId: "nk-authorities", to: "2023-02-23" }],
  },
];

const ref = {
  kalbajar:
    "https://nakhchivantoday.com/assistant-to-azerbaijani-president-armenia-requested-extension-of-deadline-for-fully-emptying-kalbajar-until-november-25/",
  checkpoint: "https://www.azernews.az/karabakh/214846.html",
  tass: "https://tass.com/defense/1223893",
  zakharova: "https://www.artsakhpress.am/eng/news/174277/",
  eeas: "https://ieu-monitoring.com/editorial/armenia-azerbaijan-eeas-spokesperson-on-lachin-corridor/396490",
  borrell: "https://asbarez.com/eu-again-urges-azerbaijan-to-end-artsakh-blockade/",
  icrcPow: "https://www.artsakhpress.am/eng/news/135523/",
  icrcSmuggling:
    "https://karabakhspace.commonspace.eu/news/azerbaijan-bans-icrc-medical-evacuations-karabakh-alleges-smuggling",
  icrcRoutes:
    "https://thelatestnews.world/the-icrc-asks-azerbaijan-and-armenia-for-a-humanitarian-consensus-for-the-passage-of-humanitarian-convoys",
  pashinyanIcj: "https://mediamax.am/en/news/politics/50414/",
  hajizada:
    "https://armenianclub.com/2023/02/23/bakus-reaction-to-un-court-ruling-azerbaijan-will-continue-to-do-so-after-relevant-court-order-as-well",
  amMfaJuly:
    "https://en.armradio.am/2023/07/11/armenian-mfa-welcomes-us-court-order-on-lachin-corridor-calls-on-international-actors-to-ensure-its-implementation/",
  azMfaJuly: "https://azvision.az/amp/fr/news/126551/news.html",
  lavrov:
    "https://sputniknews.com/20230124/russia-continues-to-fulfill-its-obligations-to-settle-nagorno-karabakh-issue-1106650663.html",
  lukashevich:
    "https://cmio.org/en/world/845682-the-permanent-representative-to-the-osce-praised-the-work-of-russian-peacekeepers-in-the-lachin-corridor",
  vardanyan: "https://news.am/eng/news/739184.html",
  gas: "https://massispost.com/2022/12/azerbaijan-cuts-off-gas-supply-to-karabakh-with-road-blockade-continuing-for-second-day/",
  power: "https://azatutyun.am/a/32219156.html",
  putin:
    "https://babel.ua/en/news/88703-the-prime-minister-of-armenia-pashinyan-expressed-putin-s-claims-for-the-inaction-of-russian-peacekeepers-in-nagorno-karabakh",
  munich:
    "https://evnreport.com/politics/calling-a-spade-a-spade-the-icj-orders-azerbaijan-to-lift-its-blockade",
  pows: "https://panarmenian.net/eng/tofv?tourl=http%3A%2F%2Fpanarmenian.net%2Feng%2Fnews%2F290837",
  tatoyan:
    "https://armenia.in-the.news/society/azerbaijan-holding-several-hundred-armenians-captive-tatoyan-70481-11-03-2021/",
  blinken:
    "https://cmio.org/en/world/850445-blinken-urged-aliyev-to-redouble-efforts-in-peace-talks-with-armenia",
  kirakosyan:
    "https://asbarez.com/u-n-secretary-general-calls-on-baku-to-comply-with-icj-ruling-on-artsakh-blockade/",
  kirakosyanUn:
    "https://www.thearmenianreport.com/post/azerbaijan-is-ignoring-international-court-of-justice-ruling-to-unblock-lachin-corridor",
  shoigu:
    "https://www.armenianclub.com/2020/11/21/russia-completes-deployment-of-peacekeepers-in-nagorno-karabakh/",
  asadov:
    "https://hyetert.org/2021/11/12/yerevan-has-returned-17-pows-and-detainees-to-baku-since-december-2020-azeri-pm-says/",
  amMfaPows: "https://azatutyun.am/a/31153190.html",
  kaljurand: "https://news.am/eng/news/735289.html",
  maurer: "https://www.urdupoint.com/en/world/icrc-working-to-deliver-aid-exchange-bodies-1087894.html",
  nersisyan:
    "https://caucasuswatch.de/en/news/russia-assists-in-restoring-disrupted-aid-shipments-to-nagorno-karabakh.html",
  hakari:
    "https://www.tribuneindia.com/news/world/tension-escalates-as-azerbaijan-blocks-armenias-access-to-contested-region-500391",
  azMfaFeb:
    "https://en.azvision.az/news/166619/-azerbaijani-foreign-ministry-comments-on-decision-of-international-court-of-justice-.html",
  ruMod: "https://en.vestikavkaza.ru/material/157911",
  usState: "https://mirrorspectator.com/2023/04/27/azerbaijan-sets-up-checkpoint-at-lachin-corridor/",
  artsakhMfa: "data/demo/documents/artsakh-mfa-full-fledged-talks.txt",
};

export type Row = [LabelledPassage["side"], string, string, string[], string[], string[], ClaimType[]];

/** side, source, text, persons, parties, speakers, claims */
const rows: Row[] = [
  [
    "azerbaijan",
    ref.kalbajar,
    "Presidential aide Hikmet Hajiyev said that Armenia, through Russia, had asked for more time to leave Kalbajar, and that Azerbaijan agreed to move the deadline from 15 to 25 November.",
    ["hajiyev"],
    ["armenia", "russia", "azerbaijan"],
    ["hajiyev"],
    ["commits"],
  ],
  [
    "azerbaijan",
    ref.checkpoint,
    "Azerbaijan's foreign ministry said that controlling the starting point of the Lachin road was its sovereign “prerogative”.",
    [],
    ["azerbaijan"],
    ["azerbaijan"],
    [],
  ],
  [
    "russia",
    ref.tass,
    "The Russian Defence Ministry said that the ceasefire was holding “along the entire contact line”.",
    [],
    ["russia"],
    ["russia"],
    [],
  ],
  [
    "russia",
    ref.zakharova,
    "Russian foreign ministry spokeswoman Maria Zakharova said that Moscow was concerned about the blockade and rejected criticism of the peacekeepers.",
    ["zakharova"],
    ["russia", "russian-peacekeepers"],
    ["zakharova"],
    ["denies"],
  ],
  [
    "eu",
    ref.eeas,
    "The EU called on the Azerbaijani authorities to ensure freedom and security of movement along the Lachin corridor, in line with the statement of 9 November 2020.",
    [],
    ["eu", "azerbaijan"],
    [],
    ["calls_on"],
  ],
  [
    "eu",
    ref.borrell,
    "In a written answer, High Representative Borrell said that the EU had called on Azerbaijan to ensure free movement and noted Russia's responsibility for the corridor.",
    ["new:Borrell"],
    ["eu", "azerbaijan", "russia"],
    [],
    ["calls_on"],
  ],
  [
    "icrc",
    ref.icrcPow,
    "The ICRC office in Armenia said that the sides, not the ICRC, decide when and how exchanges of prisoners take place.",
    [],
    ["icrc", "armenia"],
    ["icrc"],
    [],
  ],
  [
    "icrc",
    ref.icrcSmuggling,
    "The ICRC said that none of its own vehicles had carried unauthorised goods through the checkpoint.",
    [],
    ["icrc"],
    ["icrc"],
    ["denies"],
  ],
  [
    "icrc",
    ref.icrcRoutes,
    "The Red Cross said it could not bring aid to civilians through the corridor “or any other routes” and asked the sides to agree on a humanitarian consensus.",
    [],
    ["icrc"],
    ["icrc"],
    ["calls_on"],
  ],
  [
    "armenia",
    ref.pashinyanIcj,
    "Prime Minister Nikol Pashinyan said that the Court had recorded that the corridor was closed and had obliged Baku to open it.",
    ["pashinyan"],
    ["azerbaijan"],
    ["pashinyan"],
    ["alleges_violation"],
  ],
  [
    "azerbaijan",
    ref.hajizada,
    "Foreign ministry spokesman Hajizada said that Azerbaijan never blocked the road and would continue to ensure safe movement.",
    ["new:Hajizada"],
    ["azerbaijan"],
    [],
    ["denies", "commits"],
  ],
  [
    "armenia",
    ref.amMfaJuly,
    "Armenia's foreign ministry said that the order of 6 July “applies without limitation” to the checkpoint, and that Azerbaijan must stop operating it.",
    [],
    ["armenia", "azerbaijan"],
    ["armenia"],
    ["demands"],
  ],
  [
    "azerbaijan",
    ref.azMfaJuly,
    "Azerbaijan's foreign ministry urged Armenia to stop obstructing the work of the checkpoint.",
    [],
    ["azerbaijan", "armenia"],
    [],
    ["calls_on", "alleges_violation"],
  ],
  [
    "russia",
    ref.lavrov,
    "Foreign Minister Sergey Lavrov said that Russia had proposed a mechanism letting the peacekeepers check vehicles in the corridor.",
    ["lavrov"],
    ["russia", "russian-peacekeepers"],
    ["lavrov"],
    [],
  ],
  [
    "russia",
    ref.lukashevich,
    "At the OSCE Permanent Council, Russia's envoy Lukashevich said that the corridor should stay under the control of the Russian peacekeepers.",
    ["new:Lukashevich"],
    ["russia", "russian-peacekeepers"],
    [],
    ["demands"],
  ],
  [
    "nk-authorities",
    ref.vardanyan,
    "State Minister Ruben Vardanyan said that only about 400 cars had passed through the corridor during the month of blockade.",
    ["vardanyan"],
    [],
    ["vardanyan"],
    ["alleges_violation"],
  ],
  [
    "nk-authorities",
    ref.gas,
    "The Karabakh authorities said that Azerbaijan had cut the gas supply on the second day of the road blockade.",
    [],
    ["nk-authorities", "azerbaijan"],
    ["nk-authorities"],
    ["alleges_violation"],
  ],
  [
    "nk-authorities",
    ref.power,
    "Karabakh officials said that Azerbaijan would not let repair crews reach the damaged power line, and suspected sabotage.",
    [],
    ["nk-authorities", "azerbaijan"],
    ["nk-authorities"],
    ["alleges_violation"],
  ],
  [
    "armenia",
    ref.putin,
    "Nikol Pashinyan told Vladimir Putin that the corridor was in effect not under the control of the Russian peacekeepers, although the 2020 statement puts it there.",
    ["pashinyan", "putin"],
    ["russian-peacekeepers"],
    ["pashinyan"],
    ["alleges_violation"],
  ],
  [
    "azerbaijan",
    ref.munich,
    "President Aliyev said that more than 2,500 vehicles had used the road since 12 December, and asked how that could be called a blockade.",
    ["aliyev"],
    [],
    ["aliyev"],
    ["denies"],
  ],
  [
    "azerbaijan",
    ref.pows,
    "Ilham Aliyev called those still held “terrorists and saboteurs”, not prisoners of war.",
    ["aliyev"],
    [],
    ["aliyev"],
    ["denies"],
  ],
  [
    "armenia",
    ref.tatoyan,
    "Armenia's ombudsman Tatoyan said that “at least several hundreds” of Armenians were held captive in Azerbaijan.",
    ["new:Tatoyan"],
    ["armenia", "azerbaijan"],
    [],
    ["alleges_violation"],
  ],
  [
    "united-states",
    ref.blinken,
    "US Secretary of State Blinken urged Aliyev to reopen the Lachin corridor “immediately”.",
    ["new:Blinken", "aliyev"],
    ["united-states"],
    [],
    ["calls_on"],
  ],
  [
    "armenia",
    ref.kirakosyan,
    "Yeghishe Kirakosyan, Armenia's representative on international legal matters, said that the corridor was still blockaded and that the order was binding from its publication.",
    ["kirakosyan"],
    ["armenia"],
    ["kirakosyan"],
    ["alleges_violation"],
  ],
  [
    "armenia",
    ref.kirakosyanUn,
    "Kirakosyan told lawmakers that Azerbaijan was ignoring and distorting the order, and that Armenia would raise its non-compliance at the UN Security Council.",
    ["kirakosyan"],
    ["azerbaijan", "armenia"],
    ["kirakosyan"],
    ["alleges_violation", "commits"],
  ],
  [
    "russia",
    ref.shoigu,
    "Defence Minister Shoigu told Vladimir Putin that the deployment was complete and that civilian traffic had been open since 17 November.",
    ["new:Shoigu", "putin"],
    [],
    [],
    [],
  ],
  [
    "azerbaijan",
    ref.asadov,
    "Azerbaijani Prime Minister Asadov said that the Armenian servicemen captured after the statement did not count as prisoners of war.",
    ["new:Asadov"],
    ["azerbaijan", "armenia"],
    [],
    ["denies"],
  ],
  [
    "armenia",
    ref.amMfaPows,
    "Armenia's foreign ministry said that Azerbaijan still held dozens of Armenian prisoners of war, contradicting Baku's claim that all had been released.",
    [],
    ["armenia", "azerbaijan"],
    ["armenia"],
    ["alleges_violation"],
  ],
  [
    "eu",
    ref.kaljurand,
    "MEP Marina Kaljurand urged Azerbaijan to meet its obligations under the trilateral statement.",
    ["new:Marina Kaljurand"],
    ["azerbaijan"],
    [],
    ["calls_on"],
  ],
  [
    "icrc",
    ref.maurer,
    "ICRC President Maurer said that about 200 bodies had been exchanged so far, with Russian peacekeepers and the ICRC present.",
    ["new:Maurer"],
    ["icrc", "russian-peacekeepers"],
    [],
    [],
  ],
  [
    "nk-authorities",
    ref.nersisyan,
    "Karabakh Prime Minister Nersisyan said that the checkpoint had halted essential deliveries, fuel included, since 23 April.",
    ["new:Nersisyan"],
    [],
    [],
    ["alleges_violation"],
  ],
  [
    "armenia",
    ref.hakari,
    "Armenia called the checkpoint at the Hakari bridge a gross breach of the 2020 statement and urged Russia to act.",
    [],
    ["armenia", "russia"],
    [],
    ["alleges_violation", "calls_on"],
  ],
  [
    "azerbaijan",
    ref.azMfaFeb,
    "Azerbaijan's foreign ministry said that the Court took note of its undertaking to keep taking all steps within its power for safe movement on the Lachin road.",
    [],
    ["azerbaijan"],
    ["azerbaijan"],
    ["commits"],
  ],
  [
    "russia",
    ref.ruMod,
    "Russia's Defence Ministry said that the peacekeeping command was negotiating with Azerbaijani representatives to restore civilian traffic.",
    [],
    ["russia", "russian-peacekeepers", "azerbaijan"],
    ["russia"],
    [],
  ],
  [
    "united-states",
    ref.usState,
    "The State Department said it was deeply concerned that the checkpoint undermines confidence in the peace process.",
    [],
    ["united-states"],
    ["united-states"],
    [],
  ],
  [
    "nk-authorities",
    ref.artsakhMfa,
    "The Artsakh foreign ministry said that Azerbaijan keeps the people of Artsakh under siege while declaring its readiness for dialogue.",
    [],
    ["nk-authorities", "azerbaijan"],
    ["nk-authorities"],
    ["alleges_violation", "commits"],
  ],
];

export const toPassages = (prefix: string, list: Row[]): LabelledPassage[] =>
  list.map(([side, source, text, persons, parties, speakers, claims], index) => ({
    id: `${prefix}${String(index + 1).padStart(2, "0")}`,
    side,
    source,
    text,
    persons,
    parties,
    speakers,
    claims,
  }));

/** The development set: the rules were adjusted while reading these. */
export const labelledPassages: LabelledPassage[] = toPassages("p", rows);
