/**
 * A few rows in ACLED's current export layout, written for the tests (not ACLED's data: the ids and
 * figures are made up; the places exist).
 */
export const acledHeader =
  "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp";

export const acledRow = (id: string, notes: string, fatalities: number | string = 0) =>
  `${id},2023-04-23,2023,1,Strategic developments,Strategic developments,Headquarters or base established,Military Forces of Azerbaijan (2003-),,State forces,,,,State forces only,,31,Caucasus and Central Asia,Azerbaijan,Lachin,,,Lachin,39.6383,46.5461,1,Test source,National,${notes},${fatalities},,1682294400`;

export const acledFile = (rows: string[]) => `${acledHeader}\n${rows.join("\n")}\n`;
