import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { NavLink, Route, Routes } from "react-router-dom";
import { AccountControl } from "./components/AccountControl";
import { DemoBanner } from "./components/common";
import { NotificationBell } from "./components/NotificationBell";
import { SearchBox } from "./components/SearchBox";
import { lazyPage } from "./lazy-page";
import { ProcessProvider, useProcess } from "./process-context";
import { useSession } from "./session";

// Every page is its own chunk (see lazy-page.tsx): add new pages the same way.
const OverviewPage = lazyPage(() => import("./pages/OverviewPage"), "OverviewPage");
const DashboardPage = lazyPage(() => import("./pages/DashboardPage"), "DashboardPage");
const AgreementsPage = lazyPage(() => import("./pages/AgreementsPage"), "AgreementsPage");
const AgreementPage = lazyPage(() => import("./pages/AgreementPage"), "AgreementPage");
const CommitmentPage = lazyPage(() => import("./pages/CommitmentPage"), "CommitmentPage");
const NegotiationsPage = lazyPage(() => import("./pages/NegotiationPages"), "NegotiationsPage");
const FormatPage = lazyPage(() => import("./pages/NegotiationPages"), "FormatPage");
const MeetingPage = lazyPage(() => import("./pages/NegotiationPages"), "MeetingPage");
const PartiesPage = lazyPage(() => import("./pages/PartiesPages"), "PartiesPage");
const PartyPage = lazyPage(() => import("./pages/PartiesPages"), "PartyPage");
const PlacesPage = lazyPage(() => import("./pages/PlacesPages"), "PlacesPage");
const PlacePage = lazyPage(() => import("./pages/PlacesPages"), "PlacePage");
const CorridorPage = lazyPage(() => import("./pages/CorridorPage"), "CorridorPage");
const IncidentsPage = lazyPage(() => import("./pages/IncidentsPages"), "IncidentsPage");
const IncidentPage = lazyPage(() => import("./pages/IncidentsPages"), "IncidentPage");
const MapPage = lazyPage(() => import("./pages/MapPage"), "MapPage");
const DocumentsPage = lazyPage(() => import("./pages/DocumentsPages"), "DocumentsPage");
const DocumentPage = lazyPage(() => import("./pages/DocumentsPages"), "DocumentPage");
const TakeInPage = lazyPage(() => import("./pages/documents/TakeInPage"), "TakeInPage");
const IntakeLogPage = lazyPage(() => import("./pages/documents/IntakeLogPage"), "IntakeLogPage");
const FeedsPage = lazyPage(() => import("./pages/documents/FeedsPage"), "FeedsPage");
const ExtractionPage = lazyPage(() => import("./pages/documents/ExtractionPage"), "ExtractionPage");
const ImportsPage = lazyPage(() => import("./pages/ImportsPages"), "ImportsPage");
const ImportRunPage = lazyPage(() => import("./pages/ImportsPages"), "ImportRunPage");
const NotFoundPage = lazyPage(() => import("./pages/NotFoundPage"), "NotFoundPage");
const SignInPage = lazyPage(() => import("./pages/SignInPage"), "SignInPage");
const AccountPage = lazyPage(() => import("./pages/AccountPage"), "AccountPage");
const AcceptInvitationPage = lazyPage(() => import("./pages/AcceptInvitationPage"), "AcceptInvitationPage");
const ReviewQueuePage = lazyPage(() => import("./pages/ReviewQueuePage"), "ReviewQueuePage");
const AdministrationPage = lazyPage(() => import("./pages/AdministrationPage"), "AdministrationPage");
const SubmitPage = lazyPage(() => import("./pages/SubmitPage"), "SubmitPage");
const SearchPage = lazyPage(() => import("./pages/SearchPage"), "SearchPage");
const NotificationsPage = lazyPage(() => import("./pages/NotificationsPage"), "NotificationsPage");
const WebhooksPage = lazyPage(() => import("./pages/WebhooksPage"), "WebhooksPage");

const sections = [
  ["/", "nav.overview"],
  ["/compliance", "nav.compliance"],
  ["/agreements", "nav.agreements"],
  ["/negotiations", "nav.negotiations"],
  ["/parties", "nav.parties"],
  ["/places", "nav.places"],
  ["/incidents", "nav.incidents"],
  ["/map", "nav.map"],
  ["/documents", "nav.documents"],
  ["/feeds", "nav.feeds"],
  ["/imports", "nav.imports"],
] as const;

