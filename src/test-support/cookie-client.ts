/**
 * A client that keeps cookies as a browser would (enough of it for tests): what Set-Cookie sets, the
 * next request sends; an expired or emptied cookie is dropped. It can send the session's CSRF token.
 */
export interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read the answer's fields directly, as JSON
  body: any;
  setCookies: string[];
}

export class CookieClient {
  readonly cookies = new Map<string, string>();
  csrfToken: string | undefined;

  constructor(readonly base: string) {}

  async request(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; csrf?: boolean } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size > 0)
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    if (options.body !== undefined) headers["content-type"] = "application/json";
    if (options.csrf && this.csrfToken) headers["x-csrf-token"] = this.csrfToken;
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = /expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0/i.test(line) || value === "";
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: kept as text
    }
    return { status: response.status, headers: response.headers, body, setCookies };
  }

  get = (path: string, headers?: Record<string, string>) => this.request("GET", path, { headers });

  /** Signs in and remembers the CSRF token the answer carries. */
  async signIn(email: string, password: string): Promise<Answer> {
    const answer = await this.request("POST", "/api/session", { body: { email, password } });
    if (answer.status === 200) this.csrfToken = answer.body.csrfToken;
    return answer;
  }
}
