import { describe, expect, it } from "vitest";
import {
  emptyFetchAllowList,
  fetchAllowListFromEnv,
  isAddressAllowed,
  isHostNameAllowListed,
  parseFetchAllowList,
} from "./address-policy.js";

const refusedAddresses: [string, RegExp][] = [
  ["127.0.0.1", /loopback/],
  ["127.255.255.254", /loopback/],
  ["10.0.0.1", /private/],
  ["10.255.255.255", /private/],
  ["172.16.0.1", /private/],
  ["172.31.255.255", /private/],
  ["192.168.1.1", /private/],
  ["169.254.169.254", /link-local.*metadata/],
  ["169.254.0.1", /link-local/],
  ["100.64.0.1", /carrier-grade NAT/],
  ["100.127.255.255", /carrier-grade NAT/],
  ["0.0.0.0", /unspecified/],
  ["0.1.2.3", /unspecified/],
  ["255.255.255.255", /broadcast/],
  ["224.0.0.1", /multicast/],
  ["239.255.255.250", /multicast/],
  ["240.0.0.1", /reserved/],
  ["192.0.0.8", /reserved/],
  ["192.0.2.10", /documentation/],
  ["198.51.100.7", /documentation/],
  ["203.0.113.9", /documentation/],
  ["198.18.0.1", /benchmarking/],
  ["198.19.255.255", /benchmarking/],
  ["::1", /loopback/],
  ["::", /unspecified/],
  ["fe80::1", /link-local/],
  ["fe80::1%eth0", /link-local/],
  ["febf::1", /link-local/],
  ["fc00::1", /unique local/],
  ["fd12:3456:789a::1", /unique local/],
  ["fec0::1", /site-local/],
  ["ff02::1", /multicast/],
  ["::ffff:127.0.0.1", /::ffff:127\.0\.0\.1 \(127\.0\.0\.1\) is a loopback/],
  ["::ffff:7f00:1", /loopback/],
  ["::ffff:10.1.2.3", /private/],
  ["::ffff:169.254.169.254", /link-local/],
  ["::ffff:0:192.168.0.1", /private/],
  ["::127.0.0.1", /loopback/], // ipaddr.js reads the dotted tail as IPv4-mapped: refused either way
  ["::7f00:1", /not a global unicast/],
  ["2002:7f00:1::1", /6to4 address embedding 127\.0\.0\.1, a loopback/],
  ["2002:a9fe:a9fe::", /6to4 address embedding 169\.254\.169\.254/],
  ["2002:c0a8:101::1", /6to4 address embedding 192\.168\.1\.1/],
  ["64:ff9b::10.0.0.1", /NAT64 address embedding 10\.0\.0\.1/],
  ["64:ff9b::127.0.0.1", /NAT64.*loopback/],
  ["64:ff9b:1::1", /special-purpose/],
  ["2001::1", /Teredo/],
  ["2001:0:4136:e378:8000:63bf:3fff:fdd2", /Teredo/],
  ["2001:db8::1", /documentation/],
  ["2001:2::1", /benchmarking/],
  ["100::1", /discard/],
  ["3fff::1", /reserved/],
  ["4000::1", /not a global unicast/],
  ["[::1]", /loopback/],
  ["localhost", /not an IP address/],
  ["", /not an IP address/],
  ["1.2.3", /not an IP address/],
  ["0x7f.1", /not an IP address/],
  ["2130706433", /not an IP address/],
];

const allowedAddresses = [
  "8.8.8.8",
  "1.1.1.1",
  "93.184.216.34",
  "172.15.255.255",
  "172.32.0.1",
  "100.63.255.255",
  "100.128.0.1",
  "169.253.255.255",
  "198.17.255.255",
  "198.20.0.1",
  "11.0.0.1",
  "2606:4700:4700::1111",
  "2a00:1450:4001:81b::200e",
  "::ffff:8.8.8.8",
  "2002:0808:0808::1",
  "64:ff9b::8.8.8.8",
];

describe("isAddressAllowed without an allow-list", () => {
  it.each(refusedAddresses)("refuses %s", (ip, reason) => {
    const verdict = isAddressAllowed(ip, emptyFetchAllowList);
    expect(verdict.allowed).toBe(false);
    if (!verdict.allowed) expect(verdict.reason).toMatch(reason);
  });

  it.each(refusedAddresses.filter(([ip]) => ip.includes(".") || ip.includes(":")))(
    "names the address when refusing %s",
    (ip) => {
      const verdict = isAddressAllowed(ip, emptyFetchAllowList);
      if (!verdict.allowed) expect(verdict.reason).toContain(ip.replace(/^\[|\]$/g, ""));
    },
  );

  it.each(allowedAddresses)("allows the public address %s", (ip) => {
    expect(isAddressAllowed(ip, emptyFetchAllowList)).toEqual({ allowed: true });
  });
});

describe("isAddressAllowed with an allow-list", () => {
  const allow = parseFetchAllowList("127.0.0.1, 10.20.0.0/16, ::1, fd00::/8, intranet.example");

  it.each(["127.0.0.1", "::ffff:127.0.0.1", "10.20.0.1", "10.20.255.255", "::1", "fd00::5"])(
    "allows the listed %s",
    (ip) => {
      expect(isAddressAllowed(ip, allow)).toEqual({ allowed: true });
    },
  );

  it.each(["127.0.0.2", "10.21.0.1", "169.254.169.254", "fe80::1", "fc00::1"])(
    "still refuses the unlisted %s",
    (ip) => {
      expect(isAddressAllowed(ip, allow).allowed).toBe(false);
    },
  );

  it("lists host names apart, case- and trailing-dot-insensitively", () => {
    expect(allow.hostNames).toEqual(["intranet.example"]);
    expect(isHostNameAllowListed("Intranet.Example.", allow)).toBe(true);
    expect(isHostNameAllowListed("other.example", allow)).toBe(false);
    expect(isAddressAllowed("intranet.example", allow).allowed).toBe(false);
  });
});

describe("parseFetchAllowList", () => {
  it("reads the operator's list from PEACETRACK_FETCH_ALLOW", () => {
    expect(fetchAllowListFromEnv({ PEACETRACK_FETCH_ALLOW: "feeds.internal" }).hostNames).toEqual([
      "feeds.internal",
    ]);
    expect(fetchAllowListFromEnv({})).toEqual(emptyFetchAllowList);
  });

  it("reads nothing from an empty or missing value", () => {
    expect(parseFetchAllowList(undefined)).toEqual({ ranges: [], hostNames: [] });
    expect(parseFetchAllowList(" , ,")).toEqual({ ranges: [], hostNames: [] });
  });

  it("reads addresses as single-address ranges and CIDRs as given", () => {
    const allow = parseFetchAllowList("127.0.0.1,[::1],192.168.0.0/16");
    expect(allow.ranges.map(([base, bits]) => `${base.toString()}/${bits}`)).toEqual([
      "127.0.0.1/32",
      "::1/128",
      "192.168.0.0/16",
    ]);
  });

  it.each(["10.0.0.0/33", "not a host", "http://x.example", "a..b"])(
    "throws on the bad entry %s",
    (entry) => {
      expect(() => parseFetchAllowList(`127.0.0.1,${entry}`)).toThrow(/PEACETRACK_FETCH_ALLOW/);
    },
  );
});
