import { isRouteErrorResponse, useLocation, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useContext } from "react";
import { InStaffFrame, isStaffPath, StaffFrame } from "./staff-layout";

/**
 * The one error view every route exports. It shows a plain message chosen by status and never
 * the error's message or stack (which could quote input or personal data).
 */
export function RouteErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const location = useLocation();
  const framed = useContext(InStaffFrame);
  const staff = isStaffPath(location.pathname);
  const rootData = useRouteLoaderData("root") as { lang?: string } | undefined;
  const es = !staff && rootData?.lang === "es";
  const text: Record<number, [string, string, string, string]> = {
    400: [
      "We could not read that",
      "Part of what was sent was not in the form we expected. Go back and try again.",
      "No pudimos leerlo",
      "Parte de lo enviado no tenía la forma esperada. Vuelva e inténtelo de nuevo.",
    ],
    403: ["Not allowed", "You do not have access to this page.", "No permitido", "No tiene acceso a esta página."],
    404: [
      "Page not found",
      "We could not find that page. Check the address, or go to the home page.",
      "No encontramos esa página",
      "Revise la dirección o vaya a la página principal.",
    ],
    413: [
      "Too much was sent",
      "What was sent is larger than this page accepts. Go back and try again.",
      "Se envió demasiado",
      "Lo enviado es más grande de lo que acepta esta página. Vuelva e inténtelo de nuevo.",
    ],
    429: [
      "Too many attempts",
      "For your safety, please wait a few minutes before you try again.",
      "Demasiados intentos",
      "Por su seguridad, espere unos minutos antes de volver a intentarlo.",
    ],
    503: [
      "Please try again shortly",
      "The site is busy or being fixed. Nothing you entered was saved. Please try again in a few minutes.",
      "Inténtelo de nuevo en unos minutos",
      "El sitio está ocupado o en reparación. No se guardó nada de lo que escribió. Inténtelo de nuevo en unos minutos.",
    ],
  };
  const [title, body, titleEs, bodyEs] = text[status] ?? [
    "Something went wrong",
    "Please try again in a few minutes.",
    "Algo salió mal",
    "Inténtelo de nuevo en unos minutos.",
  ];
  const view = (
    <div className="padding-y-4" data-testid="error-page" data-status={status}>
      <h1>{es ? titleEs : title}</h1>
      <p className="usa-intro">{es ? bodyEs : body}</p>
      <p>
        <a className="usa-button" href={staff ? "/staff" : "/"}>
          {staff ? "Go to the staff home page" : es ? "Ir a la página principal" : "Go to the home page"}
        </a>
      </p>
    </div>
  );
  // A staff page refused before its frame rendered (an agent opening an admin page) still gets the
  // staff header, skip link, main landmark and footer. Public pages are always inside their frame.
  return staff && !framed ? (
    <StaffFrame actor={null} nav={[]}>
      {view}
    </StaffFrame>
  ) : (
    view
  );
}
