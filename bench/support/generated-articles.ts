/**
 * Generated statement-like articles for the intake benchmark and the near-duplicate quality test:
 * foreign-ministry statements and news reports about the conflict, mostly English with a share in
 * Russian, Armenian and Azerbaijani (and English ones quoting a sentence in those), 150–600 words.
 * A share of them are derived from an earlier one and labelled `duplicateOf` it: re-rendered with
 * web debris, quoted inside a longer news report, or lightly edited (a sentence dropped, paragraphs
 * swapped, spelling and words changed). Hard negatives are on the same subject and reuse a sentence
 * or two of an earlier article but are a different text: no label. The same seed gives the same
 * articles. The sentences are assembled from parts, so the texts are plausible, not true.
 */
import { seededRandom } from "../../src/test-support/random.js";

export type GeneratedKind = "source" | "rerendered" | "quoted" | "edited" | "related";

export interface GeneratedArticle {
  id: string;
  text: string;
  /** The article this one is a near-duplicate of. */
  duplicateOf?: string;
  kind: GeneratedKind;
  language: "en" | "ru" | "hy" | "az";
}

type Language = GeneratedArticle["language"];
type Random = () => number;

interface Grammar {
  subjects: string[];
  verbs: string[];
  nouns: string[];
  predicates: string[];
  complements: string[];
  qualifiers: string[];
  /** Time, manner and source phrases that vary the sentences ("on Tuesday", "in a statement"). */
  adverbials: string[];
  hedges: string[];
  places: string[];
  months: string[];
  /** How a sentence is put together from its parts. */
  order: (
    parts: Record<"subject" | "adverbial" | "verb" | "noun" | "predicate" | "complement", string>,
  ) => string[];
}

const split = (list: string) => list.split(" | ");

