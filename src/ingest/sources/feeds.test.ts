import { existsSync, readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { maxFeedBytes, parseFeedBytes } from "./feeds.js";
import { IntakeError } from "./intake-error.js";

/**
 * Real-world feeds from the shared samples (third parties' files, kept out of the repo: these tests
 * skip where the samples are absent), and small feeds of our own in their layouts.
 */
const samples = "/work/shared/samples/feeds";
const sample = (name: string) => readFileSync(`${samples}/${name}`);
const utf8 = (text: string) => new TextEncoder().encode(text);

function intakeError(run: () => unknown): IntakeError {
  try {
    run();
  } catch (error) {
    if (error instanceof IntakeError) return error;
    throw error;
  }
  throw new Error("expected an IntakeError");
}

const ownFeed = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>  Ministry of Foreign Affairs — News  </title>
    <link>https://mfa.example.am/en/</link>
    <language>en</language>
    <item>
      <title>Statement on the border &amp; <b>delimitation</b> talks</title>
      <link>/en/press-release/2023/03/27/statement/</link>
      <guid isPermaLink="false">mfa-2023-0327</guid>
      <pubDate>Mon, 27 Mar 2023 01:30:00 +0400</pubDate>
      <dc:creator>Press Office</dc:creator>
      <description>&lt;p&gt;The Ministry welcomes the agreement.&lt;/p&gt;</description>
    </item>
    <item>
      <description>An item with only a description, as RSS 2.0 allows, whose first words become the title.</description>
    </item>
  </channel>
</rss>
`;

describe.skipIf(!existsSync(samples))("the shared sample feeds", () => {
  it("reads the Guardian's RSS 2.0", () => {
    const feed = parseFeedBytes(sample("guardian.rss"), {
      contentType: "application/rss+xml; charset=utf-8",
    });
    expect(feed).toMatchObject({ kind: "rss", title: "The Guardian", language: "en-gb", encoding: "utf-8" });
    expect(feed.items).toHaveLength(55);
    expect(feed.items[0]).toMatchObject({
      title: "Trump State of the Union address promised unity but emphasized discord",
      url: "https://www.theguardian.com/us-news/2018/jan/31/donald-trump-state-of-the-union-address-unity-discord",
      publishedAt: "2018-01-31T07:26:05Z",
      author: "David Smith in Washington",
    });
    expect(feed.items[0]?.contentHtml).toContain("<p>The president’s ‘new American moment’");
  });

  it("reads heise's German Atom, keeping the entry's +01:00 offset", () => {
    const feed = parseFeedBytes(sample("heise.atom"));
    expect(feed).toMatchObject({ kind: "atom", title: "heise developer neueste Meldungen" });
    expect(feed.items).toHaveLength(15);
    expect(feed.items[0]).toMatchObject({
      guid: "http://heise.de/-3088438",
      title: "Java-Anwendungsserver: Red Hat gibt WildFly 10 frei",
      url: expect.stringMatching(/^http:\/\/www\.heise\.de\/developer\/meldung\/Java-Anwendungsserver-/),
      publishedAt: "2016-02-01T17:22:00+01:00",
    });
    expect(feed.items[0]?.summaryHtml).toContain("Die nun verfügbare Version 10");
  });

  it("reads craigslist's RDF, markup out of titles, rdf:about as the guid", () => {
    const feed = parseFeedBytes(sample("craigslist-rdf.rss"));
    expect(feed).toMatchObject({
      kind: "rdf",
      title: "craigslist SF bay area | apts/housing for rent search",
    });
    expect(feed.items).toHaveLength(25);
    expect(feed.items[0]).toMatchObject({
      guid: "http://sfbay.craigslist.org/eby/apa/6186664607.html",
      url: "http://sfbay.craigslist.org/eby/apa/6186664607.html",
      title: "Bright, Spacious Beautiful Victorian (oakland north / temescal) $4300 3bd 1930ft2",
      publishedAt: "2017-06-21T10:33:10-07:00",
    });
  });

  it("reads the ISO-8859-1 feed with its accents intact", () => {
    const feed = parseFeedBytes(sample("latin1-encoding.rss"));
    expect(feed).toMatchObject({ kind: "rss", title: "Jornal de Notícias - Últimas Notícias" });
    expect(feed.encoding).toBe("windows-1252");
    expect(feed.items).toHaveLength(40);
    expect(feed.items[0]).toMatchObject({
      title: "Mãe de utente é a nova presidente da Raríssimas",
      publishedAt: "2018-01-03T13:47:00Z",
    });
    expect(feed.items[0]?.contentHtml).toContain("Sónia Laygue");
  });

  it("reads a sample squeezed onto one line, and one with CRLF line ends", () => {
    const original = sample("guardian.rss").toString("utf8");
    const oneLine = original.replace(/\r?\n\s*/g, " ");
    const crlf = original.replace(/\r?\n/g, "\r\n");
    for (const variant of [oneLine, crlf]) {
      const feed = parseFeedBytes(utf8(variant));
      expect(feed.items).toHaveLength(55);
      expect(feed.items[0]?.title).toBe(
        "Trump State of the Union address promised unity but emphasized discord",
      );
      expect(feed.items.every((item) => !item.title.includes("\r"))).toBe(true);
    }
  });
});

describe("normalising items", () => {
  it("trims and strips titles, resolves relative links, keeps the written offset", () => {
    const feed = parseFeedBytes(utf8(ownFeed));
    expect(feed).toMatchObject({
      title: "Ministry of Foreign Affairs — News",
      url: "https://mfa.example.am/en/",
    });
    expect(feed.items[0]).toEqual({
      guid: "mfa-2023-0327",
      url: "https://mfa.example.am/en/press-release/2023/03/27/statement/",
      title: "Statement on the border & delimitation talks",
      author: "Press Office",
      publishedAt: "2023-03-27T01:30:00+04:00",
      contentHtml: "<p>The Ministry welcomes the agreement.</p>",
    });
  });

  it("gives an item without a title its description's first words, and no invented date", () => {
    const item = parseFeedBytes(utf8(ownFeed)).items[1];
    expect(item?.title).toMatch(/^An item with only a description/);
    expect(item?.publishedAt).toBeUndefined();
  });

  it("reads undeclared Windows-1252, CRLF and all on one line", () => {
    const oneLine = ownFeed
      .replace(/\n\s*/g, "")
      .replace('encoding="utf-8"', "")
      .replace("delimitation", "délimitation");
    const feed = parseFeedBytes(iconv.encode(oneLine.replace(/></g, ">\r\n<"), "windows-1252"));
    expect(feed.encoding).toBe("windows-1252");
    expect(feed.items[0]?.title).toBe("Statement on the border & délimitation talks");
  });

  it("forgives sloppy markup: a bare ampersand, HTML entities, trailing junk", () => {
    const sloppy = ownFeed
      .replace("border &amp;", "border & the")
      .replace("Press Office", "Press&nbsp;Office")
      .concat("<!-- served in 0.02s -->\ntrailing junk");
    const item = parseFeedBytes(utf8(sloppy)).items[0];
    expect(item?.title).toBe("Statement on the border & the delimitation talks");
    expect(item?.author).toBe("Press Office");
  });

  it("skips a script's warning printed before the feed", () => {
    const noisy = `\n<b>Notice</b>: Undefined index: lang in /var/www/rss.php on line 12<br />\n${ownFeed}`;
    expect(parseFeedBytes(utf8(noisy)).items).toHaveLength(2);
  });

  it("reads a UTF-16 feed with a byte-order mark", () => {
    const feed = parseFeedBytes(
      iconv.encode(ownFeed.replace("utf-8", "utf-16"), "utf-16le", { addBOM: true }),
    );
    expect(feed).toMatchObject({ encoding: "utf-16le", kind: "rss" });
    expect(feed.items).toHaveLength(2);
  });

  it("resolves links against the fetched URL when the feed gives no link of its own", () => {
    const withoutLink = ownFeed.replace("<link>https://mfa.example.am/en/</link>", "");
    const feed = parseFeedBytes(utf8(withoutLink), { url: "https://mfa.example.am/rss.xml" });
    expect(feed.items[0]?.url).toBe("https://mfa.example.am/en/press-release/2023/03/27/statement/");
  });
});

describe("bytes that are not a feed", () => {
  it("names an HTML page", () => {
    const html = "<!DOCTYPE html><html><head><title>Log in</title></head><body><form></form></body></html>";
    const error = intakeError(() => parseFeedBytes(utf8(html)));
    expect(error.code).toBe("not_a_feed");
    expect(error.message).toContain("an HTML page (“Log in”)");
  });

  it("points to the feed an HTML page names", () => {
    const html = `<html><head><title>News</title>
      <link rel="alternate" type="application/rss+xml" title="RSS" href="/en/rss.xml"></head><body></body></html>`;
    const error = intakeError(() => parseFeedBytes(utf8(html), { url: "https://mfa.example.am/en/news/" }));
    expect(error.message).toContain("the page names its feed at https://mfa.example.am/en/rss.xml");
  });

  it("names JSON, and JSON Feed", () => {
    expect(intakeError(() => parseFeedBytes(utf8('{"items": []}'))).message).toMatch(/this is JSON$/);
    const jsonFeed = '{"version": "https://jsonfeed.org/version/1.1", "items": []}';
    expect(intakeError(() => parseFeedBytes(utf8(jsonFeed))).message).toContain("a JSON Feed");
  });

  it("names another XML document and plain text", () => {
    const sitemap = '<?xml version="1.0"?><urlset><url><loc>https://example.am/</loc></url></urlset>';
    expect(intakeError(() => parseFeedBytes(utf8(sitemap))).message).toContain("root element is <urlset>");
    expect(intakeError(() => parseFeedBytes(utf8("Just some words."))).message).toContain("plain text");
  });

  it("refuses empty bytes, and whitespace", () => {
    expect(intakeError(() => parseFeedBytes(new Uint8Array())).code).toBe("empty");
    expect(intakeError(() => parseFeedBytes(utf8(" \r\n\t"))).code).toBe("empty");
  });

  it("refuses truncated XML rather than returning the items before the cut", () => {
    const cut = ownFeed.slice(0, ownFeed.indexOf("</item>") + 7);
    const error = intakeError(() => parseFeedBytes(utf8(cut)));
    expect(error.code).toBe("not_a_feed");
    expect(error.message).toContain("does not end with </rss>");
    expect(intakeError(() => parseFeedBytes(utf8(ownFeed.slice(0, 300)))).code).toBe("not_a_feed");
  });

  it("refuses a feed over 20 MB before decoding it", () => {
    expect(intakeError(() => parseFeedBytes(new Uint8Array(maxFeedBytes + 1))).code).toBe("too_large");
  });

  it("refuses binary bytes as of unknown encoding", () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(intakeError(() => parseFeedBytes(png)).code).toBe("unknown_encoding");
  });
});
