import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { TextAreaField } from "../../shared/ui/fields";
import { EmptyState, ErrorAlert, Loading } from "../../shared/ui/feedback";
import { formatDateTime } from "../../shared/ui/format";
import { ProblemMessage } from "../../shared/ui/ProblemMessage";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { refillKeys, refillsApi, type RefillApprovalStarted, type RefillRequest } from "./refillsApi";
import { UserSentence, UserText } from "../../shared/ui/UserText";
import { DisabledReason } from "../../shared/ui/DisabledReason";
import { BusyButton } from "../../shared/ui/BusyButton";

/** The doctor's task page: refill requests assigned to them, open ones first; approve (then sign the new prescription) or decline with a reason. */
export function RefillTasksPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle("refills.doctor.title");
  const tasks = useQuery({ queryKey: refillKeys.assigned, queryFn: refillsApi.assigned });
  const open = tasks.data?.filter((r) => r.status === "requested") ?? [];
  const decided = tasks.data?.filter((r) => r.status !== "requested") ?? [];
  return (
    <div className="stack">
      <h1>{t("refills.doctor.title")}</h1>
      {tasks.isPending ? <Loading /> : null}
      <ErrorAlert error={tasks.error} onRetry={() => void tasks.refetch()} />
      {tasks.data && open.length === 0 ? <EmptyState>{t("refills.doctor.none")}</EmptyState> : null}
      {open.map((r) => (
        <OpenRefill key={r.id} refill={r} />
      ))}
      {decided.length > 0 ? (
        <section className="card" aria-labelledby="decided-refills-title">
          <h2 id="decided-refills-title">{t("refills.doctor.decided")}</h2>
          <ul className="plain-list">
            {decided.map((r) => (
              <li key={r.id}>
                <strong>
                  <UserText>{r.patientName}</UserText>
                </strong>{" "}
                · {r.medicineName} · {t(`refills.status.${r.status}`)} ·{" "}
                {formatDateTime(r.decidedAt ?? r.requestedAt, i18n.language)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function OpenRefill({ refill }: { refill: RefillRequest }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const shortReason = reason.trim().length < 3;
  const declineWhyId = useId();
  const [declining, setDeclining] = useState(false);
  const [draft, setDraft] = useState<RefillApprovalStarted | null>(null);
  const [signed, setSigned] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Which request runs: only its button shows it is working, while every other action of this refill waits.
  const [pending, setPending] = useState<"approve" | "sign" | "decline" | null>(null);
  const busy = pending !== null;
  const headingId = `refill-${refill.id}`;

  const run = async (which: "approve" | "sign" | "decline", action: () => Promise<void>) => {
    setPending(which);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setPending(null);
    }
  };
  const approve = () => run("approve", async () => setDraft(await refillsApi.approve(refill.id)));
  const sign = () =>
    run("sign", async () => {
      if (!draft) return;
      await refillsApi.sign(draft);
      setSigned(true);
      await queryClient.invalidateQueries({ queryKey: refillKeys.assigned });
    });
  const decline = () =>
    run("decline", async () => {
      await refillsApi.decline(refill.id, reason.trim());
      await queryClient.invalidateQueries({ queryKey: refillKeys.assigned });
    });

  return (
    <article className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <UserText>{refill.patientName}</UserText> · {refill.medicineName}
      </h2>
      <p dir="auto">{refill.dosageText}</p>
      <p className="muted">{t("refills.doctor.requestedAt", { when: formatDateTime(refill.requestedAt, i18n.language) })}</p>
      {refill.patientNote ? <p>
          <UserSentence i18nKey="refills.doctor.note" user={{ note: refill.patientNote }} />
        </p> : null}
      <ProblemMessage error={error} />
      {signed ? <p role="status">{t("refills.doctor.signed")}</p> : null}
      {draft && !signed ? (
        <div className="stack">
          <p role="status">{t("refills.doctor.draftReady")}</p>
          <div>
            <BusyButton type="button" className="button" busy={pending === "sign"} busyLabel={t("refills.doctor.signing")} onClick={() => void sign()}>
              {t("refills.doctor.sign")}
            </BusyButton>
          </div>
        </div>
      ) : null}
      {!draft && !declining ? (
        <div className="button-row">
          <BusyButton type="button" className="button" busy={pending === "approve"} busyLabel={t("refills.doctor.approving")} onClick={() => void approve()}>
            {t("refills.doctor.approve")}
          </BusyButton>
          {/* Opening the decline form while the approval runs would hide the working Approve button. */}
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => setDeclining(true)}>
            {t("refills.doctor.decline")}
          </button>
        </div>
      ) : null}
      {declining ? (
        <>
          <TextAreaField dir="auto" label={t("refills.doctor.reason")} value={reason} maxLength={500} rows={2} onChange={(e) => setReason(e.target.value)} />
          <div className="button-row">
            <BusyButton
              type="button"
              className="button"
              busy={pending === "decline"}
              busyLabel={t("refills.doctor.declining")}
              disabled={busy || shortReason}
              aria-describedby={shortReason ? declineWhyId : undefined}
              onClick={() => void decline()}
            >
              {t("refills.doctor.confirmDecline")}
            </BusyButton>
            {/* Cancel cannot take back a decline already sent: it waits for the answer. */}
            <button type="button" className="button button--secondary" disabled={busy} onClick={() => setDeclining(false)}>
              {t("refills.cancel")}
            </button>
          </div>
          <DisabledReason id={declineWhyId} reason={shortReason ? t("refills.doctor.declineWhy") : null} />
        </>
      ) : null}
    </article>
  );
}
