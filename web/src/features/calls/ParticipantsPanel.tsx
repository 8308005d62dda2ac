import { Fragment, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Loading } from "../../shared/ui/feedback";
import { SelectField, TextField } from "../../shared/ui/fields";
import { ProblemMessage } from "../../shared/ui/ProblemMessage";
import { callsApi, GUEST_ROLES, type CallGuest, type GuestRole } from "./callsApi";
import { UserSentence, isolate } from "../../shared/ui/UserText";
import { BusyButton } from "../../shared/ui/BusyButton";

/** React Query key of a consultation's guests (re-read on the hub's guestsChanged). */
export const guestsKey = (consultationId: string) => ["consultation-guests", consultationId] as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Doctor: invite guests to the call (interpreter, family member, consulting doctor), admit those who knock, remove them. */
export function ParticipantsPanel({ consultationId }: { consultationId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const guests = useQuery({ queryKey: guestsKey(consultationId), queryFn: () => callsApi.guests(consultationId) });
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<GuestRole>("interpreter");
  const [emailError, setEmailError] = useState<string | undefined>(undefined);
  const refresh = () => queryClient.invalidateQueries({ queryKey: guestsKey(consultationId) });

  const invite = useMutation({
    mutationFn: (body: { email: string; role: GuestRole }) => callsApi.inviteGuest(consultationId, body),
    onSuccess: () => {
      setEmail("");
      void refresh();
    },
  });
  const act = useMutation({
    mutationFn: ({ guest, action }: { guest: CallGuest; action: "admit" | "remove" }) =>
      action === "admit" ? callsApi.admitGuest(consultationId, guest.guestId).then(() => undefined) : callsApi.removeGuest(consultationId, guest.guestId),
    onSettled: () => void refresh(),
  });

  // One guest action at a time (admit and remove of the same guest would contradict): every row waits, only the clicked button says it is working.
  const acting = (guest: CallGuest, action: "admit" | "remove") =>
    act.isPending && act.variables.guest.guestId === guest.guestId && act.variables.action === action;

  const onInvite = (event: FormEvent) => {
    event.preventDefault();
    const value = email.trim();
    const problem = !value ? "calls.participants.emailRequired" : EMAIL.test(value) ? undefined : "calls.participants.emailInvalid";
    setEmailError(problem);
    if (problem) return;
    invite.mutate({ email: value, role });
  };

  const list = (guests.data ?? []).filter((g) => g.status !== "removed");
  return (
    <section className="call-panel participants-panel" data-testid="participants-panel" aria-labelledby="participants-title">
      <h2 id="participants-title">{t("calls.participants.title")}</h2>
      <form className="participants-invite" noValidate onSubmit={onInvite} data-testid="invite-guest-form">
        <TextField
          label={t("calls.participants.email")}
          type="email"
          autoComplete="off"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={emailError ? { message: emailError } : undefined}
          data-testid="invite-guest-email"
        />
        <SelectField
          label={t("calls.participants.role")}
          value={role}
          onChange={(e) => setRole(e.target.value as GuestRole)}
          options={GUEST_ROLES.map((r) => ({ value: r, label: t(`calls.participants.roles.${r}`) }))}
          data-testid="invite-guest-role"
        />
        <BusyButton type="submit" className="button button--small" busy={invite.isPending} data-testid="invite-guest-submit">
          {t("calls.participants.invite")}
        </BusyButton>
        <ProblemMessage error={invite.error} namespace="calls" testId="invite-guest-error" />
      </form>
      {guests.isPending ? <Loading /> : null}
      <ProblemMessage error={guests.error} namespace="calls" onRetry={() => void guests.refetch()} retryLabel={t("calls.chat.retry")} />
      <ProblemMessage error={act.error} namespace="calls" testId="guest-action-error" />
      {guests.data && list.length === 0 ? <p className="field-hint">{t("calls.participants.none")}</p> : null}
      {list.length > 0 ? (
        <ul className="participants-list">
          {list.map((guest) => (
            <li key={guest.guestId} data-testid="guest-row" data-guest-id={guest.guestId} data-status={guest.status}>
              <bdi className="participants-list__name">{guest.displayName}</bdi>{" "}
              <span className="participants-list__role">{t(`calls.participants.roles.${guest.role}`, { defaultValue: guest.role })}</span>{" "}
              <span className={`badge participants-status participants-status--${guest.status}`} data-testid="guest-status">
                {t(`calls.participants.status.${guest.status}`, { defaultValue: guest.status })}
              </span>
              {guest.status === "waiting" ? (
                <BusyButton
                  type="button"
                  className="button button--small"
                  busy={acting(guest, "admit")}
                  disabled={act.isPending}
                  onClick={() => act.mutate({ guest, action: "admit" })}
                  aria-label={t("calls.participants.admitName", { name: isolate(guest.displayName) })}
                  data-testid="admit-guest"
                >
                  {t("calls.participants.admit")}
                </BusyButton>
              ) : null}
              {guest.status === "waiting" || guest.status === "admitted" ? (
                <BusyButton
                  type="button"
                  className="button button--secondary button--small"
                  busy={acting(guest, "remove")}
                  disabled={act.isPending}
                  onClick={() => act.mutate({ guest, action: "remove" })}
                  aria-label={t("calls.participants.removeName", { name: isolate(guest.displayName) })}
                  data-testid="remove-guest"
                >
                  {t("calls.participants.remove")}
                </BusyButton>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** Patient: who else is in the call (read-only). */
export function CallGuestsNotice({ consultationId }: { consultationId: string }) {
  const { t } = useTranslation();
  const guests = useQuery({ queryKey: guestsKey(consultationId), queryFn: () => callsApi.guests(consultationId) });
  const admitted = (guests.data ?? []).filter((g) => g.status === "admitted");
  if (admitted.length === 0) return null;
  return (
    <p className="call-panel call-guests-notice" data-testid="call-guests-notice" role="status">
      <UserSentence
        i18nKey="calls.participants.alsoInCall"
        user={{
          names: admitted.map((g, i) => (
            <Fragment key={g.guestId}>
              {i > 0 ? ", " : null}
              <bdi>{g.displayName}</bdi> ({t(`calls.participants.roles.${g.role}`, { defaultValue: g.role })})
            </Fragment>
          )),
        }}
      />
    </p>
  );
}
