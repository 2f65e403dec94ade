import { randomBytes } from "node:crypto";
import {
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

/**
 * Keeps a second process out of a PGlite data folder (PGlite would let it in and corrupt the folder).
 *
 * The lock belongs to a process, not to a clock: it is held while its holder's process lives (checked by
 * pid, and on Linux by the process start time and boot id, so a reused pid is not taken for the holder).
 * A crashed holder's lock is taken over at once; a paused one's never is.
 *
 * Taking over a dead holder's lock safely needs a compare-and-swap the file system does not offer, so
 * each take-over creates the next numbered lock file (`peacetrack.lock/holder.<n>`) with `link()`, which fails
 * when the file exists: of all the processes that saw the same dead holder, exactly one creates n+1.
 * A winner that finds a higher number than its own after creating it lost to a faster racer and backs
 * off. Lock files are never deleted while they are the highest; on release the holder marks its file
 * released instead, so the highest number only ever grows and a racer with an old listing cannot
 * squeeze a lower number in.
 */

export interface LockHolder {
  pid: number;
  hostname: string;
  /** Linux: the process start time in clock ticks since boot (field 22 of /proc/<pid>/stat). */
  startTime?: string;
  /** Linux: tells one boot of the machine from the next, when pids start over. */
  bootId?: string;
  acquiredAt: string;
  released?: boolean;
  /** Where the holder serves HTTP, once it does: commands run beside it hand their work there. */
  serverUrl?: string;
  /**
   * The secret a command presents to hand its work to that server (the CLI's import hand-off): only
   * the folder owner can read it, as lock files are written with mode 0600.
   */
  handoffSecret?: string;
}

export interface DataFolderLock {
  /** The lock file this process holds. */
  path: string;
  release(): void;
  /** Records where this process serves HTTP, for commands that find the folder in use. */
  announce(details: { serverUrl: string; handoffSecret?: string }): void;
}

export class DataFolderInUseError extends Error {
  constructor(
    folder: string,
    readonly holder?: LockHolder,
    lockPath?: string,
  ) {
    super(
      `The data folder ${folder} is in use by another Peacetrack process${describeHolder(holder, lockPath)}. Stop that process, or point PEACETRACK_DATA at another folder.`,
    );
    this.name = "DataFolderInUseError";
  }
}

function describeHolder(holder: LockHolder | undefined, lockPath: string | undefined): string {
  if (!holder) return "";
  if (holder.hostname === hostname()) return ` (pid ${holder.pid})`;
  return ` (pid ${holder.pid} on host ${holder.hostname}; if that machine no longer runs it, delete ${lockPath})`;
}

const lockName = /^holder\.(\d+)$/;
const lockFolder = (folder: string) => join(folder, "peacetrack.lock");
const lockFile = (folder: string, generation: number) => join(lockFolder(folder), `holder.${generation}`);
// A process wins or loses a round in a few file operations; this bound only stops a pathological loop.
const maxRounds = 100;

/** Takes the data folder's lock, or throws DataFolderInUseError naming the live holder. */
export function lockDataFolder(folder: string): DataFolderLock {
  const me = describeThisProcess();
  mkdirSync(lockFolder(folder), { recursive: true });
  for (let round = 0; round < maxRounds; round++) {
    const top = highestGeneration(folder);
    if (top !== undefined) {
      const holder = readHolder(lockFile(folder, top));
      if (holder === "gone") continue;
      if (holder && holderIsAlive(holder))
        throw new DataFolderInUseError(folder, holder, lockFile(folder, top));
    }
    const mine = (top ?? 0) + 1;
    const path = lockFile(folder, mine);
    if (!createExclusively(path, me)) continue;
    if (highestGeneration(folder) !== mine) {
      removeQuietly(path);
      continue;
    }
    removeGenerationsBelow(folder, mine);
    return {
      path,
      release: () => writeAtomically(path, { ...me, released: true }),
      announce: (details) => writeAtomically(path, { ...me, ...details }),
    };
  }
  throw new Error(
    `Could not take the lock on the data folder ${folder}: too many processes competing for it.`,
  );
}

function describeThisProcess(): LockHolder {
  const own = linuxProcessState(process.pid);
  const boot = linuxBootId();
  return {
    pid: process.pid,
    hostname: hostname(),
    ...(own ? { startTime: own.startTime } : {}),
    ...(boot ? { bootId: boot } : {}),
    acquiredAt: new Date().toISOString(),
  };
}

function generations(folder: string): number[] {
  return readdirSync(lockFolder(folder))
    .map((name) => lockName.exec(name)?.[1])
    .filter((digits): digits is string => digits !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

const highestGeneration = (folder: string) => generations(folder).at(-1);

/** The holder recorded in a lock file; null when unreadable (free: see below); "gone" when deleted meanwhile. */
function readHolder(path: string): LockHolder | null | "gone" {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "gone";
    throw error;
  }
  try {
    const holder = JSON.parse(text) as LockHolder;
    return typeof holder.pid === "number" && typeof holder.hostname === "string" ? holder : null;
  } catch {
    // Lock files appear whole (written aside, then linked), so a damaged one is not a holder at work:
    // a power cut can leave a file empty whose data was never flushed.
    return null;
  }
}

export function holderIsAlive(holder: LockHolder): boolean {
  if (holder.released) return false;
  // Another machine's processes cannot be checked from here: assume its holder is at work.
  if (holder.hostname !== hostname()) return true;
  const boot = linuxBootId();
  if (holder.bootId && boot && holder.bootId !== boot) return false;
  if (!pidExists(holder.pid)) return false;
  const state = linuxProcessState(holder.pid);
  if (state?.zombie) return false;
  return !(holder.startTime && state && state.startTime !== holder.startTime);
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Start time and zombie state from /proc/<pid>/stat; undefined where there is no /proc. */
export function linuxProcessState(pid: number): { startTime: string; zombie: boolean } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces and parentheses: count fields after its last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const [state, startTime] = [fields[0], fields[19]];
  if (!state || !startTime) return undefined;
  return { startTime, zombie: state === "Z" || state === "X" };
}

function linuxBootId(): string | undefined {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return undefined;
  }
}

/** Creates `path` with the holder's record whole, or returns false when it exists already. */
function createExclusively(path: string, holder: LockHolder): boolean {
  const aside = writeAside(path, holder);
  try {
    linkSync(aside, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    removeQuietly(aside);
  }
}

function writeAtomically(path: string, holder: LockHolder) {
  renameSync(writeAside(path, holder), path);
}

function writeAside(path: string, holder: LockHolder): string {
  const aside = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  // Owner-only: an announcement may carry the server's hand-off secret.
  writeFileSync(aside, `${JSON.stringify(holder)}\n`, { flag: "wx", mode: 0o600 });
  return aside;
}

function removeGenerationsBelow(folder: string, generation: number) {
  for (const older of generations(folder)) if (older < generation) removeQuietly(lockFile(folder, older));
}

function removeQuietly(path: string) {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}
