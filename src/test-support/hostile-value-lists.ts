/**
 * Hostile values for the hostile-input tests (src/api/hostile*.test.ts): strings, dates, URLs,
 * numbers (as raw JSON text), keys and wrong types that servers tend to mishandle.
 */

export const hostileInserts = [
  ["nul-in-string", "\u0000"],
  ["lone-surrogate", "\ud800"],
  ["lone-surrogate", "\udfff"],
  ["reversed-surrogates", "\udc00\ud800"],
  ["control-chars", "\u0001\u0008\u001b\u007f"],
  ["noncharacters", "\ufffe\uffff\ufdd0"],
  ["bidi-bom-zwsp", "\u202e\ufeff\u200b"],
] as const;

export const hostileWholeStrings: [string, string][] = [
  ["empty-string", ""],
  ["blank-string", "   \t\n"],
  ["long-string 100k", "x".repeat(100_000)],
  ["long-string 1M", "é".repeat(1_000_000)],
  ["markup", "<script>alert(1)</script><img src=x onerror=alert(1)>"],
  ["sql-ish", "'; DROP TABLE record_events; --"],
  ["format-specifiers", "%s%n%x%d$" + "{7*7}{{7*7}}"],
  ["path-traversal", "../../../../etc/passwd"],
  ["emoji-zwj", "🏳️‍🌈👩🏽‍⚕️"],
];

export const hostileDates = [
  "0000-01-01",
  "99999-01-01",
  "2023-02-30",
  "2023-02-29",
  "-000001-01-01",
  "+002023-01-01",
  "2023-1-1",
  "2023-13-01",
  "2023-01-01T00:00:00Z",
  "20230101",
  "0001-01-01",
  "9999-12-31",
];

export const hostileDateTimes = [
  "0000-01-01T00:00:00Z",
  "2023-02-30T00:00:00Z",
  "2023-01-01T25:00:00Z",
  "+275760-09-13T00:00:00Z",
  "99999-01-01T00:00:00Z",
];

export const hostileUrls = [
  "javascript:alert(1)",
  "JaVaScRiPt:alert(document.cookie)",
  " javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "file:///etc/passwd",
  "vbscript:msgbox(1)",
  "http://",
  "http://[::1",
  "//example.org/x",
  `http://${"a".repeat(5000)}.org`,
  "https://example.org/\u0000",
];

export const hostileNumbers = [
  "1e308",
  "-1e308",
  "1e400",
  "-1e400",
  "-0",
  "9007199254740993",
  "123456789012345678901234567890",
  "1.5",
  "-1",
  "1e-400",
  "NaN",
  "Infinity",
  "0x10",
  "01",
];

export const hostileKeys = [
  "__proto__",
  "constructor",
  "prototype",
  "hasOwnProperty",
  "toString",
  "",
  "\u0000",
  "\ud800",
  "a".repeat(1000),
  "$where",
];

export const wrongTypes: unknown[] = [0, -1, true, false, null, "text", [], {}, [null], { a: [] }];
