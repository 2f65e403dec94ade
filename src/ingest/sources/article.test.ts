import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractArticle, extractVisibleText } from "./article.js";
import { IntakeError } from "./intake-error.js";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

function intakeError(run: () => unknown): IntakeError {
  try {
    run();
  } catch (error) {
    if (error instanceof IntakeError) return error;
    throw error;
  }
  throw new Error("expected an IntakeError");
}

describe("extractArticle", () => {
  it("takes a ministry statement's text out of its menus, sidebar and footer", () => {
    const page = extractArticle(
      fixture("ministry-statement.html"),
      "https://mfa.example.am/en/press-releases/",
    );
    expect(page).toMatchObject({
      format: "html",
      title: "Statement of the Ministry of Foreign Affairs on the next round of talks",
      declaredLanguage: "en",
      canonicalUrl: "https://mfa.example.am/en/press-releases/2023/03/27/statement-next-round/",
      encoding: "utf-8",
    });
    const paragraphs = page.text.split("\n\n");
    expect(paragraphs).toHaveLength(3);
    expect(paragraphs[0]).toMatch(/^The Ministry of Foreign Affairs welcomes the agreement/);
    expect(page.text).not.toMatch(/Consular Services|Latest news|All rights reserved|Search|</);
    // The page's date is only in its text ("27 March, 2023"): the dating step reads it, not this one.
    expect(page.publishedAt).toBeUndefined();
  });

  it("reads a news page's metadata from JSON-LD and meta tags", () => {
    const page = extractArticle(fixture("news-jsonld.html"), "https://news.example.com/");
    expect(page).toMatchObject({
      title: "Talks to resume next month, officials say",
      author: "Ani Example, John Sample",
      publisher: "Example News",
      publishedAt: "2023-03-27T18:40:00+04:00",
      declaredLanguage: "en-US",
      canonicalUrl: "https://news.example.com/2023/03/27/talks-resume/",
    });
    expect(page.text).toContain("Negotiators from both sides will meet again next month");
    expect(page.text).toContain("\n\n“The format has been agreed,” one official said");
    expect(page.text).not.toContain("Explainer: the negotiation formats");
  });

  it("falls back to JSON-LD and <time> when the meta tags are missing", () => {
    const html = fixture("news-jsonld.html")
      .replace(/<meta property="(og:site_name|article:published_time)"[^>]*>/g, "")
      .replace('<meta name="author" content="Meta Author">', "");
    const page = extractArticle(html);
    expect(page).toMatchObject({
      publisher: "Example News Agency",
      publishedAt: "2023-03-27T18:40:00+04:00",
    });
    const withoutJsonLd = html.replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/g, "");
    expect(extractArticle(withoutJsonLd).publishedAt).toBe("2023-03-27T18:40:00+04:00");
  });

  it("reads an Armenian page and its declared language", () => {
    const page = extractArticle(fixture("armenian-statement.html"));
    expect(page).toMatchObject({
      title: "Արտաքին գործերի նախարարության հայտարարությունը",
      declaredLanguage: "hy",
      publishedAt: "2023-03-27",
    });
    expect(page.text).toContain("Արտաքին գործերի նախարարությունը ողջունում է կողմերի համաձայնությունը");
  });

  it("takes the language from og:locale when <html> has no lang", () => {
    const page = extractArticle(fixture("armenian-statement.html").replace(' lang="hy"', ""));
    expect(page.declaredLanguage).toBe("hy-AM");
  });

  it("refuses a page of navigation only", () => {
    const error = intakeError(() => extractArticle(fixture("navigation-only.html")));
    expect(error.code).toBe("not_an_article");
    expect(error.message).toMatch(/prose/);
  });

  it("refuses a login form", () => {
    const login = `<html><head><title>Sign in</title></head><body><form method="post">
      <h1>Sign in to your account</h1><label>Email <input name="email"></label>
      <label>Password <input type="password" name="password"></label>
      <p><a href="/forgot">Forgot your password?</a></p><button>Sign in</button></form></body></html>`;
    expect(intakeError(() => extractArticle(login)).code).toBe("not_an_article");
  });

  it("refuses HTML over 10 MB, and an empty page", () => {
    const huge = `<html><body><p>${"word ".repeat(2_200_000)}</p></body></html>`;
    expect(intakeError(() => extractArticle(huge)).code).toBe("too_large");
    expect(intakeError(() => extractArticle("  ")).code).toBe("empty");
  });
});

describe("extractVisibleText", () => {
  it("keeps all of a non-article page's visible text, without scripts or hidden parts", () => {
    const page = extractVisibleText(
      fixture("navigation-only.html").replace(
        "</main>",
        "<div hidden>secret</div><script>var x = 1;</script></main>",
      ),
    );
    expect(page.title).toBe("Press releases - Ministry of Foreign Affairs");
    expect(page.text).toContain(
      "Press releases\n\nStatement of the Ministry of Foreign Affairs on the next round of talks 27.03.2023",
    );
    expect(page.text).not.toMatch(/secret|var x/);
  });
});
