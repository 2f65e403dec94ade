import {
  buildAssessmentIndex,
  computeCompliance,
  type Level,
  type ScoringAssessment,
  type ScoringCommitment,
} from "../src/domain/compliance.js";

/** Deterministic pseudo-random numbers (mulberry32), so every run scores the same data. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticScoringData(commitmentCount = 10_000, months = 120) {
  const next = random(42);
  const parties = ["p1", "p2", "p3", "p4", "p5"];
  const categories = [
    "ceasefire",
    "withdrawal",
    "movement_corridor",
    "detainees_and_remains",
    "communications_transport",
  ];
  const commitments: ScoringCommitment[] = [];
  const assessments: ScoringAssessment[] = [];
  for (let c = 0; c < commitmentCount; c++) {
    const party = parties[c % parties.length] as string;
    commitments.push({
      id: `c${c}`,
      processId: "bench",
      agreementId: `ag${c % 40}`,
      obligorPartyIds: [party],
      categories: [categories[c % categories.length] as string],
      deadline: c % 3 === 0 ? { kind: "absolute", date: "2015-06-30" } : { kind: "none" },
    });
    for (let m = 0; m < months; m++) {
      const year = 2010 + Math.floor(m / 12);
      const month = String((m % 12) + 1).padStart(2, "0");
      const roll = next();
      assessments.push({
        id: `a${c}-${m}`,
        commitmentId: `c${c}`,
        partyId: party,
        asOf: `${year}-${month}-01`,
        level: (roll < 0.02 ? null : Math.floor(next() * 4)) as Level,
        supersedesId: undefined,
        confirmed: roll < 0.97,
        createdAt: `${year}-${month}-01T00:00:00Z`,
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

/** Times the compliance index for 10,000 commitments × 120 monthly assessments. */
export function benchCompliance(): { label: string; ms: number }[] {
  const { commitments, assessments } = syntheticScoringData();
  const [index, buildMs] = time(() => buildAssessmentIndex(commitments, assessments));
  const rows = [
    {
      label: `index build (${commitments.length} commitments, ${assessments.length} assessments)`,
      ms: buildMs,
    },
  ];
  for (const asOf of ["2012-06-30", "2015-12-31", "2019-12-31"])
    for (const groupBy of ["party", "category"] as const) {
      computeCompliance(index, { asOf, groupBy }); // warm
      const [, ms] = time(() => computeCompliance(index, { asOf, groupBy }));
      rows.push({ label: `computeCompliance asOf ${asOf} by ${groupBy}`, ms });
    }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of benchCompliance())
    console.log(`${row.label.padEnd(80)} ${row.ms.toFixed(1).padStart(9)} ms`);
}
