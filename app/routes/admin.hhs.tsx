import { CountTable } from "~/components/count-table";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { isCategoryKey } from "~/content/categories";
import { categoryLabel as localizedLabel } from "~/content/guidance";
import { getCurrentIncident } from "~/services/incidents/current.server";
import { getHhsFigures } from "~/services/reports/reports.server";
import { requireStaff } from "~/http/staff.server";
import { staffActor } from "~/services/actor";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "HHS breach report · Exposure Check" }];

const n = (x: number) => x.toLocaleString("en-US");

/** The figures the HHS breach portal asks for, on one page. Aggregates only; audited `report.view`. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireStaff(request, context, "admin");
  const incident = await getCurrentIncident(context.app);
  if (!incident) return { figures: null };
  const figures = await getHhsFigures(context.app, staffActor(actor), context.meta, incident.id);
  return {
    figures: {
      ...figures,
      informationTypes: figures.informationTypes.map((t) => ({ ...t, label: categoryLabel(t.category) })),
    },
  };
}

function categoryLabel(key: string): string {
  return isCategoryKey(key) ? localizedLabel(key, "en") : key;
}

function Fact({ term, children, testId }: { term: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="grid-row grid-gap border-bottom-1px border-base-lighter padding-y-1">
      <dt className="grid-col-12 tablet:grid-col-4 text-bold">{term}</dt>
      <dd className="grid-col-12 tablet:grid-col-8 margin-left-0" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

export default function HhsPage() {
  const { figures: f } = useLoaderData<typeof loader>();
  if (!f) {
    return (
      <div className="padding-y-4">
        <h1>HHS breach report</h1>
        <p>There is no incident yet.</p>
      </div>
    );
  }
  return (
    <div className="padding-y-4">
      <h1>HHS breach report</h1>
      <p>
        The figures the HHS Office for Civil Rights breach portal asks for (breaches affecting 500 or more individuals), for {f.incidentName}. Counts are of
        batches awaiting mailing or mailed; see <Link to="/admin/reports">Reports</Link> for the detail.
      </p>
      <h2>Breach</h2>
      <dl className="margin-top-0" data-testid="hhs-facts">
        <Fact term="Covered entity (breached)">{f.breachedEntity}</Fact>
        <Fact term="Individuals affected" testId="hhs-affected">
          {n(f.individualsAffected)} ({n(f.minors)} minors, {n(f.deceased)} deceased)
        </Fact>
        <Fact term="Date of breach">
          {f.breachStart} to {f.breachEnd}
        </Fact>
        <Fact term="Date of discovery">{f.discoveredOn}</Fact>
        <Fact term="Review completed">{f.reviewEndedOn}</Fact>
        <Fact term="Type of breach">{f.typeOfBreach}</Fact>
        <Fact term="Location of breached information">{f.locationOfBreach}</Fact>
        <Fact term="Notice date (letters)">{f.noticeDate}</Fact>
        <Fact term="Letters mailed">
          {f.firstMailedOn ? (f.firstMailedOn === f.lastMailedOn ? f.firstMailedOn : `${f.firstMailedOn} to ${f.lastMailedOn}`) : "Not yet"}
        </Fact>
        <Fact term="States and territories">{n(f.statesAffected)}</Fact>
        <Fact term="Substitute notice" testId="hhs-substitute">
          {f.substituteNoticeRequired
            ? `Required: ${n(f.returnedMail)} letters were returned (10 or more)`
            : `Not required (${n(f.returnedMail)} letters returned)`}
        </Fact>
        <Fact term="Media notice (more than 500 residents)">{f.mediaNoticeStates.length ? f.mediaNoticeStates.join(", ") : "None"}</Fact>
      </dl>

      <h2>Types of information involved</h2>
      <CountTable
        testId="hhs-information"
        caption="People whose letter lists each type of information"
        keyHeader="Type of information"
        rows={f.informationTypes}
        rowKey={(t) => t.category}
        rowLabel={(t) => t.label}
        columns={[{ header: "People", value: (t) => t.notified }]}
        rowProps={(t) => ({ "data-category": t.category })}
      />

      <div className="grid-row grid-gap">
        <div className="grid-col-12 tablet:grid-col-6">
          <h2>Individuals per state</h2>
          <CountTable
            testId="hhs-states"
            caption="By the state of the mailing address"
            keyHeader="State"
            rows={f.byState}
            rowKey={(r) => r.state}
            rowLabel={(r) => r.state}
            columns={[{ header: "Individuals", value: (r) => r.notified }]}
          />
        </div>
        <div className="grid-col-12 tablet:grid-col-6">
          <h2>Individuals per organization</h2>
          <CountTable
            testId="hhs-organizations"
            caption="Covered entities whose patients were affected"
            keyHeader="Organization"
            rows={f.organizations}
            rowKey={(o) => o.name}
            rowLabel={(o) => o.name}
            columns={[{ header: "Individuals", value: (o) => o.notified }]}
          />
        </div>
      </div>
    </div>
  );
}