const grammars: Record<Language, Grammar> = {
  en: {
    subjects: split(
      "The Ministry of Foreign Affairs | The Foreign Ministry of Armenia | Azerbaijan's Foreign Ministry | The Artsakh foreign ministry | The Russian peacekeeping contingent | The co-chairs of the OSCE Minsk Group | The European Union monitoring mission | The International Committee of the Red Cross | A spokesperson for the ministry | The office of the Prime Minister | The Security Council | The presidential administration | The human rights defender | The delegation in Brussels | The Secretary General of the Council of Europe | Representatives of the parties | The mediators | The State Department | Local authorities | The defence ministry",
    ),
    verbs: split(
      "said that | stated that | reported that | warned that | noted that | stressed that | claimed that | confirmed that | announced that | insisted that | recalled that | denied that | regretted that | welcomed the news that",
    ),
    nouns: split(
      "the Lachin corridor | the road to {place} | humanitarian convoys | {number} residents of {place} | the gas pipeline to {place} | the checkpoint near {place} | the peacekeepers | mine clearance teams | farmers near {place} | the line of contact | border guards | the civilian population | the joint commission | the electricity supply | schools in {place} | ambulances carrying patients | the negotiating teams | prisoners of war | the monitoring mission | the water supply of {place} | journalists | the bridge at {place} | food deliveries | the airport of {place}",
    ),
    predicates: split(
      "remained blocked | came under fire | had been restored | were detained | could not pass | were evacuated | resumed work | were damaged | faced severe shortages | were delayed for {number} hours | met again | were returned | had been mined | was cut off | reached an agreement | were turned back | stayed closed | were shelled | was reopened | suspended operations",
    ),
    complements: split(
      "on {date} | near {place} | since {date} | for {number} days | at dawn | despite the agreements | in both directions | after the talks in {city} | overnight | before the winter | during the visit of the envoy | for the third time this month | under the supervision of the peacekeepers | without prior notice | on the outskirts of {place}",
    ),
    qualifiers: split(
      "in violation of the Trilateral Statement of 9 November 2020 | contrary to the Order of the International Court of Justice | according to local sources | as the ministry had warned | which the other side denies | a claim that could not be verified | as confirmed by the mission | in what officials called a provocation | with the mediation of the peacekeepers | while {number} families waited in {place} | and {number} tonnes of flour were stuck at the border | {first} {last}, a {role} from {place}, told reporters | said {first} {last}, a {role} | after {number} trucks had queued since {date} | although {first} {last} of the {body} disputed the figures",
    ),
    hedges: split(
      "reportedly | again | also | now | apparently | still | once more | officially | allegedly | indeed | moreover | however | nevertheless | evidently | in fact",
    ),
    adverbials: split(
      "on Monday | on Tuesday | on Wednesday | on Thursday | on Friday | on Saturday | on Sunday | in a statement | once again | today | late on Friday | in a written comment | at a briefing | in an interview with {outlet} | in a press release | on its website | earlier this week | in Yerevan | in Baku | in Stepanakert | through a spokesperson | speaking to {outlet} | in a letter to the {body} | on social media | in reply to questions from {outlet} | at a news conference in {city}",
    ),
    places: split(
      "Shushi | Lachin | Berdzor | Aghdam | Martakert | Khankendi | Stepanakert | Kalbajar | Goris | Jermuk | Tegh | Sotk | Hadrut | Askeran | Kornidzor | Fuzuli",
    ),
    months: "January February March April May June July August September October November December".split(
      " ",
    ),
    order: (parts) => [
      parts.subject,
      parts.adverbial,
      parts.verb,
      parts.noun,
      parts.predicate,
      parts.complement,
    ],
  },
  ru: {
    subjects: split(
      "Министерство иностранных дел | МИД Армении | МИД Азербайджана | Официальный представитель МИД | Российский миротворческий контингент | Представитель Евросоюза | Омбудсмен | Пресс-служба правительства | Совет безопасности",
    ),
    verbs: split(
      "заявил, что | сообщил, что | подчеркнул, что | отметил, что | напомнил, что | предупредил, что",
    ),
    nouns: split(
      "Лачинский коридор | дорога на {place} | гуманитарные грузы | {number} жителей | газопровод | пропускной пункт | миротворцы | мирные переговоры | линия соприкосновения | колонна МККК",
    ),
    predicates: split(
      "остаётся заблокированным | был повреждён | были задержаны | возобновили работу | не могут пройти | будут продолжены | подвергся обстрелу | был открыт",
    ),
    complements: split(
      "{date} | в районе {place} | в обоих направлениях | несмотря на договорённости | уже {number} дней | после встречи в {city} | ночью | без предупреждения",
    ),
    qualifiers: split(
      "вопреки трёхстороннему заявлению | по данным местных источников | что отрицает другая сторона",
    ),
    hedges: split("снова | также | уже | вновь | действительно | якобы | однако | всё ещё | официально"),
    adverbials: split(
      "в понедельник | во вторник | в среду | в четверг | в пятницу | в субботу | накануне | сегодня | на брифинге | в интервью {outlet} | в своём заявлении | в Ереване | в Баку",
    ),
    places: split("Шуши | Лачина | Степанакерта | Агдама | Гориса | Кельбаджара | Мартакерта"),
    months: "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split(" "),
    order: (parts) => [
      parts.subject,
      parts.adverbial,
      parts.verb,
      parts.noun,
      parts.complement,
      parts.predicate,
    ],
  },
  hy: {
    subjects: split(
      "Արտաքին գործերի նախարարությունը | ՀՀ ԱԳՆ-ն | Արցախի ԱԳՆ-ն | Մարդու իրավունքների պաշտպանը | Կառավարության մամուլի ծառայությունը | Ռուս խաղաղապահները | ԵՄ դիտորդական առաքելությունը | Անվտանգության խորհուրդը",
    ),
    verbs: split(
      "հայտարարել է, որ | նշել է, որ | ընդգծել է, որ | հաղորդել է, որ | զգուշացրել է, որ | հիշեցրել է, որ",
    ),
    nouns: split(
      "Լաչինի միջանցքը | մարդասիրական բեռները | գազամատակարարումը | {number} բնակիչներ | խաղաղության բանակցությունները | անցակետը | հողագործները | շփման գիծը | Կարմիր խաչի շարասյունը",
    ),
    predicates: split(
      "շարունակում է փակ մնալ | վնասվել է | կասեցվել են | վերսկսվել են | չեն կարողանում անցնել | կշարունակվեն | կրակի տակ է հայտնվել | բացվել է",
    ),
    complements: split(
      "{date} | {place} մոտակայքում | երկու ուղղություններով | չնայած պայմանավորվածություններին | արդեն {number} օր | {city} կայացած հանդիպումից հետո | գիշերը | առանց նախազգուշացման",
    ),
    qualifiers: split(
      "հակառակ եռակողմ հայտարարության | տեղական աղբյուրների համաձայն | ինչը հերքում է մյուս կողմը",
    ),
    hedges: split("կրկին | նաև | արդեն | իրականում | սակայն | դեռևս | պաշտոնապես | իբր"),
    adverbials: split(
      "երկուշաբթի օրը | երեքշաբթի օրը | չորեքշաբթի օրը | հինգշաբթի օրը | ուրբաթ օրը | այսօր | ճեպազրույցի ժամանակ | {outlet}-ին տված հարցազրույցում | իր հայտարարությունում | Երևանում | Ստեփանակերտում",
    ),
    places: split("Շուշիի | Լաչինի | Ստեփանակերտի | Աղդամի | Գորիսի | Քարվաճառի | Մարտակերտի"),
    months:
      "հունվարի փետրվարի մարտի ապրիլի մայիսի հունիսի հուլիսի օգոստոսի սեպտեմբերի հոկտեմբերի նոյեմբերի դեկտեմբերի".split(
        " ",
      ),
    order: (parts) => [
      parts.subject,
      parts.adverbial,
      parts.verb,
      parts.noun,
      parts.complement,
      parts.predicate,
    ],
  },
  az: {
    subjects: split(
      "Xarici İşlər Nazirliyi | Azərbaycan XİN-i | Nazirliyin sözçüsü | Prezident Administrasiyası | Müdafiə Nazirliyi | Ombudsman | Rusiya sülhməramlı kontingenti | Təhlükəsizlik Şurası",
    ),
    verbs: split(
      "bildirib ki, | qeyd edib ki, | vurğulayıb ki, | xəbər verib ki, | xatırladıb ki, | xəbərdarlıq edib ki,",
    ),
    nouns: split(
      "Laçın yolu | humanitar yüklər | {number} sakin | qaz kəməri | sülh danışıqları | nəzarət-buraxılış məntəqəsi | minatəmizləmə qrupları | təmas xətti | Qırmızı Xaç karvanı",
    ),
    predicates: split(
      "açıqdır | bərpa olunub | saxlanılıb | fəaliyyətini davam etdirir | keçə bilmir | davam etdiriləcək | atəşə tutulub | bağlanıb",
    ),
    complements: split(
      "{date} | {place} yaxınlığında | hər iki istiqamətdə | razılaşmalara baxmayaraq | artıq {number} gündür | {city} görüşündən sonra | gecə | xəbərdarlıq etmədən",
    ),
    qualifiers: split("üçtərəfli bəyanata zidd olaraq | yerli mənbələrə görə | bunu qarşı tərəf təkzib edir"),
    hedges: split("yenə | həmçinin | artıq | həqiqətən | lakin | hələ də | rəsmi olaraq | guya"),
    adverbials: split(
      "bazar ertəsi | çərşənbə axşamı | çərşənbə günü | cümə axşamı | cümə günü | bu gün | brifinqdə | {outlet}-a müsahibəsində | bəyanatında | Bakıda | Şuşada",
    ),
    places: split("Şuşa | Laçın | Xankəndi | Ağdam | Kəlbəcər | Füzuli | Ağdərə"),
    months: "yanvar fevral mart aprel may iyun iyul avqust sentyabr oktyabr noyabr dekabr".split(" "),
    order: (parts) => [
      parts.subject,
      parts.adverbial,
      parts.verb,
      parts.noun,
      parts.complement,
      parts.predicate,
    ],
  },
};

