import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { ChatPanel } from "./ChatPanel";
import { chatApi } from "./chatApi";
import { usePortalBase } from "./MessagesPage";
import { UserSentence } from "../../shared/ui/UserText";
import { ForDependant } from "../../shared/ui/ForDependant";

/** One message thread (patient or doctor portal). */
export function ConversationPage() {
  const { t } = useTranslation();
  useDocumentTitle("calls.titles.conversation");
  const { id = "" } = useParams();
  const base = usePortalBase();
  // The thread's own read (not the list, which stops at its newest 100): subject, names and, on a guardian's child's, whom it is for.
  const conversation = useQuery({ queryKey: ["conversation", id], queryFn: () => chatApi.conversation(id) }).data;
  const other = base === "/doctor" ? conversation?.patientName : conversation?.doctorName;
  const title =
    conversation?.subject ||
    (conversation ? t(conversation.kind === "consultation" ? "calls.chat.consultationThread" : "calls.chat.careTeamThread") : t("calls.titles.conversation"));

  return (
    <div className="stack">
      <p>
        <Link to={`${base}/messages`}>{t("calls.chat.backToMessages")}</Link>
      </p>
      <h1 dir={conversation?.subject ? "auto" : undefined}>{title}</h1>
      {other ? (
        <p>
          <UserSentence i18nKey="calls.chat.with" user={{ name: other }} />
        </p>
      ) : null}
      {base === "/patient" && conversation?.forDependant ? <ForDependant name={conversation.patientName} /> : null}
      <ChatPanel conversationId={id} />
    </div>
  );
}
