import { userInfo } from "node:os";
import { resolve } from "node:path";
import type { Command } from "commander";
import { type Role, roles } from "../domain/actor.js";
import { createAccount, setPassword } from "../services/accounts.js";
import { assertAcceptablePassword } from "../services/credentials.js";
import { type Database, DataFolderInUseError, optionsFromEnv } from "../store/database.js";
import { openMigrated, say } from "./database.js";

/**
 * `peacetrack admin create` makes the first administrator (there is no default password and no open
 * sign-up); `peacetrack admin set-password` is the way back in when a password is lost. The password
 * comes from standard input when it is piped, else from a prompt that does not echo it; it is never an
 * argument, where `ps` and shell history would keep it.
 *
 * Beside a server running on the same embedded data folder these commands refuse and say to stop the
 * server. They are not handed to it (as imports are): that would need a route that creates
 * administrators without being signed in, and no such door should exist.
 */

function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return "cli";
  }
}

const maxPasswordBytes = 4096;

/** The first line of piped standard input. */
async function readPipedPassword(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    chunks.push(buffer);
    size += buffer.length;
    if (size > maxPasswordBytes)
      throw new Error("standard input is longer than any password: pipe the password alone.");
  }
  const [line = ""] = Buffer.concat(chunks).toString("utf8").split(/\r?\n/);
  if (line === "")
    throw new Error("no password on standard input: pipe it in, or run the command in a terminal.");
  return line;
}

/** Reads one line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const input = process.stdin;
  return new Promise((done, fail) => {
    process.stderr.write(question);
    let typed = "";
    const finish = (error?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.off("data", onData);
      process.stderr.write("\n");
      if (error) fail(error);
      else done(typed);
    };
    const onData = (data: Buffer) => {
      for (const character of data.toString("utf8")) {
        if (character === "\r" || character === "\n") return finish();
        if (character === "\u0003") return finish(new Error("cancelled."));
        if (character === "\u0004") return finish(typed ? undefined : new Error("cancelled."));
        if (character === "\u007f" || character === "\b") typed = [...typed].slice(0, -1).join("");
        else if (character >= " ") typed += character;
      }
    };
    input.setRawMode(true);
    input.resume();
    input.on("data", onData);
  });
}

export async function readNewPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readPipedPassword(process.stdin);
  const first = await promptHidden("New password (12 characters or more): ");
  const second = await promptHidden("The same password again: ");
  if (first !== second) throw new Error("the two passwords differ; nothing was changed.");
  return first;
}

/** Opens the database for an account command, or explains why it cannot while a server holds it. */
async function openForAccounts(command: string): Promise<Database> {
  try {
    return await openMigrated();
  } catch (error) {
    if (!(error instanceof DataFolderInUseError)) throw error;
    const folder = resolve(optionsFromEnv().dataDir ?? "./data");
    const holder = error.holder;
    const who = holder
      ? ` (pid ${holder.pid}${holder.serverUrl ? `, serving ${holder.serverUrl}` : ""})`
      : "";
    throw new Error(
      `a Peacetrack server${who} holds the data folder ${folder}. Stop it, run \`peacetrack ${command}\` again, then start the server. ` +
        "Accounts are changed only with direct access to the database, never through the running server.",
    );
  }
}

interface CreateOptions {
  email: string;
  role: string;
  party?: string;
}

export async function adminCreateCommand(options: CreateOptions) {
  if (!(roles as readonly string[]).includes(options.role))
    throw new Error(`--role must be one of ${roles.join(", ")}, not "${options.role}".`);
  const password = await readNewPassword();
  // Refused before the database is opened: a weak password should not wait for a migration.
  assertAcceptablePassword(password, options.email);
  const database = await openForAccounts("admin create");
  try {
    const account = await createAccount(database.db, {
      email: options.email,
      password,
      role: options.role as Role,
      partyId: options.party ?? null,
      createdBy: cliActor(),
    });
    say(`Created ${account.role} ${account.email} (account ${account.id}). Sign in at /sign-in.`);
  } finally {
    await database.close();
  }
}

export async function adminSetPasswordCommand(options: { email: string }) {
  const password = await readNewPassword();
  assertAcceptablePassword(password, options.email);
  const database = await openForAccounts("admin set-password");
  try {
    const account = await setPassword(database.db, options.email, password, cliActor());
    say(`New password set for ${account.email}; its sessions have ended.`);
  } finally {
    await database.close();
  }
}

export function registerAdminCommand(program: Command) {
  const admin = program
    .command("admin")
    .description("accounts from the command line: the first administrator, a lost password");
  admin
    .command("create")
    .description(
      "create an account (by default an administrator); the password is read from standard input or a prompt",
    )
    .requiredOption("--email <email>", "the account's e-mail address")
    .option("--role <role>", roles.join(", "), "administrator")
    .option("--party <id>", "the party a party_representative acts for")
    .action(adminCreateCommand);
  admin
    .command("set-password")
    .description("set a new password for an account (ends its sessions); read like admin create's")
    .requiredOption("--email <email>", "the account's e-mail address")
    .action(adminSetPasswordCommand);
}
