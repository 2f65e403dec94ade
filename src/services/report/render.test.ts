import { describe, expect, it } from "vitest";
import { hostileUrls, unparsableUrls } from "./hostile-urls.fixture.js";
import type { ReportModel } from "./model.js";
import { renderReportHtml, reportContentSecurityPolicy, webUrl } from "./render.js";

const hrefsOf = (html: string) =>
  [...html.matchAll(/href\s*=\s*"([^"]*)"/gi)].map((m) => (m[1] ?? "").replaceAll("&amp;", "&"));

/** One model that puts every hostile address in every place the report writes links. */
function modelWithHostileLinks(): ReportModel {
  const sources = [
    ...hostileUrls.map((url, i) => ({ url, title: `Hostile source ${i}` })),
    ...hostileUrls.map((url) => ({ url })),
    { url: "https://example.org/safe?a=1&b=2", title: "Safe source" },
  ];
  const evidence = hostileUrls.map((url, i) => ({ label: `Hostile evidence ${i}`, url }));
  return {
    processName: "Test process",
    isDemonstration: false,
    asOf: "2023-06-01",
    since: "2023-01-01",
    generatedAt: "2023-06-01T00:00:00Z",
    version: "test",
    method: "",
    parties: [],
    agreements: [
      {
        id: "a",
        title: "Agreement",
        sources,
        provisions: [
          {
            path: "1",
            commitments: [
              {
                id: "c",
                title: "Commitment",
                action: "act",
                deadline: { kind: "none" },
                sources,
                obligations: [{ partyName: "P", level: 1, reversed: false, sources, evidence }],
              },
            ],
          },
        ],
      },
    ],
    changes: [
      { date: "2023-02-01", commitmentTitle: "C", partyName: "P", from: 0, to: 1, rationale: "", sources },
    ],
    incidents: [{ date: "2023-03-01", title: "I", place: "", allegedBy: [], sources }],
  };
}

describe("webUrl", () => {
  it("keeps http and https addresses", () => {
    expect(webUrl("https://example.org/a b")).toBe("https://example.org/a%20b");
    expect(webUrl("HTTP://Example.org")).toBe("http://example.org/");
  });

  it.each([...hostileUrls, ...unparsableUrls])("refuses %j", (url) => {
    expect(webUrl(url)).toBeUndefined();
  });
});

describe("report links", () => {
  const html = renderReportHtml(modelWithHostileLinks());

  it("links only http and https addresses", () => {
    const hrefs = hrefsOf(html);
    expect(hrefs).toContain("https://example.org/safe?a=1&b=2");
    for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
    expect(html).not.toMatch(/<script/i);
  });

  it("still shows each refused address's text, escaped", () => {
    for (let i = 0; i < hostileUrls.length; i++) {
      expect(html).toContain(`Hostile source ${i}`);
      expect(html).toContain(`Hostile evidence ${i}`);
    }
    expect(html).toContain("javascript:alert(1)");
    expect(html).toContain("data:text/html,&lt;script&gt;alert(7)&lt;/script&gt;");
    expect(html).toContain("file:///etc/passwd");
  });

  it("carries its own no-script policy for saved copies and the PDF printer", () => {
    expect(reportContentSecurityPolicy).toContain("default-src 'none'");
    expect(reportContentSecurityPolicy).not.toContain("script-src");
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;;`,
    );
  });
});
