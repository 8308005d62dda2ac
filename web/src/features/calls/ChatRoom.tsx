import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../../shared/auth/session";
import { hubError } from "../../shared/api/errors";
import { useProblemText } from "../../shared/ui/problemText";
import { createCallConnection, type HubLike } from "./callHub";
import { callsApi, type ConsultationView } from "./callsApi";
import { ComplaintPanel, ConsultationChat, NotesPanel } from "./CallPanels";
import { PatientRecordPanel } from "./PatientRecordPanel";
import { ConfirmEndDialog } from "./ConfirmEndDialog";
import "./calls.css";
import { UserSentence } from "../../shared/ui/UserText";
import { ForDependant } from "../../shared/ui/ForDependant";
import { DisabledReason } from "../../shared/ui/DisabledReason";
import { BusyButton } from "../../shared/ui/BusyButton";

type Side = "doctor" | "patient";

/** WatchCall's answer: the consultation's kind and who, if anyone, has proposed video. */
interface ChatCallState {
  kind: "video" | "chat";
  proposedBy?: Side | null;
}

type Proposal = { by: Side } | { declined: true } | null;

/**
 * Hub side of a chat consultation: listens for `videoProposed` / `videoAnswered` (WatchCall on /hubs/call) and
 * `callEnded`. No camera or microphone is opened here; accepting video makes the server switch the consultation's
 * kind, and the page then re-reads it and opens the video call.
 */
function useVideoProposals(consultationId: string, onChanged: () => void) {
  const [connection, setConnection] = useState<HubLike | null>(null);
  const [proposal, setProposal] = useState<Proposal>(null);
  const [error, setError] = useState<unknown>(null);
  // The hub call under way: its button says it is working, and no second one (a double click, the other answer) goes out meanwhile.
  const [pending, setPending] = useState<"propose" | "accept" | "decline" | null>(null);
  const changed = useRef(onChanged);
  useEffect(() => {
    changed.current = onChanged;
  });

  useEffect(() => {
    const hub = createCallConnection();
    let disposed = false;
    const onProposed = (message: unknown) => setProposal({ by: (message as { by: Side }).by });
    const onAnswered = (message: unknown) => {
      if ((message as { accepted?: boolean }).accepted) changed.current();
      else setProposal({ declined: true });
    };
    const onEnded = () => changed.current();
    hub.on("videoProposed", onProposed);
    hub.on("videoAnswered", onAnswered);
    hub.on("callEnded", onEnded);
    const watch = async () => {
      const state = (await hub.invoke("WatchCall", consultationId)) as ChatCallState;
      if (disposed) return;
      if (state.kind === "video") changed.current();
      else setProposal(state.proposedBy ? { by: state.proposedBy } : null);
    };
    hub.onreconnected(() => void watch().catch(() => undefined));
    void hub
      .start()
      .then(watch)
      .then(() => {
        if (!disposed) setConnection(hub);
      })
      .catch((e: unknown) => {
        if (!disposed) setError(hubError(e));
      });
    return () => {
      disposed = true;
      hub.off("videoProposed", onProposed);
      hub.off("videoAnswered", onAnswered);
      hub.off("callEnded", onEnded);
      void hub.stop().catch(() => undefined);
    };
  }, [consultationId]);

  const run = async (which: "propose" | "accept" | "decline", method: string, ...args: unknown[]) => {
    setError(null);
    setPending(which);
    try {
      await connection?.invoke(method, consultationId, ...args);
    } catch (e) {
      setError(hubError(e));
    } finally {
      setPending(null);
    }
  };
  return {
    ready: connection !== null,
    proposal,
    error,
    pending,
    propose: () => run("propose", "ProposeVideo"),
    answer: (accept: boolean) => run(accept ? "accept" : "decline", "AnswerVideo", accept),
  };
}

