import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** Sets the page <title> per route: "Page — Telemed". */
export function useDocumentTitle(titleKey: string, options?: Record<string, string>): void {
  const { t, i18n } = useTranslation();
  const title = t(titleKey, options);
  useEffect(() => {
    document.title = `${title} — ${t("app.name")}`;
  }, [title, t, i18n.language]);
}
