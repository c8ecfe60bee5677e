/** Header, navigation, footer and error pages, shared by every public page. See ./index.ts for the rules every page text follows. */
import type { Localized } from "../i18n";

/** A simple page with a title and a few paragraphs (error pages). */
export interface MessagePage {
  readonly title: string;
  readonly body: readonly string[];
}

/** Text shared by every public page: header, navigation, footer and error pages. */
export interface LayoutText {
  readonly siteName: string;
  readonly skipLink: string;
  readonly navLabel: string;
  readonly nav: {
    readonly home: string;
    readonly guidance: string;
    readonly genuine: string;
    readonly faq: string;
    readonly accessibility: string;
  };
  /** The link to the other language: its text is written in that other language. */
  readonly langToggle: {
    readonly label: string;
    /** Accessible name of the link, e.g. for `aria-label`. */
    readonly ariaLabel: string;
  };
  readonly footer: readonly string[];
  readonly homeLink: string;
  /** 500 and any unexpected error. */
  readonly error: MessagePage;
  /** 404. */
  readonly notFound: MessagePage;
  /** 503: the database or another dependency is away. */
  readonly unavailable: MessagePage;
  /** 429: throttled. `{minutes}` is how long to wait. */
  readonly tooManyAttempts: MessagePage;
}

/** Header, navigation, footer and error page text. */
export const LAYOUT_TEXT: Localized<LayoutText> = {
  en: {
    siteName: "Exposure Check",
    skipLink: "Skip to main content",
    navLabel: "Main menu",
    nav: {
      home: "Home",
      guidance: "Guidance",
      genuine: "Is this letter genuine?",
      faq: "FAQ",
      accessibility: "Accessibility",
    },
    langToggle: {
      label: "Español",
      ariaLabel: "Ver esta página en español",
    },
    footer: [
      "This website is run for {organization} to help people affected by the data breach.",
      "Questions? Call us toll-free at {phone}, {hours}.",
      "We will never ask for your Social Security number by email or phone.",
    ],
    homeLink: "Go to the home page",
    error: {
      title: "Something went wrong",
      body: ["Please try again in a few minutes. If it keeps happening, call {phone}."],
    },
    notFound: {
      title: "Page not found",
      body: ["We could not find that page. Check the address, or go to the home page."],
    },
    unavailable: {
      title: "Please try again shortly",
      body: ["This website is not available right now. Please try again in a few minutes.", "If you need help now, call {phone}."],
    },
    tooManyAttempts: {
      title: "Too many attempts",
      body: ["For your safety, please wait {minutes} minutes before you try again.", "If you need help now, call {phone}."],
    },
  },
  es: {
    siteName: "Exposure Check",
    skipLink: "Ir al contenido principal",
    navLabel: "Menú principal",
    nav: {
      home: "Inicio",
      guidance: "Consejos",
      genuine: "¿Es auténtica esta carta?",
      faq: "Preguntas frecuentes",
      accessibility: "Accesibilidad",
    },
    langToggle: {
      label: "English",
      ariaLabel: "View this page in English",
    },
    footer: [
      "Este sitio web se ofrece en nombre de {organization} para ayudar a las personas afectadas por la filtración de datos.",
      "¿Tiene preguntas? Llámenos gratis al {phone}, {hours}.",
      "Nunca le pediremos su número de Seguro Social por correo electrónico ni por teléfono.",
    ],
    homeLink: "Ir a la página de inicio",
    error: {
      title: "Algo salió mal",
      body: ["Vuelva a intentarlo en unos minutos. Si el problema continúa, llame al {phone}."],
    },
    notFound: {
      title: "No encontramos la página",
      body: ["No pudimos encontrar esa página. Revise la dirección o vaya a la página de inicio."],
    },
    unavailable: {
      title: "Vuelva a intentarlo en un momento",
      body: ["Este sitio web no está disponible en este momento. Vuelva a intentarlo en unos minutos.", "Si necesita ayuda ahora, llame al {phone}."],
    },
    tooManyAttempts: {
      title: "Demasiados intentos",
      body: ["Por su seguridad, espere {minutes} minutos antes de volver a intentarlo.", "Si necesita ayuda ahora, llame al {phone}."],
    },
  },
};
