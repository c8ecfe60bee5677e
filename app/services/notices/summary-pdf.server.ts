import PDFDocument from "pdfkit";
import type { LetterSummary } from "./summary";

const MARGIN_PT = 54;
const BODY_PT = 10.5;
const HEADING_PT = 13;
const TITLE_PT = 18;
const INK = "#1b1b1b";
const BLUE = "#162e51";

/**
 * The summary as a PDF made on the server (docs/decisions/084-pdf-summary.md): US Letter, the
 * standard Helvetica (its WinAnsi encoding holds every Spanish letter and sign we use), headings,
 * numbered steps and bulleted lists, nothing but text — so it prints in black and white and a
 * screen reader or a test (pdfjs-dist) reads it back. Its metadata carries the title only.
 */
export function renderSummaryPdf(summary: LetterSummary): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "LETTER",
    margin: MARGIN_PT,
    lang: summary.lang === "es" ? "es-US" : "en-US",
    info: { Title: summary.title },
    displayTitle: true,
    pdfVersion: "1.7",
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const heading = (text: string) => {
    doc.moveDown(0.6);
    doc.font("Helvetica-Bold").fontSize(HEADING_PT).fillColor(BLUE).text(text);
    doc.moveDown(0.2);
    doc.font("Helvetica").fontSize(BODY_PT).fillColor(INK);
  };
  const para = (text: string, options: PDFKit.Mixins.TextOptions = {}) => doc.font("Helvetica").fontSize(BODY_PT).fillColor(INK).text(text, options);
  const list = (items: string[], numbered: boolean) => {
    if (!items.length) return;
    doc.font("Helvetica").fontSize(BODY_PT).fillColor(INK);
    doc.list(items, { listType: numbered ? "numbered" : "bullet", bulletRadius: 1.8, textIndent: 14, bulletIndent: 4 });
    doc.moveDown(0.3);
  };

  doc.font("Helvetica-Bold").fontSize(TITLE_PT).fillColor(BLUE).text(summary.title);
  doc.moveDown(0.3);
  para(summary.letter);

  heading(summary.stepsHeading);
  doc.font("Helvetica-Bold").fontSize(BODY_PT).fillColor(INK).text(summary.count);
  doc.moveDown(0.2);
  list(summary.steps, true);

  if (summary.offer) {
    heading(summary.offer.heading);
    for (const line of summary.offer.lines) para(line);
  }

  heading(summary.phonesHeading);
  doc.font("Helvetica-Bold").fontSize(BODY_PT).text(summary.ourLine);
  list(
    summary.phones.map((p) => `${p.name}: ${p.phone}`),
    false,
  );

  heading(summary.involvedHeading);
  for (const c of summary.categories) {
    if (doc.y > doc.page.height - MARGIN_PT - 90) doc.addPage();
    doc.moveDown(0.3);
    doc
      .font("Helvetica-Bold")
      .fontSize(BODY_PT + 1)
      .fillColor(INK)
      .text(c.label);
    doc.font("Helvetica-Bold").fontSize(BODY_PT).text(`${summary.meaningLabel}: `, { continued: true });
    doc.font("Helvetica").text(c.meaning);
    doc.font("Helvetica-Bold").text(`${summary.actionsLabel}:`);
    list(c.actions, true);
  }

  heading(summary.notInvolvedHeading);
  para(summary.notInvolvedIntro);
  list(summary.notInvolved, false);

  doc.moveDown(0.8);
  doc.font("Helvetica-Bold").fontSize(BODY_PT).fillColor(INK).text(summary.never);
  doc.moveDown(0.4);
  doc
    .font("Helvetica")
    .fontSize(BODY_PT - 1.5)
    .fillColor("#454545")
    .text(summary.made);
  doc.end();
  return done;
}
