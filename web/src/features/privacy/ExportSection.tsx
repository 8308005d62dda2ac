import { useState } from "react";
import { useTranslation } from "react-i18next";
import { privacyApi, saveFile } from "./privacyApi";
import { ProblemMessage } from "../../shared/ui/ProblemMessage";
import { BusyButton } from "../../shared/ui/BusyButton";

/** "Download my data": fetches the export ZIP and hands it to the browser; a refusal (429, 404) is shown in words. */
export function ExportSection() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const download = async () => {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const file = await privacyApi.downloadExport();
      saveFile(file);
      setSaved(file.name);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card stack" aria-labelledby="export-title">
      <h2 id="export-title">{t("privacy.export.title")}</h2>
      <p>{t("privacy.export.intro")}</p>
      <div className="button-row">
        <BusyButton type="button" className="button" busy={busy} onClick={() => void download()} data-testid="export-download">
          {t("privacy.export.download")}
        </BusyButton>
      </div>
      <div role="status">
        {busy ? <p>{t("privacy.export.preparing")}</p> : null}
        {saved ? <p>{t("privacy.export.done", { name: saved })}</p> : null}
      </div>
      <ProblemMessage error={error} namespace="privacy" />
    </section>
  );
}
