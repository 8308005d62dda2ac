import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { clinicalApi, clinicalKeys } from "./clinicalApi";
import { ProtocolPanel } from "./ProtocolPanel";
import { PrescriptionsPanel } from "../prescriptions/PrescriptionsPanel";
import { CallRecordingsSection } from "./CallRecordingsSection";
import "./clinical.css";

/** The doctor's protocol page after (or during) a consultation: /doctor/consultations/:id/protocol, with the complaint beside it and the prescriptions below. */
export function ProtocolPage() {
  const { t } = useTranslation();
  useDocumentTitle("clinical.titles.protocol");
  const { id = "" } = useParams();
  const protocol = useQuery({ queryKey: clinicalKeys.protocol(id), queryFn: () => clinicalApi.protocol(id), staleTime: Infinity });
  const complaint = protocol.data?.complaint;
  return (
    <div className="protocol-page">
      <h1>{t("clinical.titles.protocol")}</h1>
      <p>
        <Link to={`/doctor/consultations/${encodeURIComponent(id)}/lab-orders`}>{t("labs.order.link")}</Link>
      </p>
      <div className="protocol-page__layout">
        {complaint ? (
          <aside className="card protocol-complaint" aria-labelledby="protocol-complaint" data-testid="protocol-complaint">
            <h2 id="protocol-complaint">{t("clinical.protocol.complaint")}</h2>
            <p>
              <strong dir="auto">{complaint.summary}</strong>
            </p>
            {complaint.description ? <p className="protocol-text" dir="auto">{complaint.description}</p> : null}
            <p className="field-hint">{t("clinical.protocol.priority", { priority: t(`consultations.triageLevels.${complaint.priority}`, { defaultValue: complaint.priority }) })}</p>
          </aside>
        ) : null}
        <ProtocolPanel consultationId={id} />
      </div>
      {/* Prescriptions are written after the call as often as during it. */}
      <PrescriptionsPanel consultationId={id} />
      <CallRecordingsSection consultationId={id} />
    </div>
  );
}
