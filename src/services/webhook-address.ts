import { lookup } from "node:dns/promises";
import { isIP, type LookupFunction } from "node:net";
import {
  type FetchAllowList,
  fetchAllowEnvVar,
  isAddressAllowed,
  isHostNameAllowListed,
  parseFetchAllowList,
} from "../ingest/sources/address-policy.js";
import { ValidationError } from "../store/errors.js";

/**
 * Where a webhook may point: http or https, and an address outside the machine and its private
 * network (the same rule, and the same PEACETRACK_FETCH_ALLOW exceptions, as the source fetcher's:
 * src/ingest/sources/address-policy.ts). A webhook is a request the server makes on someone's
 * say-so: unchecked, it would let a representative probe the mission's own network.
 */

/** The operator's exceptions, read when asked (a test sets the variable before it starts a server). */
export const webhookAllowList = (): FetchAllowList => parseFetchAllowList(process.env[fetchAllowEnvVar]);

const invalid = (message: string) => new ValidationError(message, [{ path: "url", message }]);

/** Refuses a URL a webhook may not have, saying why; resolves the host name to judge its addresses. */
export async function checkWebhookUrl(
  text: string,
  allow: FetchAllowList = webhookAllowList(),
): Promise<URL> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid("The webhook URL is not a URL.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw invalid("A webhook URL starts with http:// or https://.");
  if (url.username || url.password)
    throw invalid("A webhook URL carries no user name or password: the signature authenticates the sender.");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isHostNameAllowListed(host, allow)) return url;
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((entry) => entry.address);
  } catch {
    throw invalid(`The webhook's host name "${host}" does not resolve.`);
  }
  for (const address of addresses) {
    const verdict = isAddressAllowed(address, allow);
    if (!verdict.allowed)
      throw invalid(
        `The webhook may not point at ${verdict.reason}; an operator can allow it in ${fetchAllowEnvVar}.`,
      );
  }
  return url;
}

/**
 * A DNS lookup for node:http that refuses addresses the allow-list does not admit, checked at
 * connection time: a name that resolved to a public address when the webhook was registered cannot
 * later be pointed at 127.0.0.1 (DNS rebinding).
 */
export function guardedLookup(allow: FetchAllowList): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true })
      .then((entries) => {
        const listed = isHostNameAllowListed(hostname, allow);
        const refused = listed ? undefined : entries.find((e) => !isAddressAllowed(e.address, allow).allowed);
        if (refused) {
          const verdict = isAddressAllowed(refused.address, allow);
          callback(new Error(verdict.allowed ? "refused" : `refused: ${verdict.reason}`), "", 4);
          return;
        }
        if (options.all) callback(null, entries);
        else {
          const [first] = entries;
          if (!first) callback(new Error(`${hostname} has no address`), "", 4);
          else callback(null, first.address, first.family);
        }
      })
      .catch((error: NodeJS.ErrnoException) => callback(error, "", 4));
  };
}

/** For an address written in the URL itself (no lookup happens): the same judgement. */
export function literalAddressProblem(hostname: string, allow: FetchAllowList): string | undefined {
  const host = hostname.replace(/^\[|\]$/g, "");
  if (!isIP(host) || isHostNameAllowListed(host, allow)) return undefined;
  const verdict = isAddressAllowed(host, allow);
  return verdict.allowed ? undefined : `refused: ${verdict.reason}`;
}
