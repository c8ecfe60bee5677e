import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/services/staff/guard.server";
import { staffNavFor } from "~/services/staff/route-access";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

/** Admin home: the admin pages, from the route table. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireStaff(request, context, "admin");
  const items = staffNavFor(actor.role).filter((i) => i.path.startsWith("/admin/"));
  return { items: items.map(({ path, label, description }) => ({ path, label, description })) };
}

export default function AdminHome() {
  const { items } = useLoaderData<typeof loader>();
  return (
    <div className="padding-y-4">
      <h1>Administration</h1>
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
