import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { schedulingApi, type AppointmentKind, type DoctorSlots, type Slot } from "../../shared/api/scheduling";
import { ProblemAlert } from "./common";
import { SlotButtons } from "./SlotButtons";
import { visitMinutes } from "../../shared/ui/visitLength";
import { QuoteFact } from "../billing/QuotePrice";
import { UserSentence, UserText, isolate } from "../../shared/ui/UserText";
import { useRequestKey } from "../../shared/api/requestKey";
import { BusyButton } from "../../shared/ui/BusyButton";

/** One doctor in the slot search: who, price, the next free times, and a link to all their times. */
export function DoctorSlotsCard({
  doctor,
  specialtyName,
  profileHref,
  allTimesHref,
  onPick,
  waitlist,
}: {
  doctor: DoctorSlots;
  specialtyName: (code: string) => string;
  profileHref?: string;
  allTimesHref: string;
  onPick: (slot: Slot) => void;
  /** For a patient: the search's kind and dates, to join this doctor's waitlist when they have no free time. */
  waitlist?: { kind: AppointmentKind; from: string; to: string };
}) {
  const { t } = useTranslation();
  const headingId = `slots-doctor-${doctor.doctorId}`;
  // Every slot of one search has the same kind, so the first one gives the visit's length.
  const minutes = doctor.slots[0] ? visitMinutes(doctor.slots[0].start, doctor.slots[0].end) : 0;
  return (
    <article className="card doctor-card" aria-labelledby={headingId} data-testid="doctor-slots-card">
      <div className="doctor-card__header">
        <div className="avatar" aria-hidden="true">
          {doctor.displayName
            .split(/\s+/)
            .map((p) => p[0])
            .slice(0, 2)
            .join("")}
        </div>
        <div>
          <h3 id={headingId} className="doctor-card__name">
            <UserText>{profileHref ? <Link to={profileHref}>{doctor.displayName}</Link> : doctor.displayName}</UserText>
          </h3>
          <p className="doctor-card__specialties">{doctor.specialties.map(specialtyName).join(", ")}</p>
        </div>
      </div>
      <dl className="facts">
        {/* The clinic of the first free time prices the card: each clinic has its own rules (increment, minimum). */}
        {minutes > 0 && doctor.slots[0] ? (
          <QuoteFact
            doctorId={doctor.doctorId}
            clinicId={doctor.slots[0].clinicId}
            minutes={minutes}
            label={t("scheduling.priceOfVisit", { count: minutes })}
            className="price"
            testId="slot-price"
          />
        ) : null}
        <div>
          <dt>{t("patient.languagesLabel")}</dt>
          <dd>{doctor.languages.map((l) => t(`languages.${l}`, { defaultValue: l })).join(", ")}</dd>
        </div>
      </dl>
      {doctor.slots.length > 0 ? (
        <>
          <h4 className="slot-heading">{t("scheduling.nextFreeTimes")}</h4>
          <SlotButtons doctorId={doctor.doctorId} doctorName={doctor.displayName} slots={doctor.slots} onPick={onPick} />
        </>
      ) : (
        <div className="stack" data-testid="no-free-time" data-doctor-id={doctor.doctorId}>
          <p className="muted">{t("scheduling.noSlotsDoctor")}</p>
          {waitlist ? <JoinDoctorWaitlist doctor={doctor} {...waitlist} /> : null}
        </div>
      )}
      <p>
        <Link to={allTimesHref}>
          <UserSentence i18nKey="scheduling.allTimes" user={{ doctor: doctor.displayName }} />
        </Link>
      </p>
    </article>
  );
}

function JoinDoctorWaitlist({ doctor, kind, from, to }: { doctor: DoctorSlots; kind: AppointmentKind; from: string; to: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // One key per wish until it is joined: sent again after an error or a lost answer, the patient waits once.
  const joinKey = useRequestKey();
  const join = useMutation({
    mutationFn: () => {
      const wish = { doctorId: doctor.doctorId, kind, from, to };
      return schedulingApi.joinWaitlist(wish, joinKey.keyFor(JSON.stringify(wish)));
    },
    onSuccess: () => {
      joinKey.done();
      return queryClient.invalidateQueries({ queryKey: ["my-waitlist"] });
    },
  });
  if (join.isSuccess)
    return (
      <p role="status" className="alert alert--success">
        {t("scheduling.waitlistJoined")}
      </p>
    );
  return (
    <>
      <BusyButton
        type="button"
        className="button button--secondary button--small"
        aria-label={t("scheduling.joinWaitlistFor", { doctor: isolate(doctor.displayName) })}
        busy={join.isPending}
        onClick={() => join.mutate()}
      >
        {t("scheduling.joinWaitlist")}
      </BusyButton>
      <ProblemAlert error={join.error} />
    </>
  );
}
