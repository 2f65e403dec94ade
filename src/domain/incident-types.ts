/**
 * The incident vocabularies as plain lists, without zod, so that the web app can import them as
 * values without pulling the schema library into the browser (see web-bundle.test.ts). The schemas in
 * events.ts build their enums from these lists.
 */

/** ACLED's disorder types (from 2022), verbatim so rows round-trip. */
export const acledDisorderTypes = [
  "Political violence",
  "Demonstrations",
  "Strategic developments",
  "Political violence; Demonstrations",
] as const;

/** ACLED's event types, kept verbatim so rows round-trip. */
export const acledEventTypes = [
  "Battles",
  "Violence against civilians",
  "Explosions/Remote violence",
  "Riots",
  "Protests",
  "Strategic developments",
] as const;

/** ACLED's sub-event types by event type (the 2019– codebook), verbatim. */
export const acledSubEventTypes = {
  Battles: ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
  "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
  "Explosions/Remote violence": [
    "Chemical weapon",
    "Air/drone strike",
    "Suicide bomb",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Grenade",
  ],
  Riots: ["Violent demonstration", "Mob violence"],
  Protests: ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
  "Strategic developments": [
    "Agreement",
    "Arrests",
    "Change to group/activity",
    "Disrupted weapons use",
    "Headquarters or base established",
    "Looting/property destruction",
    "Non-violent transfer of territory",
    "Other",
  ],
} as const satisfies Record<(typeof acledEventTypes)[number], readonly string[]>;
export const allAcledSubEventTypes = Object.values(acledSubEventTypes).flat();

/** Monitoring types that ACLED folds into "Strategic developments" but a peace monitor needs apart. */
export const monitoringIncidentTypes = [
  "ceasefire_violation",
  "movement_restriction",
  "blockade",
  "checkpoint_installed",
  "utility_cut",
  "threat_of_force",
  "line_of_contact_advance",
  /** A crossing place reported open again after a restriction: ends a restriction period. */
  "corridor_reopened",
  /** Imported from an event dataset, not yet read by a monitor for its monitoring type. */
  "unclassified",
] as const;
