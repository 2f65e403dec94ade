import type { ChangeEvent, ChangesPage } from "../domain/changes.js";

/**
 * A client of GET /api/changes that remembers only its cursor, as a mirror would. The feed shows each
 * reader what they may read: pass an account's headers to follow drafts too (staff see everything).
 */
export class FeedFollower {
  readonly seen: ChangeEvent[] = [];
  cursor: string | undefined;

  constructor(
    private readonly base: string,
    private readonly limit = 5,
    private readonly headers: Record<string, string> = {},
  ) {}

  /** One page; what it returns is added to `seen`. */
  async page(): Promise<ChangesPage> {
    const since = this.cursor === undefined ? "" : `&since=${this.cursor}`;
    const response = await fetch(`${this.base}/api/changes?limit=${this.limit}${since}`, {
      headers: this.headers,
    });
    if (response.status !== 200)
      throw new Error(`feed answered ${response.status}: ${await response.text()}`);
    const page = (await response.json()) as ChangesPage;
    this.seen.push(...page.items);
    this.cursor = page.nextCursor;
    return page;
  }

  /** Pages until the feed says it has caught up. */
  async catchUp(): Promise<ChangeEvent[]> {
    const before = this.seen.length;
    while ((await this.page()).hasMore);
    return this.seen.slice(before);
  }

  /**
   * Polls until `done` holds of everything seen. The horizon is the whole server's, so a transaction
   * open in another test file's database can hold committed changes back for a moment.
   */
  async until(done: (seen: ChangeEvent[]) => boolean | Promise<boolean>, timeoutMs = 30_000) {
    const before = this.seen.length;
    for (const deadline = Date.now() + timeoutMs; ; ) {
      await this.catchUp();
      if (await done(this.seen)) return this.seen.slice(before);
      if (Date.now() > deadline)
        throw new Error(`the feed did not deliver in time (${this.seen.length} seen)`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

export const eventKey = (event: ChangeEvent) => `${event.entity}/${event.recordId}/${event.kind}`;
