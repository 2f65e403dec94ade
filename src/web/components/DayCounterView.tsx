import { useTranslation } from "react-i18next";
import type { DayCounter, RestrictionPeriod } from "../../domain/corridor";
import { DayStatusBadge } from "./AccessObservations";

/** What the restriction around the counter looked like: who reported it, and how much was not seen. */
function PeriodFacts({
  period,
  partyName,
}: {
  period: RestrictionPeriod;
  partyName: (id: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <p className="small muted">
      {t("corridor.counter.lastReported", { date: period.lastReportedOn })}
      {period.reportedByPartyIds.length > 0 &&
        ` · ${t("corridor.counter.reportedBy", { parties: period.reportedByPartyIds.map(partyName).join(", ") })}`}
      {period.unknownDays > 0 && ` · ${t("corridor.counter.unknownDays", { count: period.unknownDays })}`}
      {period.contestedDays > 0 &&
        ` · ${t("corridor.counter.contestedDays", { count: period.contestedDays })}`}
    </p>
  );
}

/** The headline sentence for the counter's state. */
function CounterHeadline({ counter }: { counter: DayCounter }) {
  const { t } = useTranslation();
  const period = counter.period;
  if (counter.state === "restricted" && period && counter.day !== null)
    return <>{t("corridor.counter.restricted", { day: counter.day, since: period.start })}</>;
  if (counter.state === "reopened" && period)
    return (
      <>
        {t("corridor.counter.reopened", {
          date: period.reopenedOn ?? period.end ?? "",
          count: period.days,
          start: period.start,
          end: period.end ?? "",
        })}
      </>
    );
  if (counter.state === "not_restricted")
    return <>{t("corridor.counter.notRestricted", { date: counter.asOf })}</>;
  return <>{t("corridor.counter.noData", { date: counter.asOf })}</>;
}

/**
 * "Day N of the restriction since DATE" as of the chosen date, with the status of that very day. A day
 * inside a restriction that nobody reported on still counts (the restriction had not been seen to
 * end) but is said to be unreported, not passed off as observed.
 */
export function DayCounterView({
  counter,
  partyName,
}: {
  counter: DayCounter;
  partyName: (id: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <div
      className={`day-counter counter-${counter.state}`}
      data-testid="day-counter"
      data-state={counter.state}
    >
      <p className="day-counter-headline" data-testid="day-counter-headline" aria-live="polite">
        <CounterHeadline counter={counter} />
      </p>
      <p>
        {t("corridor.counter.statusOn", { date: counter.asOf })}{" "}
        <DayStatusBadge status={counter.statusOnDay} />
        {counter.statusOnDay === "unknown" && counter.state === "restricted" && (
          <span className="muted small"> {t("corridor.counter.unreportedWithin")}</span>
        )}
      </p>
      {counter.period && <PeriodFacts period={counter.period} partyName={partyName} />}
    </div>
  );
}
