import { useTranslation } from "react-i18next";
import { NavLink, Route, Routes } from "react-router-dom";
import { DemoBanner } from "./components/common";
import { AgreementPage } from "./pages/AgreementPage";
import { AgreementsPage } from "./pages/AgreementsPage";
import { CommitmentPage } from "./pages/CommitmentPage";
import { DashboardPage } from "./pages/DashboardPage";
import { DocumentPage, DocumentsPage } from "./pages/DocumentsPages";
import { ImportRunPage, ImportsPage } from "./pages/ImportsPages";
import { IncidentPage, IncidentsPage } from "./pages/IncidentsPages";
import { FormatPage, MeetingPage, NegotiationsPage } from "./pages/NegotiationPages";
import { NotFoundPage } from "./pages/NotFoundPage";
import { OverviewPage } from "./pages/OverviewPage";
import { PartiesPage, PartyPage } from "./pages/PartiesPages";
import { PlacePage, PlacesPage } from "./pages/PlacesPages";
import { ProcessProvider, useProcess } from "./process-context";

const sections = [
  ["/", "nav.overview"],
  ["/compliance", "nav.compliance"],
  ["/agreements", "nav.agreements"],
  ["/negotiations", "nav.negotiations"],
  ["/parties", "nav.parties"],
  ["/places", "nav.places"],
  ["/incidents", "nav.incidents"],
  ["/documents", "nav.documents"],
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
        </nav>
      </header>
      <DemoBanner />
      <main>
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
          <Route path="/incidents" element={<IncidentsPage />} />
          <Route path="/incidents/:id" element={<IncidentPage />} />
          <Route path="/documents" element={<DocumentsPage />} />
          <Route path="/documents/:id" element={<DocumentPage />} />
          <Route path="/imports" element={<ImportsPage />} />
          <Route path="/imports/:id" element={<ImportRunPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
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
