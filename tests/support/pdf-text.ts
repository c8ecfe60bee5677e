import path from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/** The 14 standard fonts' data, so pdfjs need not warn that it lacks them. */
const STANDARD_FONTS = path.resolve("node_modules/pdfjs-dist/standard_fonts") + "/";

/**
 * The text of a PDF as a reader's tool gets it (pdfjs-dist 5.6, the legacy build that runs on
 * Node 20; docs/decisions/084): one string per page, items joined by spaces, whitespace collapsed.
 */
export async function pdfText(bytes: Uint8Array): Promise<{ pages: string[]; title: string | null }> {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, standardFontDataUrl: STANDARD_FONTS }).promise;
  try {
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      const text = content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? " " : "") : "")).join("");
      pages.push(text.replace(/\s+/g, " ").trim());
    }
    const meta = await doc.getMetadata();
    const info = meta.info as { Title?: string };
    return { pages, title: info.Title ?? null };
  } finally {
    await doc.destroy();
  }
}
