import { eq, sql } from "drizzle-orm";
import {
  defaultPublicUse,
  type Licence,
  licenceOf,
  licences,
  type PublicUse,
  publicUses,
} from "../domain/licences.js";
import type { Db } from "../store/database.js";
import { ValidationError } from "../store/errors.js";
import { incidents, licenceSettings } from "../store/schema.js";

/**
 * The one rule for licensed rows in public outputs (OGC API, Atom feed, CSV/GeoJSON exports): per
 * licence, the administrator's setting (`licence_settings`), else what the licence itself allows
 * (`defaultPublicUse`). Outputs that show or count rows of a licence print its attribution.
 */

export interface LicenceSetting {
  licenceId: string;
  publicUse: PublicUse;
  updatedAt: string;
  updatedBy: string;
}

export interface LicencePolicy {
  /** include: rows are served; count_only: counted, never shown; exclude: neither. */
  publicRowRule(licenceId: string): PublicUse;
  /** The licences of these ids (unknown ids get a restrictive stand-in), each once. */
  licences(licenceIds: Iterable<string>): Licence[];
  /** The attribution lines these licences require, each once, none empty. */
  attributionLines(licenceIds: Iterable<string>): string[];
  settings: ReadonlyMap<string, LicenceSetting>;
}

const unique = (ids: Iterable<string>) => [...new Set(ids)];

export function attributionLines(licenceIds: Iterable<string>): string[] {
  return unique(unique(licenceIds).map((id) => licenceOf(id).attribution)).filter((line) => line !== "");
}

const toIso = (value: string) =>
  new Date(value.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00")).toISOString();

export async function readLicenceSettings(db: Db): Promise<Map<string, LicenceSetting>> {
  const rows = await db.select().from(licenceSettings);
  return new Map(rows.map((row) => [row.licenceId, { ...row, updatedAt: toIso(row.updatedAt) }]));
}

/** The policy as set now; read once per request, so one answer applies one setting throughout. */
export async function loadLicencePolicy(db: Db): Promise<LicencePolicy> {
  const settings = await readLicenceSettings(db);
  return {
    publicRowRule: (id) => settings.get(id)?.publicUse ?? defaultPublicUse(id),
    licences: (ids) => unique(ids).map(licenceOf),
    attributionLines,
    settings,
  };
}

/** What public outputs do with rows under this licence. */
export async function publicRowRule(db: Db, licenceId: string): Promise<PublicUse> {
  return (await loadLicencePolicy(db)).publicRowRule(licenceId);
}

export interface LicenceView extends Licence {
  publicUse: PublicUse;
  defaultPublicUse: PublicUse;
  /** Who last changed the setting, and when; null while the default applies. */
  setting: { updatedAt: string; updatedBy: string } | null;
}

/** Every licence the instance knows or has a setting for, with its terms and current public use. */
export async function licenceOverview(db: Db): Promise<LicenceView[]> {
  const policy = await loadLicencePolicy(db);
  const ids = unique([...Object.keys(licences), ...policy.settings.keys()]);
  return ids.map((id) => {
    const setting = policy.settings.get(id);
    return {
      ...licenceOf(id),
      publicUse: policy.publicRowRule(id),
      defaultPublicUse: defaultPublicUse(id),
      setting: setting ? { updatedAt: setting.updatedAt, updatedBy: setting.updatedBy } : null,
    };
  });
}

/** Rows per licence in the incidents table (administrators' view; not a public output). */
export async function incidentCountsByLicence(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .select({ licence: incidents.licence, n: sql<number>`count(*)::int` })
    .from(incidents)
    .groupBy(incidents.licence);
  return new Map(rows.map((row) => [row.licence, Number(row.n)]));
}

/**
 * Sets a licence's public use. The id must be a known licence or one some incident carries, so a
 * typo cannot create a setting that applies to nothing.
 */
export async function setLicencePublicUse(
  db: Db,
  licenceId: string,
  publicUse: string,
  actor: string,
): Promise<LicenceSetting> {
  if (!(publicUses as readonly string[]).includes(publicUse))
    throw new ValidationError(`Public use must be one of ${publicUses.join(", ")}.`, [
      { path: "publicUse", message: `"${publicUse}" is not one of ${publicUses.join(", ")}` },
    ]);
  if (!(licenceId in licences)) {
    const used = await db
      .select({ id: incidents.id })
      .from(incidents)
      .where(eq(incidents.licence, licenceId))
      .limit(1);
    if (used.length === 0)
      throw new ValidationError(
        `No licence "${licenceId}": neither a known licence nor one any incident carries.`,
        [{ path: "licenceId", message: `known: ${Object.keys(licences).join(", ")}` }],
      );
  }
  const values = { licenceId, publicUse: publicUse as PublicUse, updatedBy: actor, updatedAt: sql`now()` };
  const [row] = await db
    .insert(licenceSettings)
    .values(values)
    .onConflictDoUpdate({
      target: licenceSettings.licenceId,
      set: { publicUse: values.publicUse, updatedBy: actor, updatedAt: sql`now()` },
    })
    .returning();
  if (!row) throw new Error("the licence setting was not written");
  return { ...row, updatedAt: toIso(row.updatedAt) };
}
