import { demoDataFolder, seedFromFolder } from "../services/demo-data.js";
import { type Database, openDatabase, optionsFromEnv } from "../store/database.js";
import { migrate } from "../store/migrate.js";

/** Progress and messages go to standard error, so standard output stays clean for data. */
export const say = (message: string) => process.stderr.write(`${message}\n`);

export async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(optionsFromEnv());
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

export async function openMigrated(): Promise<Database> {
  const database = await openDatabase(optionsFromEnv());
  try {
    const applied = await migrate(database.db);
    if (applied.length > 0) say(`Applied migrations: ${applied.join(", ")}`);
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}

export async function migrateCommand() {
  await withDatabase(async ({ db, kind, location }) => {
    say(`Database: ${kind} at ${location}`);
    const applied = await migrate(db);
    say(
      applied.length > 0 ? `Applied: ${applied.join(", ")}` : "Nothing to apply: the schema is up to date.",
    );
  });
}

export async function seedCommand(options: { dir?: string }) {
  const database = await openMigrated();
  try {
    const report = await seedFromFolder(database.db, options.dir ?? demoDataFolder, say);
    const added = Object.values(report.added).reduce((sum, n) => sum + (n ?? 0), 0);
    say(`Seed done: ${added} records added, ${report.alreadyPresent} already present.`);
  } finally {
    await database.close();
  }
}
