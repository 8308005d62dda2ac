import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import { ErrorAlert, Loading } from "../../shared/ui/feedback";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { ClinicThreadView } from "./ClinicThreadView";
import { frontOfficeApi, frontOfficeKeys } from "./frontOfficeApi";

/**
 * The patient's thread with the clinic's front desk (not a doctor's chat); with `?patientId=` (the link in the clinic's notice to a
 * guardian) a dependant's thread, read and written for the child.
 */
export function ClinicMessagesPage() {
  const { t } = useTranslation();
  useDocumentTitle("frontOffice.thread.title");
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const patientId = params.get("patientId") ?? undefined;
  const thread = useQuery({ queryKey: frontOfficeKeys.myThread(patientId), queryFn: () => frontOfficeApi.myThread(patientId) });
  return (
    <div className="stack">
      <h1>{t("frontOffice.thread.title")}</h1>
      <p className="muted">{t("frontOffice.thread.intro")}</p>
      {thread.data && thread.data.unreadBefore > 0 ? (
        <p role="status" className="badge">
          {t("frontOffice.thread.unread", { count: thread.data.unreadBefore })}
        </p>
      ) : null}
      <section className="card">
        {thread.isPending ? <Loading /> : null}
        <ErrorAlert error={thread.error} onRetry={() => void thread.refetch()} />
        {thread.data ? (
          <ClinicThreadView
            messages={thread.data.messages}
            viewer="patient"
            onSend={async (body, idempotencyKey) => {
              await frontOfficeApi.writeToClinic(body, idempotencyKey, patientId);
              await queryClient.invalidateQueries({ queryKey: frontOfficeKeys.myThread(patientId) });
            }}
          />
        ) : null}
      </section>
    </div>
  );
}
