import "./frontoffice.css";
import { useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { TextAreaField } from "../../shared/ui/fields";
import { EmptyState, ErrorAlert, Loading } from "../../shared/ui/feedback";
import { formatDateTime } from "../../shared/ui/format";
import { ProblemMessage } from "../../shared/ui/ProblemMessage";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { frontOfficeApi, frontOfficeKeys, type ReviewFlag } from "./frontOfficeApi";
import { UserText } from "../../shared/ui/UserText";
import { BusyButton } from "../../shared/ui/BusyButton";

/** The doctor's task list: records the front desk asked them to review, open ones first. */
export function ReviewTasksPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle("frontOffice.flags.tasksTitle");
  const flags = useQuery({ queryKey: frontOfficeKeys.myFlags, queryFn: frontOfficeApi.myFlags });
  const open = flags.data?.filter((f) => f.status === "open") ?? [];
  const resolved = flags.data?.filter((f) => f.status === "resolved") ?? [];
  return (
    <div className="stack">
      <h1>{t("frontOffice.flags.tasksTitle")}</h1>
      <p className="muted">{t("frontOffice.flags.tasksIntro")}</p>
      {flags.isPending ? <Loading /> : null}
      <ErrorAlert error={flags.error} onRetry={() => void flags.refetch()} />
      {flags.data && open.length === 0 ? <EmptyState>{t("frontOffice.flags.noTasks")}</EmptyState> : null}
      {open.map((f) => (
        <OpenTask key={f.id} flag={f} />
      ))}
      {resolved.length > 0 ? (
        <section className="card" aria-labelledby="resolved-title">
          <h2 id="resolved-title">{t("frontOffice.flags.earlier")}</h2>
          <ul className="plain-list">
            {resolved.map((f) => (
              <li key={f.id}>
                <strong>
                  <UserText>{f.patientName}</UserText>
                </strong>{" "}
                · {t("frontOffice.flags.resolvedAt", { when: formatDateTime(f.resolvedAt, i18n.language) })}
                <p dir="auto">{f.reason}</p>
                {f.resolutionNote ? <p className="muted" dir="auto">{f.resolutionNote}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function OpenTask({ flag }: { flag: ReviewFlag }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [note, setNote] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const headingId = `task-${flag.id}`;

  const resolve = async () => {
    setBusy(true);
    setError(null);
    try {
      await frontOfficeApi.resolveFlag(flag.id, note.trim());
      await queryClient.invalidateQueries({ queryKey: frontOfficeKeys.myFlags });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId} dir="auto">{flag.patientName}</h2>
      <p className="muted">{t("frontOffice.flags.raisedAt", { when: formatDateTime(flag.raisedAt, i18n.language) })}</p>
      <p dir="auto">{flag.reason}</p>
      <p>
        <Link to={`/doctor/patients/${encodeURIComponent(flag.patientId)}`}>{t("frontOffice.flags.openRecord")}</Link>
      </p>
      <TextAreaField dir="auto" label={t("frontOffice.flags.answer")} value={note} maxLength={1000} rows={2} onChange={(e) => setNote(e.target.value)} />
      <ProblemMessage error={error} namespace="frontOffice" />
      <div>
        <BusyButton type="button" className="button" busy={busy} onClick={() => void resolve()}>
          {t("frontOffice.flags.resolve")}
        </BusyButton>
      </div>
    </article>
  );
}
