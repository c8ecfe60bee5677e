/**
 * The fixed text of the public pages, in English and Spanish, as plain structured data
 * (headings, paragraphs, numbered steps, questions and answers) for the React pages to render.
 *
 * Anything the incident supplies is a `{placeholder}` (see {@link PAGE_PLACEHOLDERS}); fill it
 * with `fill()` from `../i18n`. Every `Localized` object here has the same shape in both languages
 * (same keys, same list lengths), and each string uses the same placeholders in both; the content
 * tests check this. One file a page; this index gathers them.
 */
import { ACCESSIBILITY_TEXT } from "./accessibility";
import { CHECK_ERRORS } from "./check-errors";
import { EXPOSURE_TEXT } from "./exposure";
import { FAQ_TEXT } from "./faq";
import { GENUINE_TEXT } from "./genuine";
import { GUIDANCE_TEXT } from "./guidance";
import { HOME_TEXT } from "./home";
import { LAYOUT_TEXT } from "./layout";
import { SESSION_TEXT } from "./session";
import { SUMMARY_TEXT } from "./summary";

export * from "./shared";
export * from "./home";
export * from "./check-errors";
export * from "./exposure";
export * from "./genuine";
export * from "./faq";
export * from "./guidance";
export * from "./accessibility";
export * from "./layout";
export * from "./session";
export * from "./summary";

/** Every localized page text in this module, by export name (used by the content tests). */
export const PAGE_TEXTS = {
  HOME_TEXT,
  CHECK_ERRORS,
  EXPOSURE_TEXT,
  GENUINE_TEXT,
  FAQ_TEXT,
  GUIDANCE_TEXT,
  ACCESSIBILITY_TEXT,
  LAYOUT_TEXT,
  SESSION_TEXT,
  SUMMARY_TEXT,
} as const;
