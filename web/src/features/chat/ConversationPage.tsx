import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { ChatPanel } from "./ChatPanel";
import { chatApi } from "./chatApi";
import { usePortalBase } from "./MessagesPage";
import { UserSentence } from "../../shared/ui/UserText";

/** One message thread (patient or doctor portal). */
export function ConversationPage() {
  const { t } = useTranslation();
  useDocumentTitle("calls.titles.conversation");
  const { id = "" } = useParams();
  const base = usePortalBase();
  // The list carries the subject and names (there is no GET for a single conversation).
  const conversations = useQuery({ queryKey: ["conversations"], queryFn: chatApi.conversations });
  const conversation = conversations.data?.find((c) => c.id === id);
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
      <ChatPanel conversationId={id} />
    </div>
  );
}
