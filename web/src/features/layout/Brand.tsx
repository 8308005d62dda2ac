import { Link } from "react-router";
import { useTranslation } from "react-i18next";

export function Brand({ to = "/" }: { to?: string }) {
  const { t } = useTranslation();
  return (
    <Link to={to} className="brand">
      <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="8" />
        <path d="M13 7h6v6h6v6h-6v6h-6v-6H7v-6h6z" />
      </svg>
      <span>{t("app.name")}</span>
    </Link>
  );
}
