import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { query, useApi } from "../../api";
import { Status } from "../../components/common";
import { useMayOnKind } from "../../permissions";
import { useProcess } from "../../process-context";
import { sendJson, useSession } from "../../session";
import { dateTime } from "./DocumentSections";
import type { FeedView, PollResult } from "./types";

/** Feeds polled on a schedule, with their state for everyone; staff add, poll, pause and resume them. */
export function FeedsPage() {
  const { t } = useTranslation();
  const { process } = useProcess();
  const feeds = useApi<{ items: FeedView[] }>(
    process ? `/api/feeds${query({ processId: process.id })}` : null,
  );
  const mayManage = useMayOnKind("documents", "create");
  return (
    <section className="feeds">
      <h1>{t("feeds.title")}</h1>
      <p className="muted">{t("feeds.intro")}</p>
      <Status loading={feeds.loading && !feeds.data} error={feeds.error}>
        {feeds.data?.items.length === 0 && <p className="muted">{t("feeds.none")}</p>}
        <ul className="feed-list">
          {feeds.data?.items.map((feed) => (
            <FeedItem key={feed.id} feed={feed} mayManage={mayManage} onChanged={feeds.reload} />
          ))}
        </ul>
      </Status>
      {mayManage && process && <AddFeedForm processId={process.id} onAdded={feeds.reload} />}
    </section>
  );
}

function FeedItem({
  feed,
  mayManage,
  onChanged,
}: {
  feed: FeedView;
  mayManage: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [poll, setPoll] = useState<PollResult>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      onChanged();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };
  const path = `/api/feeds/${encodeURIComponent(feed.id)}`;
  return (
    <li className={`feed ${feed.active ? "" : "paused"}`}>
      <h2>{feed.title || feed.url}</h2>
      <p className="muted break">
        {feed.url} · {feed.publisher || "—"} · {t(`documentKind.${feed.documentKind}`)}
        {feed.publishAs === "published" && ` · ${t("feeds.publishedWithoutReview")}`}
      </p>
      <dl className="facts">
        <dt>{t("feeds.lastPoll")}</dt>
        <dd>
          {feed.lastPolledAt ? dateTime(feed.lastPolledAt) : t("feeds.neverPolled")}
          {feed.lastStatus && ` · ${t(`feeds.status.${feed.lastStatus}`)}`}
        </dd>
        <dt>{t("feeds.items")}</dt>
        <dd>{t("feeds.itemCounts", { newItems: feed.lastNewItems, total: feed.itemsTotal })}</dd>
        <dt>{t("feeds.nextPoll")}</dt>
        <dd>
          {feed.active ? dateTime(feed.nextPollAt) : t("feeds.paused")}{" "}
          <span className="muted">{t("feeds.every", { minutes: feed.pollIntervalMinutes })}</span>
        </dd>
      </dl>
      {feed.lastError && (
        <p className="error">
          {feed.lastError}
          {feed.consecutiveFailures > 1 && ` (${t("feeds.failures", { count: feed.consecutiveFailures })})`}
        </p>
      )}
      {mayManage && (
        <p className="feed-actions">
          <button
            type="button"
            disabled={busy}
            onClick={() => act(async () => setPoll(await sendJson<PollResult>("POST", `${path}/poll`)))}
          >
            {t("feeds.pollNow")}
          </button>{" "}
          <button
            type="button"
            disabled={busy}
            onClick={() => act(async () => void (await sendJson("PATCH", path, { active: !feed.active })))}
          >
            {feed.active ? t("feeds.pause") : t("feeds.resume")}
          </button>
        </p>
      )}
      {poll && (
        <p role="status" className={poll.status === "error" ? "error" : undefined}>
          {t(`feeds.status.${poll.status}`)} · {t("feeds.pollNew", { count: poll.newItems })}
          {/* A failed poll's reason is the feed's last error, shown above. */}
          {poll.outcomes.some((o) => o.outcome === "failed") &&
            ` · ${t("feeds.pollFailed", { count: poll.outcomes.filter((o) => o.outcome === "failed").length })}`}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

function AddFeedForm({ processId, onAdded }: { processId: string; onAdded: () => void }) {
  const { t } = useTranslation();
  const actor = useSession()?.actor;
  const isAdministrator = actor?.kind === "account" && actor.role === "administrator";
  const [error, setError] = useState<string>();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const text = (name: string) => String(form.get(name) ?? "").trim() || undefined;
    setError(undefined);
    try {
      await sendJson("POST", "/api/feeds", {
        processId,
        url: text("url"),
        title: text("title"),
        publisher: text("publisher"),
        documentKind: text("documentKind"),
        fetchArticles: form.get("fetchArticles") === "on",
        pollIntervalMinutes: Number(form.get("pollIntervalMinutes")),
        publishAs: form.get("publishWithoutReview") === "on" ? "published" : "draft",
      });
      formElement.reset();
      onAdded();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };
  return (
    <form className="feed-form" onSubmit={submit}>
      <h2>{t("feeds.add")}</h2>
      <label>
        {t("feeds.url")}
        <input type="url" name="url" required placeholder="https://" />
      </label>
      <label>
        {t("feeds.feedTitle")}
        <input name="title" />
      </label>
      <label>
        {t("documents.publisher")}
        <input name="publisher" />
      </label>
      <label>
        {t("documents.kind")}
        <select name="documentKind" defaultValue="news_article">
          {["news_article", "official_statement", "report", "interview"].map((kind) => (
            <option key={kind} value={kind}>
              {t(`documentKind.${kind}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("feeds.interval")}
        <input type="number" name="pollIntervalMinutes" min={5} max={10080} defaultValue={60} required />
      </label>
      <label className="checkbox">
        <input type="checkbox" name="fetchArticles" /> {t("feeds.fetchArticles")}
      </label>
      {isAdministrator && (
        <label className="checkbox">
          <input type="checkbox" name="publishWithoutReview" /> {t("feeds.publishWithoutReview")}
        </label>
      )}
      <button type="submit">{t("feeds.addSubmit")}</button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
