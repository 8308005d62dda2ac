import { useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { schedulingApi, type WaitlistEntry, type WaitlistOffer } from "../../shared/api/scheduling";
import { EmptyState, Loading } from "../../shared/ui/feedback";
import { formatDate } from "../../shared/ui/format";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { clock } from "../../shared/time/zonedTime";
import { formatCountdown } from "../../shared/idle/idleTimer";
import { useSpecialties } from "../patient/useSpecialties";
import { AppointmentCard, isUpcoming } from "./AppointmentCard";
import { cityFor, clinicNameFor, hasCode, ProblemAlert, useClinics, useKindLabel, useTimeTexts } from "./common";
import { PastConsultations } from "./PastConsultations";
import { UserText } from "../../shared/ui/UserText";
import { BusyButton } from "../../shared/ui/BusyButton";

/** Patient: upcoming and past appointments, waitlist offers and entries. */
export function MyAppointmentsPage() {
  const { t } = useTranslation();
  useDocumentTitle("titles.myAppointments");
  const appointments = useQuery({ queryKey: ["my-appointments"], queryFn: schedulingApi.myAppointments });
  const waitlist = useQuery({ queryKey: ["my-waitlist"], queryFn: schedulingApi.myWaitlist, refetchInterval: 30_000 });
  const now = clock.now();
  const all = appointments.data ?? [];
  const upcoming = all.filter((a) => isUpcoming(a, now)).sort((a, b) => a.start.localeCompare(b.start));
  const past = all.filter((a) => !isUpcoming(a, now)).sort((a, b) => b.start.localeCompare(a.start));
  const entries = waitlist.data ?? [];
  const offers = entries.filter((e) => e.status === "waiting" && e.offer && Date.parse(e.offer.expiresAt) > now.getTime());

  return (
    <div className="stack">
      <h1>{t("scheduling.myAppointmentsTitle")}</h1>
      <p>
        <Link to="/patient/book" className="button">
          {t("nav.bookVisit")}
        </Link>
      </p>
      {offers.map((entry) => (
        <OfferCard key={entry.offer!.id} offer={entry.offer!} />
      ))}

      <section aria-labelledby="upcoming-title" className="stack">
        <h2 id="upcoming-title">{t("scheduling.upcoming")}</h2>
        {appointments.isPending ? <Loading /> : null}
        <ProblemAlert error={appointments.error} onRetry={() => void appointments.refetch()} />
        {appointments.data && upcoming.length === 0 ? <EmptyState>{t("scheduling.noUpcoming")}</EmptyState> : null}
        <div className="stack" data-testid="upcoming-appointments">
          {upcoming.map((a) => (
            <AppointmentCard key={a.id} appointment={a} viewer="patient" headingLevel={3} detailsHref={`/patient/appointments/${encodeURIComponent(a.id)}`} />
          ))}
        </div>
      </section>

      <section aria-labelledby="waitlist-title" className="stack">
        <h2 id="waitlist-title">{t("scheduling.myWaitlist")}</h2>
        {waitlist.isPending ? <Loading /> : null}
        <ProblemAlert error={waitlist.error} onRetry={() => void waitlist.refetch()} />
        {waitlist.data && entries.filter((e) => e.status === "waiting").length === 0 ? (
          <EmptyState>{t("scheduling.noWaitlist")}</EmptyState>
        ) : null}
        <ul className="list-cards" data-testid="my-waitlist">
          {entries
            .filter((e) => e.status === "waiting")
            .map((entry) => (
              <WaitlistRow key={entry.id} entry={entry} />
            ))}
        </ul>
      </section>

      <section aria-labelledby="past-title" className="stack">
        <h2 id="past-title">{t("scheduling.past")}</h2>
        {appointments.data && past.length === 0 ? <EmptyState>{t("scheduling.noPast")}</EmptyState> : null}
        <div className="stack" data-testid="past-appointments">
          {past.map((a) => (
            <AppointmentCard key={a.id} appointment={a} viewer="patient" headingLevel={3} detailsHref={`/patient/appointments/${encodeURIComponent(a.id)}`} />
          ))}
        </div>
      </section>

      <PastConsultations />
    </div>
  );
}

function WaitlistRow({ entry }: { entry: WaitlistEntry }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const kindLabel = useKindLabel();
  const specialties = useSpecialties();
  const leave = useMutation({
    mutationFn: () => schedulingApi.leaveWaitlist(entry.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["my-waitlist"] }),
  });
  const who = entry.doctorName ?? (entry.specialty ? specialties.nameOf(entry.specialty) : "");
  return (
    <li className="list-card" data-waitlist-id={entry.id}>
      <span className="list-card__title">
        {who} · {kindLabel(entry.kind)}
      </span>
      <span>{t("scheduling.dateRange", { from: formatDate(entry.from, i18n.language), to: formatDate(entry.to, i18n.language) })}</span>
      <BusyButton type="button" className="button button--secondary button--small" busy={leave.isPending} onClick={() => leave.mutate()}>
        {t("scheduling.leaveWaitlist")}
      </BusyButton>
      <ProblemAlert error={leave.error} />
    </li>
  );
}

