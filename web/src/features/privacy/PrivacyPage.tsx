import { useTranslation } from "react-i18next";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { AccessReportSection } from "./AccessReportSection";
import { ConsentsSection } from "./ConsentsSection";
import { ErasureSection } from "./ErasureSection";
import { ExportSection } from "./ExportSection";

/** The patient's "Privacy" page: who opened their record (the access report) and their consents, a copy of their data and asking to erase it. */
export function PrivacyPage() {
  const { t } = useTranslation();
  useDocumentTitle("privacy.title");
  return (
    <div className="stack">
      <h1>{t("privacy.title")}</h1>
      <AccessReportSection />
      <ConsentsSection />
      <ExportSection />
      <ErasureSection />
    </div>
  );
}
