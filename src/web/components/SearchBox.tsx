import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router-dom";

/** The search box in the header of every page: it opens the search page with the words typed. */
export function SearchBox() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const current =
    location.pathname === "/search" ? (new URLSearchParams(location.search).get("q") ?? "") : "";
  const [words, setWords] = useState(current);
  // Follows the page's own query (a facet link, the back button) while the search page is shown.
  useEffect(() => setWords(current), [current]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = words.trim();
    if (q) navigate(`/search?${new URLSearchParams({ q }).toString()}`);
  };
  return (
    <search className="search-box">
      <form onSubmit={submit}>
        <label>
          <span className="visually-hidden">{t("search.label")}</span>
          <input
            type="search"
            name="q"
            value={words}
            maxLength={200}
            placeholder={t("search.placeholder")}
            onChange={(event) => setWords(event.target.value)}
          />
        </label>
        <button type="submit">{t("search.submit")}</button>
      </form>
    </search>
  );
}
