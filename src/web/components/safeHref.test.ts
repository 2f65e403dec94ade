import { describe, expect, it } from "vitest";
import { hostileUrls, unparsableUrls } from "../../services/report/hostile-urls.fixture.js";
import { safeHref } from "./safeHref";

describe("safeHref", () => {
  it("links http and https addresses", () => {
    expect(safeHref("https://example.org/x")).toBe("https://example.org/x");
    expect(safeHref("http://example.org")).toBe("http://example.org/");
  });

  it.each([...hostileUrls, ...unparsableUrls, undefined])("gives no link for %j", (url) => {
    expect(safeHref(url)).toBeUndefined();
  });
});
