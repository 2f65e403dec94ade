/**
 * Which network addresses the source fetcher may connect to. A URL typed by a user or found in a
 * feed must never reach the machine itself, the private network around it or the cloud's
 * metadata service (169.254.169.254), so only public unicast addresses pass unless the operator
 * lists an exception in PEACETRACK_FETCH_ALLOW (tests allow 127.0.0.1 to reach their fixture
 * server). Pure: the fetcher resolves names and asks here about every address it would use.
 */
import ipaddr from "ipaddr.js";

export const fetchAllowEnvVar = "PEACETRACK_FETCH_ALLOW";

type Address = ipaddr.IPv4 | ipaddr.IPv6;

export interface FetchAllowList {
  /** Address ranges allowed although not public (single addresses are /32 or /128 ranges). */
  ranges: readonly [Address, number][];
  /** Host names (lower case) allowed whatever they resolve to. */
  hostNames: readonly string[];
}

export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

export const emptyFetchAllowList: FetchAllowList = { ranges: [], hostNames: [] };

const hostNamePattern = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_]([a-z0-9_-]{0,62}))*\.?$/;

/**
 * Reads the comma-separated allow-list ("127.0.0.1, 10.1.0.0/16, intranet.example"). A wrong
 * entry throws: a typo in a security setting should stop the start, not be silently ignored.
 */
export function parseFetchAllowList(value: string | undefined): FetchAllowList {
  const ranges: [Address, number][] = [];
  const hostNames: string[] = [];
  for (const rawEntry of (value ?? "").split(",")) {
    const entry = rawEntry.trim().toLowerCase();
    if (entry === "") continue;
    if (ipaddr.isValidCIDR(entry)) {
      ranges.push(ipaddr.parseCIDR(entry));
    } else if (ipaddr.IPv4.isValidFourPartDecimal(entry) || ipaddr.IPv6.isValid(stripBrackets(entry))) {
      const address = ipaddr.parse(stripBrackets(entry));
      ranges.push([address, address.kind() === "ipv4" ? 32 : 128]);
    } else if (hostNamePattern.test(entry)) {
      hostNames.push(entry.replace(/\.$/, ""));
    } else {
      throw new Error(
        `${fetchAllowEnvVar}: "${rawEntry.trim()}" is neither an IP address, a CIDR range nor a host name`,
      );
    }
  }
  return { ranges, hostNames };
}

/** The allow-list the operator configured (PEACETRACK_FETCH_ALLOW), empty when unset. */
export function fetchAllowListFromEnv(env: NodeJS.ProcessEnv = process.env): FetchAllowList {
  return parseFetchAllowList(env[fetchAllowEnvVar]);
}

/** Whether the host name itself is listed (then its addresses are not checked). */
export function isHostNameAllowListed(hostName: string, allow: FetchAllowList): boolean {
  const normalized = stripBrackets(hostName.toLowerCase()).replace(/\.$/, "");
  return allow.hostNames.includes(normalized);
}

/** Whether the fetcher may connect to `ip`; when not, a reason that names the address. */
export function isAddressAllowed(ip: string, allow: FetchAllowList): AddressVerdict {
  const text = stripBrackets(ip.trim());
  // Only canonical forms: resolvers answer in them, and "1.2.3" or "0x7f.1" are tricks, not addresses.
  if (!ipaddr.IPv4.isValidFourPartDecimal(text) && !ipaddr.IPv6.isValid(text)) {
    return refuse(`${ip} is not an IP address`);
  }
  const parsed = ipaddr.parse(text);
  // ::ffff:127.0.0.1 reaches 127.0.0.1: judge (and allow-list) the IPv4 inside.
  const address =
    parsed.kind() === "ipv6" && embedsWholeIPv4(parsed as ipaddr.IPv6) ? lastIPv4(parsed) : parsed;
  if (isListed(address, allow) || isListed(parsed, allow)) return { allowed: true };
  const problem =
    address.kind() === "ipv4" ? ipv4Problem(address as ipaddr.IPv4) : ipv6Problem(address as ipaddr.IPv6);
  if (problem === undefined) return { allowed: true };
  const shown = address === parsed ? text : `${text} (${address.toString()})`;
  return refuse(`${shown} is ${problem}`);
}

function refuse(reason: string): AddressVerdict {
  return { allowed: false, reason };
}

function isListed(address: Address, allow: FetchAllowList): boolean {
  return allow.ranges.some(([base, bits]) => base.kind() === address.kind() && address.match(base, bits));
}

const ipv4RangeNames: Record<string, string> = {
  unspecified: "an unspecified (0.0.0.0/8) address",
  broadcast: "the broadcast address",
  multicast: "a multicast address",
  linkLocal: "a link-local address (169.254.0.0/16, including cloud metadata)",
  loopback: "a loopback address",
  carrierGradeNat: "a carrier-grade NAT address (100.64.0.0/10)",
  private: "a private address (RFC 1918)",
  reserved: "a reserved, documentation or benchmarking address",
  as112: "an AS112 anycast address",
  amt: "an AMT relay anycast address",
};

function ipv4Problem(address: ipaddr.IPv4): string | undefined {
  const range = address.range();
  if (range === "unicast") return undefined;
  return ipv4RangeNames[range] ?? `a ${range} address`;
}

const ipv6RangeNames: Record<string, string> = {
  unspecified: "the unspecified address (::)",
  linkLocal: "a link-local address (fe80::/10)",
  multicast: "a multicast address",
  loopback: "a loopback address",
  uniqueLocal: "a unique local address (fc00::/7)",
  deprecatedSiteLocal: "a site-local address (fec0::/10)",
  discard: "a discard-only address",
  teredo: "a Teredo tunnel address",
  benchmarking: "a benchmarking address",
  reserved: "a reserved or documentation address",
};

const globalUnicast = ipaddr.parseCIDR("2000::/3");
const nat64WellKnown = ipaddr.parseCIDR("64:ff9b::/96");

function ipv6Problem(address: ipaddr.IPv6): string | undefined {
  const range = address.range();
  // 6to4 (2002:V4ADDR::/48) and NAT64 (64:ff9b::V4ADDR) lead to the IPv4 they embed.
  if (range === "6to4") return embeddedProblem(sixToFourIPv4(address), "6to4");
  if (range === "rfc6052" && address.match(nat64WellKnown))
    return embeddedProblem(lastIPv4(address), "NAT64");
  if (range !== "unicast") return ipv6RangeNames[range] ?? `a special-purpose (${range}) address`;
  // Anything outside 2000::/3 (IPv4-compatible ::a.b.c.d, unassigned space) is not routable.
  if (!address.match(globalUnicast)) return "not a global unicast address";
  return undefined;
}

function embeddedProblem(inner: ipaddr.IPv4, tunnel: string): string | undefined {
  const problem = ipv4Problem(inner);
  return problem === undefined ? undefined : `a ${tunnel} address embedding ${inner.toString()}, ${problem}`;
}

/** ::ffff:a.b.c.d (ipv4Mapped) and ::ffff:0:a.b.c.d (rfc6145) are the IPv4 itself. */
function embedsWholeIPv4(address: ipaddr.IPv6): boolean {
  const range = address.range();
  return range === "ipv4Mapped" || range === "rfc6145";
}

function lastIPv4(address: Address): ipaddr.IPv4 {
  const bytes = address.toByteArray();
  return new ipaddr.IPv4(bytes.slice(-4));
}

function sixToFourIPv4(address: ipaddr.IPv6): ipaddr.IPv4 {
  return new ipaddr.IPv4(address.toByteArray().slice(2, 6));
}

function stripBrackets(text: string): string {
  return text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
}
