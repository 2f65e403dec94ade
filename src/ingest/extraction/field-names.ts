/**
 * Hand-written name tables for the Nagorno-Karabakh field: the names, adjectival and demonymic forms,
 * capitals used as metonyms and transliterations that the registry's records do not list. Each row is
 * attached to the registry record whose names match one of `match` (folded), so a registry without
 * that record simply gets none of the row's forms; no id is assumed.
 */

export interface PartyForms {
  /** Folded names or short names that identify the registry party this row belongs to. */
  match: readonly string[];
  names: readonly string[];
  demonyms: readonly string[];
  metonyms: readonly string[];
  /** Words that name the party only before an office or a body ("Karabakh officials", "Karabakh PM"). */
  qualifiers?: readonly string[];
}

export const partyForms: readonly PartyForms[] = [
  {
    match: ["armenia", "republic of armenia"],
    names: ["Armenia", "Republic of Armenia", "Hayastan", "Армения", "Հայաստան", "Ermənistan"],
    demonyms: ["Armenian", "Armenians", "армянский", "армянская", "Erməni", "հայկական"],
    metonyms: ["Yerevan", "Ереван", "Երևան", "İrəvan"],
  },
  {
    match: ["azerbaijan", "republic of azerbaijan"],
    names: ["Azerbaijan", "Republic of Azerbaijan", "Azərbaycan", "Азербайджан", "Ադրբեջան"],
    demonyms: [
      "Azerbaijani",
      "Azerbaijanis",
      "Azeri",
      "Azeris",
      "азербайджанский",
      "азербайджанская",
      "ադրբեջանական",
    ],
    metonyms: ["Baku", "Bakı", "Баку", "Բաքու"],
  },
  {
    match: ["russia", "russian federation"],
    names: ["Russia", "Russian Federation", "Россия", "Российская Федерация", "Ռուսաստան", "Rusiya"],
    demonyms: ["Russian", "российский", "российская", "ռուսական"],
    metonyms: ["Moscow", "Kremlin", "Москва", "Кремль", "Մոսկվա"],
  },
  {
    match: ["nk authorities", "republic of artsakh", "nagorno karabakh authorities", "artsakh"],
    names: [
      "Artsakh",
      "Republic of Artsakh",
      "Nagorno-Karabakh authorities",
      "Nagorno-Karabakh Republic",
      "Karabakh authorities",
      "Artsakh authorities",
      "de facto authorities",
      "NKR",
      "Арцах",
      "Արցախ",
    ],
    demonyms: ["Karabakh Armenian authorities"],
    metonyms: [],
    qualifiers: ["Karabakh", "Nagorno-Karabakh", "Nagorno Karabakh", "Karabakh Armenian"],
  },
  {
    match: ["turkey", "republic of turkiye", "turkiye"],
    names: ["Turkey", "Türkiye", "Турция", "Թուրքիա"],
    demonyms: ["Turkish"],
    metonyms: ["Ankara"],
  },
  {
    match: ["eu", "european union"],
    names: ["European Union", "EU", "EEAS", "European External Action Service", "Евросоюз"],
    demonyms: [],
    metonyms: ["Brussels"],
  },
  {
    match: ["osce mg co chairs", "osce minsk group co chairmanship", "osce minsk group"],
    names: [
      "OSCE Minsk Group",
      "Minsk Group",
      "OSCE Minsk Group Co-Chairmanship",
      "OSCE Minsk Group co-chairs",
      "Minsk Group co-chairs",
      "co-chairs",
      "co-chair countries",
    ],
    demonyms: [],
    metonyms: [],
  },
  { match: ["france", "french republic"], names: ["France"], demonyms: ["French"], metonyms: ["Paris"] },
  {
    match: ["united states", "united states of america"],
    names: ["United States", "USA", "US", "U.S.", "State Department"],
    demonyms: ["American"],
    metonyms: ["Washington"],
  },
  {
    match: ["icj", "international court of justice"],
    names: ["ICJ", "World Court"],
    demonyms: [],
    metonyms: ["The Hague"],
  },
  {
    match: ["icrc", "international committee of the red cross"],
    names: ["ICRC", "Red Cross", "International Red Cross"],
    demonyms: [],
    metonyms: [],
  },
  {
    match: ["russian peacekeepers", "russian peacekeeping contingent"],
    names: [
      "Russian peacekeepers",
      "Russian peacekeeping contingent",
      "Russian peacekeeping forces",
      "Russian peacekeeping force",
      "peacekeepers",
      "peacekeeping contingent",
      "peacekeeping command",
    ],
    demonyms: [],
    metonyms: [],
  },
];

