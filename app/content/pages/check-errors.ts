/** The patient check's error messages. See ./index.ts for the rules every page text follows. */
import type { Localized } from "../i18n";

/** Messages for the check form (`POST /check`). */
export interface CheckErrors {
  /** Heading of the error summary box above the form. */
  readonly summaryHeading: string;
  /**
   * The one answer for a wrong code, a wrong date of birth and a locked notice: word for word the
   * same, so it never tells which part was wrong (DESIGN.md, "The patient check").
   */
  readonly noMatch: string;
  /**
   * The same answer after repeated refusals in one browser: also identical for every cause, but it
   * says that a code pauses for an hour after many tries and how the call center can unlock it.
   */
  readonly noMatchRepeated: string;
  /** The code's check symbol is wrong: answered without a database lookup. */
  readonly codeTypo: string;
  readonly codeMissing: string;
  readonly codeFormat: string;
  readonly monthMissing: string;
  readonly monthInvalid: string;
  readonly dayMissing: string;
  readonly dayInvalid: string;
  readonly yearMissing: string;
  readonly yearInvalid: string;
  /** A date that does not exist, such as 2 30 1986. */
  readonly dateNotReal: string;
  readonly dateInFuture: string;
  /** Throttled (429). `{minutes}` is 2 or more; use `tooManyAttemptsOneMinute` for 1. */
  readonly tooManyAttempts: string;
  readonly tooManyAttemptsOneMinute: string;
}

/** Error messages of the check form. */
export const CHECK_ERRORS: Localized<CheckErrors> = {
  en: {
    summaryHeading: "There is a problem",
    noMatch: "We could not match that code and date of birth. Check both against your letter and try again. If it still does not work, call us at {phone}.",
    noMatchRepeated:
      "We could not match that code and date of birth. For your safety, a code stops working for one hour after many wrong tries. If you are sure both are right, call us at {phone}, {hours}. We can check your letter and turn your code back on.",
    codeTypo: "This code has a typo. Check each letter and number against your letter, then try again.",
    codeMissing: "Enter the activation code from your letter.",
    codeFormat: "The activation code has 16 letters and numbers, like XXXX-XXXX-XXXX-XXXX. Check your letter and try again.",
    monthMissing: "Enter the month of birth.",
    monthInvalid: "Enter the month as a number from 1 to 12.",
    dayMissing: "Enter the day of birth.",
    dayInvalid: "Enter the day as a number from 1 to 31.",
    yearMissing: "Enter the year of birth.",
    yearInvalid: "Enter the year with 4 numbers, for example 1986.",
    dateNotReal: "That date does not exist. Check the month and the day.",
    dateInFuture: "The date of birth cannot be in the future.",
    tooManyAttempts: "Too many tries. Please wait {minutes} minutes, then try again. Or call us at {phone}.",
    tooManyAttemptsOneMinute: "Too many tries. Please wait 1 minute, then try again. Or call us at {phone}.",
  },
  es: {
    summaryHeading: "Hay un problema",
    noMatch:
      "No pudimos encontrar una carta con ese código y esa fecha de nacimiento. Compare los dos datos con su carta e inténtelo de nuevo. Si aún no funciona, llámenos al {phone}.",
    noMatchRepeated:
      "No pudimos encontrar una carta con ese código y esa fecha de nacimiento. Por su seguridad, un código deja de funcionar por una hora después de muchos intentos fallidos. Si está seguro de que los dos datos son correctos, llámenos al {phone}, {hours}. Podemos revisar su carta y volver a activar su código.",
    codeTypo: "Este código tiene un error de escritura. Compare cada letra y número con su carta e inténtelo de nuevo.",
    codeMissing: "Escriba el código de activación que aparece en su carta.",
    codeFormat: "El código de activación tiene 16 letras y números, como XXXX-XXXX-XXXX-XXXX. Revise su carta e inténtelo de nuevo.",
    monthMissing: "Escriba el mes de nacimiento.",
    monthInvalid: "Escriba el mes como un número del 1 al 12.",
    dayMissing: "Escriba el día de nacimiento.",
    dayInvalid: "Escriba el día como un número del 1 al 31.",
    yearMissing: "Escriba el año de nacimiento.",
    yearInvalid: "Escriba el año con 4 números, por ejemplo 1986.",
    dateNotReal: "Esa fecha no existe. Revise el mes y el día.",
    dateInFuture: "La fecha de nacimiento no puede ser una fecha futura.",
    tooManyAttempts: "Demasiados intentos. Espere {minutes} minutos y vuelva a intentarlo. O llámenos al {phone}.",
    tooManyAttemptsOneMinute: "Demasiados intentos. Espere 1 minuto y vuelva a intentarlo. O llámenos al {phone}.",
  },
};
