import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { DocumentDetail } from "./types";

/**
 * On a document's page: how much extraction found (what the caller may see of it) and the way to the
 * review page, where the spans are drawn over the text beside the items.
 */
export function ExtractionLink({ document: d }: { document: DocumentDetail }) {
  const { t } = useTranslation();
  const counts = {
    quotes: d.quotes?.length ?? 0,
    claims: d.claims?.length ?? 0,
    dates: d.dates?.length ?? 0,
    mentions: d.mentions?.length ?? 0,
  };
  const open = [...(d.quotes ?? []), ...(d.claims ?? []), ...(d.dates ?? []), ...(d.mentions ?? [])].filter(
    (item) => item.status === "suggested",
  ).length;
  if (!d.mayReviewExtraction && Object.values(counts).every((count) => count === 0)) return null;
  return (
    <p className="extraction-link" data-testid="extraction-link">
      <strong>{t("extraction.title")}:</strong> {t("extraction.counts", counts)}
      {d.mayReviewExtraction && open > 0 && <> · {t("extraction.open", { count: open })}</>}{" "}
      <Link to={`/documents/${encodeURIComponent(d.id)}/review`}>
        {d.mayReviewExtraction ? t("extraction.review") : t("extraction.see")}
      </Link>
    </p>
  );
}
