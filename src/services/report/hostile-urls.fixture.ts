/** Addresses that must never become a link: each would run script or open something local on click. */
export const hostileUrls = [
  "javascript:alert(1)",
  "JaVaScRiPt:alert(2)",
  " javascript:alert(3)",
  "\tjavascript:alert(4)",
  "\njavascript:alert(5)",
  "java\tscript:alert(6)",
  "data:text/html,<script>alert(7)</script>",
  "file:///etc/passwd",
  "vbscript:msgbox(8)",
] as const;

/** Not links either: no scheme at all, or not parsable as an address. */
export const unparsableUrls = ["/relative/path", "www.example.org", "http://[::1", ""] as const;
