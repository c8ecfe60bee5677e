import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { SubstituteNoticeBanner } from "~/components/substitute-notice";
import { substituteNoticeStatus } from "~/services/batches/pages.server";
import { getCurrentIncident } from "~/services/incidents/current.server";
import { requireStaff } from "~/http/staff.server";
import { staffNavFor } from "~/services/staff/route-access";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

/** Admin home: the admin pages, from the route table. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireStaff(request, context, "admin");
  const items = staffNavFor(actor.role).filter((i) => i.path.startsWith("/admin/"));
  // HIPAA substitute notice (issue 4): shown here when 10+ letters of the incident came back.
  const incident = await getCurrentIncident(context.app);
  const substitute = incident ? await substituteNoticeStatus(context.app, incident.id) : null;
  return {
    items: items.map(({ path, label, description }) => ({ path, label, description })),
    substitute: substitute?.required ? { ...substitute, tollFreePhone: incident!.tollFreePhone } : null,
  };
}

export default function AdminHome() {
  const { items, substitute } = useLoaderData<typeof loader>();
  return (
    <div className="padding-y-4">
      <h1>Administration</h1>
      {substitute ? (
        <SubstituteNoticeBanner returned={substitute.returned} threshold={substitute.threshold} tollFreePhone={substitute.tollFreePhone} linkToReturnedMail />
      ) : null}
      <ul className="usa-list" data-testid="admin-links">
        {items.map((item) => (
          <li key={item.path}>
            <Link to={item.path}>{item.label}</Link> — {item.description}
          </li>
        ))}
      </ul>
    </div>
  );
}
