import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { StaffFrame } from "~/components/staff-layout";
import { requireStaff } from "~/http/staff.server";
import { staffNavFor } from "~/services/staff/route-access";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Admin · Exposure Check" }];

/** The admin layout: the staff frame, for admins only (each child page checks again). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireStaff(request, context, "admin");
  return {
    actor: { email: actor.email, role: actor.role },
    nav: staffNavFor(actor.role).map(({ path, label }) => ({ path, label })),
  };
}

export default function AdminLayout() {
  const { actor, nav } = useLoaderData<typeof loader>();
  return (
    <StaffFrame actor={actor} nav={nav}>
      <Outlet />
    </StaffFrame>
  );
}
