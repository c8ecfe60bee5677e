import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ExposureView } from "~/components/exposure-view";
import { SessionTimeout } from "~/components/session-timeout";
import { EXPOSURE_TEXT } from "~/content/pages";
import { requirePatient } from "~/http/patient.server";
import { getLang } from "~/http/lang.server";
import { exposurePageData } from "~/http/page-data.server";

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: EXPOSURE_TEXT[data?.lang ?? "en"].title }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const page = await requirePatient(request, context);
  return exposurePageData(await getLang(request), page);
}

/** The exposure page of the person behind the patient session (components/exposure-view.tsx). */
export default function ExposurePage() {
  const { lang, exposure, timeout, phones } = useLoaderData<typeof loader>();
  return (
    <>
      <ExposureView lang={lang} exposure={exposure} phones={phones} />
      <div className="measure-6">
        <SessionTimeout lang={lang} timeout={timeout} />
      </div>
    </>
  );
}
