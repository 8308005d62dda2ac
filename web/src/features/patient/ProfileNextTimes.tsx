import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useQueries } from "@tanstack/react-query";
import { APPOINTMENT_KINDS, schedulingApi, type AppointmentKind, type Slot } from "../../shared/api/scheduling";
import { addDays, clock, formatDayShort, formatTime, today } from "../../shared/time/zonedTime";
import { formatMoney } from "../../shared/ui/format";
import { visitMinutes } from "../../shared/ui/visitLength";
import { useQuote } from "../billing/useQuote";
import { bookingPathFor } from "./bookingLink";
import { isolate } from "../../shared/ui/UserText";

/** How far ahead the profile looks for free times (days), and how many it shows per visit kind. */
const LOOK_AHEAD_DAYS = 14;
const TIMES_PER_KIND = 6;

/**
 * A doctor's next free times per visit kind (video, in person, chat), each with the visit's length and price. A time
 * opens the booking's confirm step with that time picked; a signed-out visitor signs in (or registers) first and comes
 * back to it (the address carries the time, not any patient data).
 */
export function ProfileNextTimes({ doctorId, doctorName }: { doctorId: string; doctorName: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const zone = clock.timeZone();
  const from = today(zone);
  const to = addDays(from, LOOK_AHEAD_DAYS);
  const kinds = useQueries({
    queries: APPOINTMENT_KINDS.map((kind) => ({
      queryKey: ["doctor-slots", doctorId, kind, from, to, zone],
      queryFn: () => schedulingApi.doctorSlots(doctorId, { kind, from, to, timeZone: zone }),
      staleTime: 30_000,
    })),
  });
  const pick = (kind: AppointmentKind, slot: Slot) => void navigate(bookingPathFor(doctorId, kind, slot));

  return (
    <section aria-labelledby="next-times-title" className="stack" data-testid="profile-next-times">
      <h2 id="next-times-title">{t("publicDoctors.nextTimes")}</h2>
      <p className="muted">{t("publicDoctors.timesShownIn", { zone })}</p>
      {APPOINTMENT_KINDS.map((kind, index) => {
        const query = kinds[index]!;
        const slots = (query.data?.slots ?? []).slice(0, TIMES_PER_KIND);
        const minutes = slots[0] ? visitMinutes(slots[0].start, slots[0].end) : 0;
        const headingId = `next-times-${kind}`;
        return (
          <div key={kind} className="stack" data-testid={`next-times-${kind}`} aria-labelledby={headingId} role="group">
            <h3 id={headingId}>{t(`scheduling.kinds.${kind}`)}</h3>
            {minutes > 0 ? (
              <p data-testid={`next-times-${kind}-price`}>
                {/* The server prices the visit at the first time's clinic. */}
                <LengthAndPrice doctorId={doctorId} clinicId={slots[0]!.clinicId} minutes={minutes} />
              </p>
            ) : null}
            {query.isPending ? <p>{t("app.loading")}</p> : null}
            {query.isError ? <p role="alert">{t("publicDoctors.timesUnavailable")}</p> : null}
            {query.data && slots.length === 0 ? <p className="muted">{t("scheduling.noTimeSoon", { count: LOOK_AHEAD_DAYS })}</p> : null}
            {slots.length > 0 ? (
              <ul className="slot-buttons">
                {slots.map((slot) => {
                  const day = formatDayShort(slot.start, zone, i18n.language);
                  const time = formatTime(slot.start, zone, i18n.language);
                  return (
                    <li key={`${slot.start}-${slot.clinicId}`}>
                      <button
                        type="button"
                        className="slot-button"
                        data-start={slot.start}
                        aria-label={t("publicDoctors.pickTime", { day, time, kind: t(`scheduling.kinds.${kind}`), doctor: isolate(doctorName) })}
                        onClick={() => pick(kind, slot)}
                      >
                        {day}, {time}
                      </button>
                    </li>
                  );
                })}
              </ul>
            ) : null}
          </div>
        );
      })}
    </section>
  );
}

/** "Visit: 30 min, 1 950,00 ₽" with the server's price ("…" while it loads), or just the length when it cannot be priced. */
function LengthAndPrice({ doctorId, clinicId, minutes }: { doctorId: string; clinicId: string; minutes: number }) {
  const { t, i18n } = useTranslation();
  const quote = useQuote(doctorId, clinicId, minutes);
  const length = t("scheduling.minutes", { count: minutes });
  if (quote.isError) return <>{length}</>;
  const price = quote.data ? formatMoney(quote.data.amount, i18n.language) : t("billing.quoteLoading");
  return <>{t("publicDoctors.visitLengthAndPrice", { minutes: length, price })}</>;
}
