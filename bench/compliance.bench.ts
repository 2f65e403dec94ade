/**
 * The compliance index on synthetic data: 10,000 commitments × 120 monthly assessments (1.2M), the same
 * on every run (seeded). Run alone with `npx tsx bench/compliance.bench.ts`; `npm run bench` includes it.
 */
import {
  buildAssessmentIndex,
  computeCompliance,
  currentLevels,
  type Level,
  type ScoringAssessment,
  type ScoringCommitment,
} from "../src/domain/compliance.js";
import { seededRandom } from "../src/test-support/random.js";

const parties = ["p1", "p2", "p3", "p4", "p5"];
const categories = [
  "ceasefire",
  "withdrawal",
  "movement_corridor",
  "detainees_and_remains",
  "communications",
];

function deadlineOf(c: number): ScoringCommitment["deadline"] {
  switch (c % 6) {
    case 0:
      return { kind: "absolute", date: "2015-06-30" };
    case 1:
      return { kind: "recurring", firstDate: "2012-01-01", everyDays: 90 };
    case 2:
      return { kind: "relative", afterCommitmentId: `c${c - 2}`, offsetDays: 30 };
    default:
      return { kind: "none" };
  }
}

/**
 * `commitmentCount` commitments, one obligor each (a fifth with a second obligor sharing the monthly
 * assessments), and one assessment per commitment and month from January 2010: about 2% not applicable,
 * 3% unconfirmed, and 1% corrections that supersede the previous month's assessment.
 */
export function syntheticScoringData(commitmentCount = 10_000, months = 120) {
  const next = seededRandom(42);
  const commitments: ScoringCommitment[] = [];
  const assessments: ScoringAssessment[] = [];
  for (let c = 0; c < commitmentCount; c++) {
    const obligors = [parties[c % parties.length] as string];
    if (c % 5 === 4) obligors.push(parties[(c + 1) % parties.length] as string);
    commitments.push({
      id: `c${c}`,
      processId: "bench",
      agreementId: c % 10 === 9 ? undefined : `ag${c % 40}`,
      obligorPartyIds: obligors,
      categories: c % 7 === 0 ? [] : [categories[c % categories.length] as string],
      deadline: deadlineOf(c),
    });
    for (let m = 0; m < months; m++) {
      const year = 2010 + Math.floor(m / 12);
      const month = String((m % 12) + 1).padStart(2, "0");
      const roll = next();
      const partyId = obligors[m % obligors.length] as string;
      assessments.push({
        id: `a${c}-${m}`,
        commitmentId: `c${c}`,
        partyId,
        asOf: `${year}-${month}-01`,
        level: (roll < 0.02 ? null : Math.floor(next() * 4)) as Level,
        // a correction of the same party's previous assessment (two months back when two obligors alternate)
        supersedesId: roll > 0.99 && m >= obligors.length ? `a${c}-${m - obligors.length}` : undefined,
        confirmed: roll < 0.97 || roll > 0.99,
        createdAt: `${year}-${month}-02T00:00:00.000000Z`,
      });
    }
  }
  return { commitments, assessments };
}

const time = <T>(work: () => T): [T, number] => {
  const start = performance.now();
  const result = work();
  return [result, performance.now() - start];
};

/** The median of `runs` timings, after one warm-up run. */
function median(work: () => unknown, runs = 5): number {
  work();
  const times = Array.from({ length: runs }, () => time(work)[1]).sort((a, b) => a - b);
  return times[Math.floor(runs / 2)] as number;
}

export const benchAsOfDates = ["2012-06-30", "2015-12-31", "2019-12-31"];

/** Times the index build, then each as-of query on it (median of 5). */
export function benchCompliance(): { label: string; ms: number }[] {
  const { commitments, assessments } = syntheticScoringData();
  const [index, buildMs] = time(() => buildAssessmentIndex(commitments, assessments));
  const rows = [
    {
      label: `index build (${commitments.length} commitments, ${index.pairs.length} pairs, ${assessments.length} assessments)`,
      ms: buildMs,
    },
  ];
  for (const asOf of benchAsOfDates) {
    for (const groupBy of ["party", "category", "agreement", "process"] as const)
      rows.push({
        label: `computeCompliance asOf ${asOf} by ${groupBy}`,
        ms: median(() => computeCompliance(index, { asOf, groupBy })),
      });
    rows.push({ label: `currentLevels asOf ${asOf}`, ms: median(() => currentLevels(index, asOf)) });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of benchCompliance())
    console.log(`${row.label.padEnd(84)} ${row.ms.toFixed(1).padStart(9)} ms`);
}