/** Place names by every side, and transliterations the registry may lack. */
export const placeForms: readonly {
  match: readonly string[];
  names: readonly string[];
  metonymOf?: string;
}[] = [
  { match: ["shusha", "shushi"], names: ["Shusha", "Shushi", "Şuşa", "Шуша", "Шуши", "Շուշի", "Susa"] },
  {
    match: ["khankendi", "stepanakert"],
    names: ["Stepanakert", "Khankendi", "Xankəndi", "Xankendi", "Степанакерт", "Ханкенди", "Ստեփանակերտ"],
    // "Stepanakert said" speaks for the authorities seated there.
    metonymOf: "nk authorities",
  },
  {
    match: ["lachin", "berdzor"],
    names: ["Lachin", "Berdzor", "Laçın", "Lachyn", "Лачин", "Бердзор", "Բերձոր"],
  },
  {
    match: ["lachin corridor"],
    names: [
      "Lachin corridor",
      "Lachin road",
      "Berdzor corridor",
      "Lachin-Khankendi road",
      "Lachin-Stepanakert road",
      "Goris-Stepanakert road",
      "Лачинский коридор",
      "Laçın dəhlizi",
      "Լաչինի միջանցք",
      "Բերձորի միջանցք",
    ],
  },
  {
    match: ["kalbajar", "karvachar", "kelbajar"],
    names: ["Kalbajar", "Kelbajar", "Karvachar", "Kəlbəcər", "Кельбаджар"],
  },
  { match: ["aghdam", "agdam", "akna"], names: ["Aghdam", "Agdam", "Akna", "Ağdam", "Агдам"] },
];

/** Offices the text may give a person, each with the wordings that name it. */
export const officeTitles: Readonly<Record<string, readonly string[]>> = {
  president: ["president", "presidents"],
  "vice president": ["vice president", "vice-president"],
  "prime minister": ["prime minister", "premier", "PM"],
  "deputy prime minister": ["deputy prime minister", "deputy PM", "vice premier"],
  "foreign minister": ["foreign minister", "minister of foreign affairs", "FM"],
  "deputy foreign minister": ["deputy foreign minister", "deputy minister of foreign affairs"],
  "defence minister": ["defence minister", "defense minister", "minister of defence", "minister of defense"],
  "state minister": ["state minister"],
  minister: ["minister"],
  mp: [
    "MP",
    "member of parliament",
    "lawmaker",
    "member of the national assembly",
    "deputy of the national assembly",
  ],
  speaker: ["speaker of parliament", "parliament speaker", "speaker of the national assembly"],
  spokesperson: ["spokesperson", "spokesman", "spokeswoman", "press secretary"],
  ambassador: ["ambassador", "envoy"],
  judge: ["judge"],
  ombudsman: ["ombudsman", "human rights defender"],
  "high representative": ["high representative"],
  commander: ["commander"],
  aide: ["presidential aide", "assistant to the president", "aide"],
  "secretary of state": ["secretary of state"],
  "secretary-general": ["secretary-general", "secretary general"],
};

/** Bodies that speak for a party: "the Artsakh foreign ministry", "Azerbaijan's defence ministry". */
export const institutionNames: readonly string[] = [
  "foreign ministry",
  "ministry of foreign affairs",
  "foreign affairs ministry",
  "MFA",
  "foreign office",
  "defence ministry",
  "defense ministry",
  "ministry of defence",
  "ministry of defense",
  "MoD",
  "health ministry",
  "ministry of health",
  "government",
  "authorities",
  "officials",
  "leadership",
  "presidential administration",
  "president's office",
  "state border service",
  "border service",
  "border guards",
  "state commission",
  "InfoCenter",
  "information center",
  "national assembly",
  "parliament",
  "ombudsman's office",
  "armed forces",
  "army",
  "side",
  "party",
  "delegation",
];
