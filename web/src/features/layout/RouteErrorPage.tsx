import { Link, useRouteError } from "react-router";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../shared/ui/feedback";

export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <main id="main-content" className="page page--narrow">
      <section className="card">
        <h1>{t("errors.unknown")}</h1>
        <ErrorAlert error={error} />
        <Link to="/">{t("app.goHome")}</Link>
      </section>
    </main>
  );
}