const firstNames = split(
  "Anna | Armen | Rashad | Leyla | Sergei | Olga | Davit | Nigar | Tigran | Elnur | Mariam | Ilham | Lusine | Vugar | Gohar | Farid | Narek | Aysel | Hayk | Kamran",
);
const lastNames = split(
  "Hakobyan | Aliyev | Petrosyan | Mammadova | Ivanov | Grigoryan | Huseynov | Sargsyan | Karimova | Avetisyan | Guliyev | Harutyunyan | Ismayilova | Melikyan | Rzayev | Babayan",
);
const roles = split(
  "farmer | driver | teacher | doctor | volunteer | student | shopkeeper | nurse | local official | refugee",
);
const bodies = split(
  "United Nations | Council of Europe | OSCE | European Parliament | Red Cross | World Food Programme",
);
const outlets = split(
  "Armenpress | APA | Trend | Asbarez | news.am | Azertac | CivilNet | JAMnews | TASS | RFE/RL",
);
const cities = split("Brussels | Washington | Moscow | Geneva | Prague | Granada | Almaty | Sochi | Vienna");
const reportVerbs = split(
  "the ministry said | the statement reads | the ministry added | officials said | it said",
);
const debrisHeadlines = split(
  "Talks on border delimitation continue | Convoy reaches the checkpoint | Mediators meet in Brussels | New appeal to the UN Security Council",
);
const bylines = split("Emma Jilavian: | By Anna Hakobyan | — Rashad Aliyev | By Newsroom Staff");
const spellingVariants: [RegExp, string][] = [
  [/isation/g, "ization"],
  [/ised/g, "ized"],
  [/defence/g, "defense"],
  [/\bco-chairs\b/g, "co-chairmen"],
];

