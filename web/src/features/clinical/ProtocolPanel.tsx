import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Loading } from "../../shared/ui/feedback";
import { ProblemMessage } from "../../shared/ui/ProblemMessage";
import { clinicalApi, clinicalKeys, type VisitProtocol } from "./clinicalApi";
import { ProtocolEditor } from "./ProtocolEditor";
import { SignedProtocol } from "./SignedProtocol";
import "./clinical.css";

/**
 * The visit protocol of one consultation for its doctor: the autosaving editor until it is signed, then the signed,
 * read-only protocol with addenda and the signature check. Mounted beside the call and on /doctor/consultations/:id/protocol.
 */
export function ProtocolPanel({ consultationId }: { consultationId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [generation, setGeneration] = useState(0);
  const protocol = useQuery({ queryKey: clinicalKeys.protocol(consultationId), queryFn: () => clinicalApi.protocol(consultationId), staleTime: Infinity });
  const replace = (view: VisitProtocol) => client.setQueryData(clinicalKeys.protocol(consultationId), view);

  return (
    <section className="card protocol-panel" aria-labelledby={`protocol-${consultationId}`} data-testid="protocol-panel">
      <h2 id={`protocol-${consultationId}`}>{t("clinical.protocol.heading")}</h2>
      {protocol.isPending ? <Loading /> : null}
      <ProblemMessage error={protocol.error} namespace="clinical" />
      {protocol.data?.status === "signed" ? <SignedProtocol protocol={protocol.data} onChanged={replace} /> : null}
      {protocol.data && protocol.data.status !== "signed" ? (
        <ProtocolEditor
          key={generation}
          initial={protocol.data}
          onReload={() => void protocol.refetch().then(() => setGeneration((g) => g + 1))}
          onSaved={replace}
          onSigned={replace}
        />
      ) : null}
    </section>
  );
}
