import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/http/staff.server";
import { staffNavFor } from "~/services/staff/route-access";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

/** The staff dashboard: what this role can do, from the route table. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireStaff(request, context, "agent");
  const items = staffNavFor(actor.role).filter((i) => i.path !== "/staff");
  return { role: actor.role, items: items.map(({ path, label, description }) => ({ path, label, description })) };
}

export default function StaffDashboard() {
  const { role, items } = useLoaderData<typeof loader>();
  return (
    <div className="padding-y-4">
      <h1>Staff dashboard</h1>
      <p className="usa-intro">
        You are signed in as <strong>{role}</strong>. Your session ends after 30 minutes without activity, and 12 hours after you signed in.
      </p>
      {items.length > 0 ? (
        <ul className="usa-card-group" data-testid="dashboard-links">
          {items.map((item) => (
            <li key={item.path} className="usa-card tablet:grid-col-4">
              <div className="usa-card__container">
                <div className="usa-card__header">
                  <h2 className="usa-card__heading">
                    <Link to={item.path}>{item.label}</Link>
                  </h2>
                </div>
                <div className="usa-card__body">
                  <p>{item.description}</p>
                </div>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p>More tools for your role arrive here as they are built.</p>
      )}
    </div>
  );
}
