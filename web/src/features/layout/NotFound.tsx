import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle("titles.notFound");
  return (
    <section className="card">
      <h1>{t("app.notFoundTitle")}</h1>
      <p>{t("app.notFoundText")}</p>
      <Link to="/">{t("app.goHome")}</Link>
    </section>
  );
}

export function NoAccessPage() {
  const { t } = useTranslation();
  useDocumentTitle("titles.noAccess");
  return (
    <section className="card">
      <h1>{t("app.noAccessTitle")}</h1>
      <p>{t("app.noAccessText")}</p>
    </section>
  );
}