/** A chat consultation: the chat is the page; video only when one side proposes and the other accepts. */
export function ChatRoom({ consultation, onChanged }: { consultation: ConsultationView; onChanged: () => void }) {
  const { t } = useTranslation();
  const problemText = useProblemText("calls");
  const user = useSession().data?.user;
  const asDoctor = consultation.doctorUserId ? consultation.doctorUserId === user?.id : Boolean(user?.roles.includes("Doctor"));
  const me: Side = asDoctor ? "doctor" : "patient";
  const otherName = asDoctor ? consultation.patientName : consultation.doctorName;
  const video = useVideoProposals(consultation.id, onChanged);
  const [confirming, setConfirming] = useState(false);
  const p = video.proposal;

  return (
    <div className="call-page chat-room" data-testid="chat-mode">
      <header className="call-header">
        <div>
          <h1>{t("calls.chatMode.heading")}</h1>
          {otherName ? (
            <p className="call-header__with">
              <UserSentence i18nKey="calls.call.withName" user={{ name: otherName }} />
            </p>
          ) : null}
          {asDoctor ? null : <ForDependant name={consultation.patientName} />}
        </div>
      </header>

      <section className="card video-proposal" data-testid="video-proposal" aria-label={t("calls.chatMode.videoLabel")}>
        {p && "by" in p && p.by === me ? (
          <p role="status">
            {otherName ? (
              <UserSentence i18nKey="calls.chatMode.waitingForAnswer" user={{ name: otherName }} />
            ) : (
              t("calls.chatMode.waitingForAnswer", { name: t(asDoctor ? "calls.chatMode.thePatient" : "calls.chatMode.theDoctor") })
            )}
          </p>
        ) : p && "by" in p ? (
          <>
            <p role="status">{t(p.by === "doctor" ? "calls.chatMode.doctorProposes" : "calls.chatMode.patientProposes")}</p>
            <div className="button-row">
              <BusyButton type="button" className="button" busy={video.pending === "accept"} disabled={video.pending !== null} onClick={() => void video.answer(true)}>
                {t("calls.chatMode.accept")}
              </BusyButton>
              <BusyButton type="button" className="button button--secondary" busy={video.pending === "decline"} disabled={video.pending !== null} onClick={() => void video.answer(false)}>
                {t("calls.chatMode.decline")}
              </BusyButton>
            </div>
          </>
        ) : (
          <>
            <p>{"declined" in (p ?? {}) ? t("calls.chatMode.declined") : t("calls.chatMode.hint")}</p>
            <BusyButton
              type="button"
              className="button button--secondary"
              busy={video.pending === "propose"}
              disabled={!video.ready}
              aria-describedby={video.ready ? undefined : "chat-mode-propose-why"}
              onClick={() => void video.propose()}
            >
              {t("calls.chatMode.propose")}
            </BusyButton>
            <DisabledReason id="chat-mode-propose-why" reason={video.ready ? null : t("calls.chatMode.proposeWhy")} testId="chat-mode-propose-why" />
          </>
        )}
        {video.error ? (
          <p className="field-error" role="alert">
            {problemText.withFields(video.error)}
          </p>
        ) : null}
      </section>

      <div className="call-layout">
        <div className="call-stage">
          <ConsultationChat consultationId={consultation.id} alwaysOpen />
          {asDoctor ? (
            <div className="button-row">
              <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
                {t("calls.chatMode.end")}
              </button>
            </div>
          ) : null}
        </div>
        {asDoctor ? (
          <aside className="call-side" aria-label={t("calls.call.sidePanels")}>
            <ComplaintPanel consultation={consultation} />
            <PatientRecordPanel consultation={consultation} />
            <NotesPanel consultationId={consultation.id} />
          </aside>
        ) : null}
      </div>

      {confirming ? (
        <ConfirmEndDialog
          title={t("calls.call.confirmEndTitle")}
          text={t("calls.chatMode.confirmEndText")}
          confirmLabel={t("calls.call.confirmEnd")}
          onConfirm={async () => {
            await callsApi.end(consultation.id);
            onChanged();
          }}
          onClose={() => setConfirming(false)}
        />
      ) : null}
    </div>
  );
}
