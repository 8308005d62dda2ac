import { useTranslation } from "react-i18next";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { AccessReportSection } from "./AccessReportSection";
import { ConsentsSection } from "./ConsentsSection";

/** The patient's "Privacy" page: who opened their record (the access report) and their consents. */
export function PrivacyPage() {
  const { t } = useTranslation();
  useDocumentTitle("privacy.title");
  return (
    <div className="stack">
      <h1>{t("privacy.title")}</h1>
      <AccessReportSection />
      <ConsentsSection />
    </div>
  );
}
