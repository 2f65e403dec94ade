import { existsSync } from "node:fs";

export const chromiumPath = process.env.PEACETRACK_CHROMIUM ?? "/usr/bin/chromium";

export class PdfUnavailableError extends Error {
  constructor() {
    super(
      `PDF needs Chromium at ${chromiumPath} (Debian: apt-get install -y chromium, or set PEACETRACK_CHROMIUM). The HTML report works without it.`,
    );
    this.name = "PdfUnavailableError";
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

/** Prints the self-contained report page to PDF in a headless Chromium; nothing is fetched. */
export async function htmlToPdf(html: string): Promise<Buffer> {
  if (!pdfAvailable()) throw new PdfUnavailableError();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: "load" });
    return await page.pdf({
      format: "A4",
      printBackground: true,
      margin: { top: "15mm", bottom: "15mm", left: "12mm", right: "12mm" },
    });
  } finally {
    await browser.close();
  }
}
