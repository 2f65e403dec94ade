import type { EntityData, EntityName } from "./entities.js";

/**
 * Rules that relate one field of a record to another, which a field's own schema cannot state.
 * They are checked on the whole record as it would be after a create or an update, so an edit can
 * never reach a state that a create would refuse.
 */
export interface InvariantIssue {
  path: string;
  message: string;
}

type WithId<E extends EntityName> = EntityData<E> & { id?: string };
type Invariant<E extends EntityName> = (record: WithId<E>) => InvariantIssue[];

const issue = (path: string, message: string): InvariantIssue[] => [{ path, message }];

function endNotBeforeStart(start: string | undefined, end: string | undefined, endPath: string) {
  if (start === undefined || end === undefined || end >= start) return [];
  return issue(endPath, `ends on ${end}, before it starts (${start})`);
}

function coordinatesTogether(record: { latitude?: number; longitude?: number }) {
  if ((record.latitude === undefined) === (record.longitude === undefined)) return [];
  return issue(
    record.latitude === undefined ? "latitude" : "longitude",
    "a position needs both latitude and longitude (or neither)",
  );
}

/** Indexes of the values that an earlier value already had. */
function firstRepeats(values: readonly string[]): number[] {
  const seen = new Set<string>();
  const repeats: number[] = [];
  for (const [index, value] of values.entries()) {
    if (seen.has(value)) repeats.push(index);
    seen.add(value);
  }
  return repeats;
}

function placeShapeIssues(place: EntityData<"places">): InvariantIssue[] {
  const issues = firstRepeats(place.directions.map((d) => d.key)).map((index) => ({
    path: `directions.${index}.key`,
    message: "direction keys are unique within a place",
  }));
  // The map draws one pin per place at its representative point; a shape without one would vanish.
  if (place.geometry !== undefined && place.latitude === undefined)
    issues.push({
      path: "latitude",
      message: "a place with a geometry also gives its representative point (latitude and longitude)",
    });
  return issues;
}

function notSelf(id: string | undefined, ids: readonly string[], path: string, what: string) {
  if (id === undefined || !ids.includes(id)) return [];
  return issue(path, `a record cannot be its own ${what}`);
}

export const recordInvariants: { [E in EntityName]?: Invariant<E> } = {
  incidents: (incident) => [
    ...endNotBeforeStart(incident.startDate, incident.endDate, "endDate"),
    ...(incident.ongoing && incident.endDate !== undefined
      ? issue("endDate", "an ongoing incident has no end date yet: clear endDate or ongoing")
      : []),
    ...(incident.endPrecision !== undefined && incident.endDate === undefined
      ? issue("endPrecision", "an end precision needs an end date")
      : []),
    ...coordinatesTogether(incident),
  ],
  meetings: (meeting) => endNotBeforeStart(meeting.date, meeting.endDate, "endDate"),
  places: (place) => [
    ...coordinatesTogether(place),
    ...notSelf(place.id, place.parentPlaceId ? [place.parentPlaceId] : [], "parentPlaceId", "parent"),
    ...placeShapeIssues(place),
  ],
  accessObservations: (observation) =>
    firstRepeats(observation.counts.map((count) => `${count.direction} ${count.category}`)).map((index) => ({
      path: `counts.${index}.category`,
      message: "one count per direction and category: this one repeats an earlier count",
    })),
  persons: (person) =>
    person.roles.flatMap((role, index) => endNotBeforeStart(role.from, role.to, `roles.${index}.to`)),
  parties: (party) => notSelf(party.id, party.memberPartyIds, "memberPartyIds", "member"),
  commitments: (commitment) => [
    ...notSelf(commitment.id, commitment.dependsOnCommitmentIds, "dependsOnCommitmentIds", "dependency"),
    ...(commitment.deadline.kind === "relative"
      ? notSelf(
          commitment.id,
          commitment.deadline.afterCommitmentId ? [commitment.deadline.afterCommitmentId] : [],
          "deadline.afterCommitmentId",
          "deadline reference",
        )
      : []),
  ],
  interpretations: (interpretation) =>
    interpretation.commitmentId || interpretation.provisionId
      ? []
      : issue("commitmentId", "an interpretation reads a commitment or a provision: name one"),
};

export function invariantIssues<E extends EntityName>(name: E, record: WithId<E>): InvariantIssue[] {
  const check = recordInvariants[name] as Invariant<E> | undefined;
  return check ? check(record) : [];
}