function useSecondsLeft(until: string): number {
  const compute = () => Math.max(0, Math.floor((Date.parse(until) - clock.now().getTime()) / 1000));
  const [seconds, setSeconds] = useState(compute);
  useEffect(() => {
    setSeconds(compute());
    const timer = setInterval(() => setSeconds(compute()), 1000);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [until]);
  return seconds;
}

/** A slot held for the patient: prominent, with the time left to take it. */
function OfferCard({ offer }: { offer: WaitlistOffer }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const times = useTimeTexts();
  const { clinicById } = useClinics();
  const secondsLeft = useSecondsLeft(offer.expiresAt);
  const text = times(offer.start, clock.timeZone(), offer.clinicTimeZone, cityFor(clinicById(offer.clinicId), offer.clinicTimeZone));
  const accept = useMutation({
    mutationFn: () => schedulingApi.acceptOffer(offer.id),
    onSuccess: (appointment) => {
      queryClient.setQueryData(["appointment", appointment.id], appointment);
      void queryClient.invalidateQueries({ queryKey: ["my-waitlist"] });
      void queryClient.invalidateQueries({ queryKey: ["my-appointments"] });
      void navigate(`/patient/appointments/${encodeURIComponent(appointment.id)}`, { state: { booked: true } });
    },
    onError: (error) => {
      if (hasCode(error, "scheduling.offer_expired")) void queryClient.invalidateQueries({ queryKey: ["my-waitlist"] });
    },
  });
  const decline = useMutation({
    mutationFn: () => schedulingApi.declineOffer(offer.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["my-waitlist"] }),
  });
  const expired = secondsLeft <= 0;
  return (
    <section className="card stack offer-card" aria-labelledby={`offer-${offer.id}`} data-testid="waitlist-offer" data-offer-id={offer.id}>
      <h2 id={`offer-${offer.id}`}>{t("scheduling.offerTitle")}</h2>
      <p className="lead">
        <UserText>{offer.doctorName}</UserText> · {text.day}, {text.both}
      </p>
      <p dir="auto">{clinicNameFor(clinicById(offer.clinicId), offer.clinicName)}</p>
      <p className="offer-card__countdown" id={`offer-${offer.id}-countdown`} data-testid="offer-countdown" aria-live="off">
        {expired ? t("scheduling.offerExpired") : t("scheduling.offerExpiresIn", { time: formatCountdown(secondsLeft) })}
      </p>
      <ProblemAlert error={accept.error ?? decline.error} />
      <div className="button-row">
        <BusyButton
          type="button"
          className="button"
          busy={accept.isPending} disabled={expired || decline.isPending}
          aria-describedby={expired ? `offer-${offer.id}-countdown` : undefined}
          onClick={() => accept.mutate()}
        >
          {t("scheduling.takeSlot")}
        </BusyButton>
        <BusyButton
          type="button"
          className="button button--secondary"
          busy={decline.isPending} disabled={expired || accept.isPending}
          aria-describedby={expired ? `offer-${offer.id}-countdown` : undefined}
          onClick={() => decline.mutate()}
        >
          {t("scheduling.decline")}
        </BusyButton>
      </div>
    </section>
  );
}