export function generateArticles(count: number, seed: number): GeneratedArticle[] {
  const random = seededRandom(seed);
  const articles: GeneratedArticle[] = [];
  const sources: GeneratedArticle[] = [];
  while (articles.length < count) {
    const id = `article-${String(articles.length + 1).padStart(6, "0")}`;
    const roll = random();
    const base = sources.length > 0 ? pick(random, sources) : undefined;
    let article: GeneratedArticle;
    if (!base || roll < 0.6) {
      article = { id, ...sourceArticle(random, chooseLanguage(random)), kind: "source" };
      sources.push(article);
    } else if (roll < 0.85) {
      article = { id, ...derivedArticle(random, base), duplicateOf: base.id };
    } else {
      article = { id, text: relatedArticle(random, base), kind: "related", language: base.language };
    }
    articles.push(article);
  }
  return articles;
}

function chooseLanguage(random: Random): Language {
  const roll = random();
  return roll < 0.7 ? "en" : roll < 0.8 ? "ru" : roll < 0.9 ? "hy" : "az";
}

function pick<T>(random: Random, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

function between(random: Random, low: number, high: number): number {
  return low + Math.floor(random() * (high - low + 1));
}

function sentence(random: Random, language: Language): string {
  const grammar = grammars[language];
  const fill = (template: string) =>
    template
      .replaceAll("{place}", () => pick(random, grammar.places))
      .replaceAll("{first}", () => pick(random, firstNames))
      .replaceAll("{last}", () => pick(random, lastNames))
      .replaceAll("{role}", () => pick(random, roles))
      .replaceAll("{body}", () => pick(random, bodies))
      .replaceAll("{outlet}", () => pick(random, outlets))
      .replaceAll("{city}", () => pick(random, cities))
      .replaceAll("{number}", () => String(between(random, 2, 400)))
      .replaceAll(
        "{date}",
        () => `${between(random, 1, 28)} ${pick(random, grammar.months)} ${between(random, 2021, 2023)}`,
      );
  let text = grammar
    .order({
      subject: pick(random, grammar.subjects),
      adverbial: random() < 0.6 ? fill(pick(random, grammar.adverbials)) : "",
      verb: pick(random, grammar.verbs),
      noun: fill(pick(random, grammar.nouns)),
      predicate: fill(pick(random, grammar.predicates)),
      complement: fill(pick(random, grammar.complements)),
    })
    .filter((part) => part !== "")
    // A hedge now and then between the parts, so that sentences sharing parts still differ.
    .map((part, index) => (index > 0 && random() < 0.3 ? `${pick(random, grammar.hedges)} ${part}` : part))
    .join(" ");
  if (random() < 0.4) text += `, ${fill(pick(random, grammar.qualifiers))}`;
  return `${text}${language === "hy" ? "։" : "."}`;
}

/** Paragraphs of 2–5 sentences up to about `words` words; English ones now and then quote another language. */
function paragraphs(random: Random, language: Language, words: number): string[][] {
  const result: string[][] = [];
  let written = 0;
  while (written < words) {
    const paragraph: string[] = [];
    for (let index = between(random, 2, 5); index > 0 && written < words; index--) {
      const quoted = language === "en" && random() < 0.05;
      const text = quoted
        ? `“${sentence(random, pick(random, ["ru", "hy", "az"] as const))}”`
        : sentence(random, language);
      paragraph.push(text);
      written += text.split(" ").length;
    }
    result.push(paragraph);
  }
  return result;
}

const join = (parts: string[][]) => parts.map((paragraph) => paragraph.join(" ")).join("\n\n");

function sourceArticle(random: Random, language: Language): { text: string; language: Language } {
  const body = paragraphs(random, language, between(random, 150, 600));
  return { text: random() < 0.1 ? addDebris(random, join(body)) : join(body), language };
}

function derivedArticle(
  random: Random,
  base: GeneratedArticle,
): Omit<GeneratedArticle, "id" | "duplicateOf"> {
  const roll = random();
  if (roll < 0.35) return { text: addDebris(random, base.text), kind: "rerendered", language: base.language };
  if (roll < 0.7) return { text: quotingReport(random, base), kind: "quoted", language: base.language };
  return { text: lightlyEdited(random, base.text), kind: "edited", language: base.language };
}

/** The same text as another site renders it: debris lines, odd spaces, other quotes, a byline. */
function addDebris(random: Random, text: string): string {
  const lines = text.split("\n\n");
  if (random() < 0.5) lines.unshift(`Categories: ${between(random, 2021, 2023)}`);
  if (random() < 0.6) {
    const at = between(random, 1, Math.max(1, lines.length - 1));
    lines.splice(at, 0, random() < 0.5 ? "Read also" : `Read also\n${pick(random, debrisHeadlines)}`);
  }
  if (random() < 0.3) lines.push("Share this:\nPrint");
  if (random() < 0.5) lines.push(pick(random, bylines));
  let rendered = lines.join(random() < 0.5 ? "\n\n" : "\r\n\r\n\r\n");
  if (random() < 0.5) rendered = rendered.replaceAll(". ", ".  ");
  if (random() < 0.3) rendered = rendered.replaceAll("“", '"').replaceAll("”", '"');
  if (random() < 0.3) rendered = rendered.replace(" the ", " the _expression_ of the ");
  return rendered;
}

/** A news report quoting most (each with probability 0.8) of the statement's paragraphs, with its own text around them. */
function quotingReport(random: Random, base: GeneratedArticle): string {
  const quoted = base.text.split("\n\n").filter(() => random() < 0.8);
  const kept = quoted.length > 0 ? quoted : base.text.split("\n\n").slice(0, 1);
  const intro = join(paragraphs(random, base.language, between(random, 30, 120)));
  const outro = join(paragraphs(random, base.language, between(random, 20, 150)));
  // Reports retouch what they quote: a word changed here and there, as in the samples.
  const attributed = kept.map((paragraph) => {
    const retouched = replaceSomeWords(random, paragraph, 0.03);
    return base.language === "en" ? `“${retouched}” ${pick(random, reportVerbs)}.` : `«${retouched}»`;
  });
  return [intro, ...attributed, outro].join("\n\n");
}

/** A sentence dropped, two paragraphs swapped, spelling changed and a few words replaced. */
function lightlyEdited(random: Random, text: string): string {
  const parts = text.split("\n\n").map((paragraph) => paragraph.split(/(?<=[.։]) /u));
  const longest = parts.reduce((best, paragraph) => (paragraph.length > best.length ? paragraph : best), []);
  if (longest.length > 1) longest.splice(between(random, 0, longest.length - 1), 1);
  if (parts.length > 1) {
    const at = between(random, 0, parts.length - 2);
    [parts[at], parts[at + 1]] = [parts[at + 1] as string[], parts[at] as string[]];
  }
  let edited = join(parts);
  for (const [pattern, replacement] of spellingVariants) edited = edited.replace(pattern, replacement);
  return replaceSomeWords(random, edited, 0.04);
}

/** Each word replaced, with probability `share`, by another word of the same text. */
function replaceSomeWords(random: Random, text: string, share: number): string {
  const words = text.split(" ");
  for (let index = 0; index < words.length; index++) {
    if (random() < share) words[index] = pick(random, words);
  }
  return words.join(" ");
}

/**
 * Another article on the same subject: mostly new sentences, with one or two of the earlier
 * article's standard sentences reused (up to three).
 */
function relatedArticle(random: Random, base: GeneratedArticle): string {
  const borrowed = base.text
    .split(/(?<=[.։]) |\n\n/u)
    .filter(() => random() < 0.15)
    .slice(0, 3);
  const fresh = paragraphs(random, base.language, between(random, 150, 500));
  for (const text of borrowed) pick(random, fresh).push(text);
  return join(fresh);
}
