import { useState } from "react";
import { useTranslation } from "react-i18next";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { adminApi, adminKeys } from "./adminApi";
import type { OutboxMessage } from "../../shared/api/types";
import { SelectField } from "../../shared/ui/fields";
import { EmptyState, ErrorAlert, Loading } from "../../shared/ui/feedback";
import { formatDateTime } from "../../shared/ui/format";
import { Pager } from "../../shared/ui/Pager";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { MessageBody } from "./MessageBody";
import { BusyButton } from "../../shared/ui/BusyButton";

const PAGE_SIZE = 20;

export function AdminOutboxPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle("titles.adminOutbox");
  const [channel, setChannel] = useState("");
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<OutboxMessage | null>(null);
  const messages = useQuery({
    queryKey: adminKeys.outbox(channel, page),
    queryFn: () => adminApi.outbox({ channel: channel || undefined, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });

  return (
    <div className="stack">
      <h1>{t("admin.outboxTitle")}</h1>
      <p className="muted">{t("admin.outboxIntro")}</p>
      <div className="card filters">
        <SelectField
          label={t("admin.channel")}
          value={channel}
          onChange={(e) => {
            setChannel(e.target.value);
            setPage(1);
          }}
          options={[
            { value: "", label: t("admin.anyChannel") },
            { value: "email", label: t("admin.channels.email") },
            { value: "sms", label: t("admin.channels.sms") },
          ]}
        />
        <div className="filters__actions">
          <BusyButton type="button" className="button button--secondary" onClick={() => void messages.refetch()} busy={messages.isFetching}>
            {t("account.refresh")}
          </BusyButton>
        </div>
      </div>
      {selected ? (
        <section className="card stack" aria-labelledby="message-title" data-testid="outbox-message">
          <div className="section-header">
            <h2 id="message-title">{selected.subject || t("admin.noSubject")}</h2>
            <button type="button" className="button button--secondary button--small" onClick={() => setSelected(null)}>
              {t("app.close")}
            </button>
          </div>
          <p className="muted">
            {t(`admin.channels.${selected.channel}`, { defaultValue: selected.channel })} · {t("admin.recipient")}: {selected.to} ·{" "}
            {formatDateTime(selected.createdAt, i18n.language)}
          </p>
          <MessageBody body={selected.body} />
        </section>
      ) : null}
      {messages.isPending ? <Loading /> : null}
      <ErrorAlert error={messages.error} onRetry={() => void messages.refetch()} />
      {messages.data?.items.length === 0 ? <EmptyState>{t("admin.noMessages")}</EmptyState> : null}
      {messages.data && messages.data.items.length > 0 ? (
        <>
          <div className="table-wrap" role="region" aria-label={t("admin.outboxTitle")} tabIndex={0}>
            <table className="table" data-testid="outbox-table">
              <thead>
                <tr>
                  <th scope="col">{t("admin.created")}</th>
                  <th scope="col">{t("admin.channel")}</th>
                  <th scope="col">{t("admin.recipient")}</th>
                  <th scope="col">{t("admin.subject")}</th>
                </tr>
              </thead>
              <tbody>
                {messages.data.items.map((m) => (
                  <tr key={m.id} className={selected?.id === m.id ? "row--selected" : undefined}>
                    <td className="nowrap">{formatDateTime(m.createdAt, i18n.language)}</td>
                    <td>{t(`admin.channels.${m.channel}`, { defaultValue: m.channel })}</td>
                    <td className="break">{m.to}</td>
                    <td>
                      <button type="button" className="link-button" aria-pressed={selected?.id === m.id} onClick={() => setSelected(m)}>
                        {m.subject || t("admin.noSubject")}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={messages.data.page} pageSize={messages.data.pageSize} total={messages.data.total} onPage={setPage} />
        </>
      ) : null}
    </div>
  );
}
