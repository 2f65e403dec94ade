import { existsSync } from "node:fs";
import type { Browser, Page } from "playwright-core";

export const chromiumPath = process.env.PEACETRACK_CHROMIUM ?? "/usr/bin/chromium";

export class PdfUnavailableError extends Error {
  constructor() {
    super(
      `PDF needs Chromium at ${chromiumPath} (Debian: apt-get install -y chromium, or set PEACETRACK_CHROMIUM). The HTML report works without it.`,
    );
    this.name = "PdfUnavailableError";
  }
}

/** The renderer cannot take this PDF now; the client may try again after `retryAfterSeconds`. */
export class PdfBusyError extends Error {
  readonly code: string = "pdf_busy";
  readonly retryAfterSeconds = 5;
  constructor(message = "Too many PDFs are being printed at once; try again in a few seconds.") {
    super(message);
    this.name = "PdfBusyError";
  }
}

/** A busy error too: a render that overran is most likely a sign of an overloaded machine. */
export class PdfTimeoutError extends PdfBusyError {
  override readonly code = "pdf_timeout";
  constructor(timeoutMs: number) {
    super(`Printing the PDF took longer than ${timeoutMs / 1000} s and was abandoned; try again later.`);
    this.name = "PdfTimeoutError";
  }
}

export const pdfAvailable = () => existsSync(chromiumPath);

/** Debian's Chromium, headless, with everything that would reach the network switched off. */
export async function launchChromium() {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

export interface PdfRendererOptions {
  /** Pages printing at once; each one is a Chromium renderer process. */
  concurrency: number;
  /** Renders allowed to wait for a page; one more is refused at once rather than piling up. */
  queueLimit: number;
  /** From taking a page to the finished PDF (a launch included). */
  timeoutMs: number;
  launch: () => Promise<Browser>;
}

export interface PdfRendererStats {
  launches: number;
  active: number;
  queued: number;
}

const printOptions = {
  format: "A4",
  printBackground: true,
  margin: { top: "15mm", bottom: "15mm", left: "12mm", right: "12mm" },
} as const;

const ignore = () => {};

/** One browser shared by every render, launched on first use and again after a crash. */
export class PdfRenderer {
  private browser: Promise<Browser> | undefined;
  private active = 0;
  private launches = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly options: PdfRendererOptions) {}

  stats(): PdfRendererStats {
    return { launches: this.launches, active: this.active, queued: this.waiting.length };
  }

  async render(html: string): Promise<Buffer> {
    await this.takeSlot();
    try {
      return await this.printWithin(html, this.options.timeoutMs);
    } finally {
      this.releaseSlot();
    }
  }

  /** Closes the browser; a later render launches a new one. */
  async close(): Promise<void> {
    const launching = this.browser;
    this.browser = undefined;
    const browser = await launching?.catch(() => undefined);
    await browser?.close().catch(ignore);
  }

  private takeSlot(): Promise<void> {
    if (this.active < this.options.concurrency) {
      this.active++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.options.queueLimit) return Promise.reject(new PdfBusyError());
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands the slot straight to the next waiting render, so a newcomer cannot jump the queue. */
  private releaseSlot() {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }

  private async printWithin(html: string, timeoutMs: number): Promise<Buffer> {
    const state: { page?: Page; expired: boolean } = { expired: false };
    const printing = this.print(html, state).finally(() => state.page?.close().catch(ignore));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        state.expired = true;
        reject(new PdfTimeoutError(timeoutMs));
      }, timeoutMs);
    });
    try {
      return await Promise.race([printing, timeout]);
    } finally {
      clearTimeout(timer);
      // An abandoned print settles later (and closes its page) with no one listening.
      printing.catch(ignore);
      if (state.expired) void state.page?.close().catch(ignore);
    }
  }

  private async print(html: string, state: { page?: Page; expired: boolean }): Promise<Buffer> {
    const browser = await this.connectedBrowser();
    // The report has no script; with JavaScript off, nothing a record smuggles in can run here.
    state.page = await browser.newPage({ javaScriptEnabled: false });
    if (state.expired) throw new PdfTimeoutError(this.options.timeoutMs);
    await state.page.setContent(html, { waitUntil: "load" });
    return await state.page.pdf(printOptions);
  }

  private async connectedBrowser(): Promise<Browser> {
    this.browser ??= this.launch();
    const browser = await this.browser;
    if (browser.isConnected()) return browser;
    this.forget(this.browser);
    return this.connectedBrowser();
  }

  private launch(): Promise<Browser> {
    this.launches++;
    const launching = this.options.launch().then((browser) => {
      browser.on("disconnected", () => this.forget(launching));
      return browser;
    });
    // A failed launch is not kept: the next render tries again.
    launching.catch(() => this.forget(launching));
    return launching;
  }

  private forget(browser: Promise<Browser> | undefined) {
    if (this.browser === browser) this.browser = undefined;
  }
}

/** Two pages at once keep a 2-core machine responsive; eight waiting cover a burst of clicks. */
const shared = new PdfRenderer({ concurrency: 2, queueLimit: 8, timeoutMs: 30_000, launch: launchChromium });

/** Prints the self-contained report page to PDF in the shared headless Chromium; nothing is fetched. */
export async function htmlToPdf(html: string): Promise<Buffer> {
  if (!pdfAvailable()) throw new PdfUnavailableError();
  return shared.render(html);
}

/** Lets the process exit: the server calls it on close, the CLI after printing. */
export const closePdfRenderer = () => shared.close();

export const pdfRendererStats = () => shared.stats();
