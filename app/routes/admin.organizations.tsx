import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary } from "~/components/error-summary";
import { createOrganization, ORG_SLUG, OrganizationError } from "~/services/batches/organizations.server";
import { listOrganizationsWithCounts } from "~/services/batches/pages.server";
import { getCurrentIncident } from "~/services/incidents/current.server";
import { requireStaff } from "~/http/staff.server";
import { staffActor } from "~/services/actor";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Organizations · Exposure Check" }];

const n = (x: number) => x.toLocaleString("en-US");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "admin");
  const incident = await getCurrentIncident(context.app);
  if (!incident) return { incident: null, organizations: [] };
  const orgs = await listOrganizationsWithCounts(context.app, incident.id);
  return { incident: { name: incident.name }, organizations: orgs.map((o) => ({ ...o, createdAt: o.createdAt.toISOString() })) };
}

const CreateSchema = z.object({
  slug: z.string().trim().toLowerCase().regex(ORG_SLUG, "Enter a short name of lower-case letters, digits and hyphens, e.g. lakeshore-aco."),
  name: z.string().trim().min(1, "Enter the organization's name.").max(200, "Use at most 200 characters for the name."),
});

type ActionOutcome = { errors: { field: string; message: string }[]; values?: { slug: string; name: string } };

/** POST: create an organization (covered entity) in the current incident; audited by the service. */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireStaff(request, context, "admin");
  const form = await request.formData();
  const values = { slug: String(form.get("slug") ?? "").slice(0, 100), name: String(form.get("name") ?? "").slice(0, 300) };
  const parsed = CreateSchema.safeParse(values);
  if (!parsed.success) {
    return data<ActionOutcome>({ errors: parsed.error.issues.map((i) => ({ field: String(i.path[0]), message: i.message })), values }, { status: 400 });
  }
  try {
    await createOrganization(context.app, staffActor(actor), context.meta, parsed.data);
  } catch (error) {
    if (error instanceof OrganizationError) {
      const field = /slug/.test(error.message) ? "slug" : "name";
      return data<ActionOutcome>({ errors: [{ field, message: `${error.message[0]!.toUpperCase()}${error.message.slice(1)}.` }], values }, { status: 400 });
    }
    throw error;
  }
  throw redirect(`/admin/organizations?created=${encodeURIComponent(parsed.data.slug)}`, 303);
}

export default function OrganizationsPage() {
  const { incident, organizations } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const [params] = useSearchParams();
  const created = params.get("created");
  return (
    <div className="padding-y-4">
      <h1>Organizations</h1>
      {!incident ? (
        <p>There is no incident yet.</p>
      ) : (
        <>
          <p>The covered entities of {incident.name} whose patients are notified. Each batch file belongs to one of them.</p>
          {created && organizations.some((o) => o.slug === created) ? (
            <div className="usa-alert usa-alert--success margin-bottom-3" role="status" data-testid="org-created">
              <div className="usa-alert__body">
                <p className="usa-alert__text">Organization {created} created.</p>
              </div>
            </div>
          ) : null}
          {organizations.length === 0 ? (
            <p>No organization yet.</p>
          ) : (
            <div className="usa-table-container--scrollable" tabIndex={0}>
              <table className="usa-table usa-table--striped" data-testid="org-table">
                <caption>Organizations and their notices (batches awaiting mailing or mailed)</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Short name</th>
                    <th scope="col" className="text-right">
                      Notices
                    </th>
                    <th scope="col" className="text-right">
                      Batches
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {organizations.map((o) => (
                    <tr key={o.id} data-org={o.slug}>
                      <th scope="row">{o.name}</th>
                      <td>
                        <code>{o.slug}</code>
                      </td>
                      <td className="text-right" data-testid={`notified-${o.slug}`}>
                        {n(o.notified)}
                      </td>
                      <td className="text-right">{n(o.batches)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h2 id="create-heading">Add an organization</h2>
          <ErrorSummary heading="There is a problem" errors={outcome?.errors ?? []} />
          <Form method="post" className="usa-form" aria-labelledby="create-heading" data-testid="org-form">
            <label className="usa-label" htmlFor="name">
              Name
            </label>
            <input className="usa-input" id="name" name="name" type="text" maxLength={200} defaultValue={outcome?.values?.name ?? ""} autoComplete="off" />
            <label className="usa-label" htmlFor="slug">
              Short name
            </label>
            <span className="usa-hint" id="slug-hint">
              Lower-case letters, digits and hyphens; used by the command line (<code>--org</code>).
            </span>
            <input
              className="usa-input"
              id="slug"
              name="slug"
              type="text"
              maxLength={63}
              defaultValue={outcome?.values?.slug ?? ""}
              aria-describedby="slug-hint"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
            />
            <button type="submit" className="usa-button margin-top-3">
              Add organization
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