function ProcessSwitcher() {
  const { t } = useTranslation();
  const { processes, process, select } = useProcess();
  if (processes.length < 2) return process ? <span className="process-name">{process.name}</span> : null;
  return (
    <label className="process-switcher">
      <span className="visually-hidden">{t("nav.process")}</span>
      <select value={process?.id} onChange={(event) => select(event.target.value)}>
        {processes.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The review queue is the mission's: shown to monitors, mediators and administrators only. */
function ReviewNavLink() {
  const { t } = useTranslation();
  const actor = useSession()?.actor;
  if (actor?.kind !== "account" || actor.role === "party_representative") return null;
  return <NavLink to="/review">{t("nav.review")}</NavLink>;
}

/** Taking sources in: every signed-in person (staff create documents, representatives submit them). */
function TakeInNavLink() {
  const { t } = useTranslation();
  if (useSession()?.actor.kind !== "account") return null;
  return <NavLink to="/documents/new">{t("nav.takeIn")}</NavLink>;
}

/** Administration for administrators; a party's submissions for its representatives. */
function RoleNavLinks() {
  const { t } = useTranslation();
  const actor = useSession()?.actor;
  if (actor?.kind !== "account") return null;
  if (actor.role === "administrator") return <NavLink to="/admin">{t("nav.admin")}</NavLink>;
  if (actor.role === "party_representative") return <NavLink to="/submit">{t("nav.submit")}</NavLink>;
  return null;
}

/** A party's webhooks: administrators (any party's) and a bound representative (their own party's). */
function WebhooksNavLink() {
  const { t } = useTranslation();
  const actor = useSession()?.actor;
  if (actor?.kind !== "account") return null;
  if (actor.role !== "administrator" && !(actor.role === "party_representative" && actor.partyId))
    return null;
  return <NavLink to="/webhooks">{t("nav.webhooks")}</NavLink>;
}

function Shell() {
  const { t } = useTranslation();
  return (
    <>
      <header className="app-header">
        <NavLink to="/" className="brand">
          {t("app.name")}
        </NavLink>
        <ProcessSwitcher />
        <nav aria-label={t("nav.label")}>
          {sections.map(([to, label]) => (
            <NavLink key={to} to={to} end={to === "/"}>
              {t(label)}
            </NavLink>
          ))}
          <ReviewNavLink />
          <TakeInNavLink />
          <RoleNavLinks />
          <WebhooksNavLink />
        </nav>
        <SearchBox />
        <AccountControl />
        <NotificationBell />
      </header>
      <DemoBanner />
      <main>
        <Suspense fallback={<p className="muted">{t("status.loading")}</p>}>
          <Routes>
            <Route path="/" element={<OverviewPage />} />
            <Route path="/compliance" element={<DashboardPage />} />
            <Route path="/agreements" element={<AgreementsPage />} />
            <Route path="/agreements/:id" element={<AgreementPage />} />
            <Route path="/commitments/:id" element={<CommitmentPage />} />
            <Route path="/negotiations" element={<NegotiationsPage />} />
            <Route path="/formats/:id" element={<FormatPage />} />
            <Route path="/meetings/:id" element={<MeetingPage />} />
            <Route path="/parties" element={<PartiesPage />} />
            <Route path="/parties/:id" element={<PartyPage />} />
            <Route path="/places" element={<PlacesPage />} />
            <Route path="/places/:id" element={<PlacePage />} />
            <Route path="/places/:id/access" element={<CorridorPage />} />
            <Route path="/incidents" element={<IncidentsPage />} />
            <Route path="/incidents/:id" element={<IncidentPage />} />
            <Route path="/map" element={<MapPage />} />
            <Route path="/documents" element={<DocumentsPage />} />
            <Route path="/documents/new" element={<TakeInPage />} />
            <Route path="/documents/intakes" element={<IntakeLogPage />} />
            <Route path="/documents/:id" element={<DocumentPage />} />
            <Route path="/documents/:id/review" element={<ExtractionPage />} />
            <Route path="/feeds" element={<FeedsPage />} />
            <Route path="/imports" element={<ImportsPage />} />
            <Route path="/imports/:id" element={<ImportRunPage />} />
            <Route path="/review" element={<ReviewQueuePage />} />
            <Route path="/admin" element={<AdministrationPage />} />
            <Route path="/submit" element={<SubmitPage />} />
            <Route path="/search" element={<SearchPage />} />
            <Route path="/notifications" element={<NotificationsPage />} />
            <Route path="/webhooks" element={<WebhooksPage />} />
            <Route path="/sign-in" element={<SignInPage />} />
            <Route path="/account" element={<AccountPage />} />
            <Route path="/accept-invitation" element={<AcceptInvitationPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </main>
      <footer className="app-footer">
        {t("app.footer")} · <a href="/api/docs">{t("app.apiDocs")}</a>
      </footer>
    </>
  );
}

export function App() {
  return (
    <ProcessProvider>
      <Shell />
    </ProcessProvider>
  );
}
