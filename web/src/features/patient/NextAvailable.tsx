import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { schedulingApi } from "../../shared/api/scheduling";
import { addDays, clock, formatDayShort, formatTime, today } from "../../shared/time/zonedTime";
import { visitMinutes } from "../../shared/ui/visitLength";
import { QuoteFact } from "../billing/QuotePrice";

/** How far ahead a search card looks for the doctor's next free video time (days). */
const LOOK_AHEAD_DAYS = 30;

/**
 * A search card's "next available" video time (in the patient's zone) and the server's price of that visit for its length
 * at that time's clinic — never a price per hour. Rendered inside the card's `<dl>`.
 */
export function NextAvailable({ doctorId }: { doctorId: string }) {
  const { t, i18n } = useTranslation();
  const zone = clock.timeZone();
  const from = today(zone);
  const next = useQuery({
    queryKey: ["next-available", doctorId, from, zone],
    queryFn: () => schedulingApi.slots({ doctorId, kind: "video", from, to: addDays(from, LOOK_AHEAD_DAYS), timeZone: zone, perDoctor: 1, pageSize: 1 }),
    staleTime: 60_000,
  });
  const doctor = next.data?.items[0];
  const slot = doctor?.slots[0];
  const minutes = slot ? visitMinutes(slot.start, slot.end) : 0;
  return (
    <>
      <div>
        <dt>{t("scheduling.nextAvailable")}</dt>
        <dd data-testid="next-available">
          {slot
            ? `${formatDayShort(slot.start, zone, i18n.language)}, ${formatTime(slot.start, zone, i18n.language)}`
            : next.isPending
              ? t("app.loading")
              : t("scheduling.noTimeSoon", { count: LOOK_AHEAD_DAYS })}
        </dd>
      </div>
      {doctor && slot && minutes > 0 ? (
        <QuoteFact doctorId={doctor.doctorId} clinicId={slot.clinicId} minutes={minutes} label={t("scheduling.priceOfVisit", { count: minutes })} className="price" />
      ) : null}
    </>
  );
}
