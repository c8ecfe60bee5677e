import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { StaffFrame } from "~/components/staff-layout";
import { getStaffActor } from "~/http/staff.server";
import { staffNavFor } from "~/services/staff/route-access";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Staff · Exposure Check" }];

/**
 * The staff layout. Public on purpose (the sign-in page lives under it): it only says who is
 * signed in, if anyone, and which pages their role may open. Each child page guards itself.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await getStaffActor(request, context);
  return {
    actor: actor ? { email: actor.email, role: actor.role } : null,
    nav: actor ? staffNavFor(actor.role).map(({ path, label }) => ({ path, label })) : [],
  };
}

export default function StaffLayout() {
  const { actor, nav } = useLoaderData<typeof loader>();
  return (
    <StaffFrame actor={actor} nav={nav}>
      <Outlet />
    </StaffFrame>
  );
}
