import { useEffect, useState } from "react";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useQueryClient } from "@tanstack/react-query";
import type { Slot } from "../../shared/api/scheduling";
import type { Money } from "../../shared/api/types";
import { BookingConfirmation, type PickedSlot } from "./BookingConfirmation";

/** Pick a slot → confirmation step → the appointment page; a taken slot sends the user back with a message. */
export function useBookingFlow({ basePath, patientId }: { basePath: string; patientId?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [picked, setPicked] = useState<PickedSlot | null>(null);
  const [taken, setTaken] = useState(false);
  const [returnTo, setReturnTo] = useState<string | null>(null);

  // Back from the confirmation step: put the keyboard focus on the slot that was picked.
  useEffect(() => {
    if (picked || !returnTo) return;
    document.querySelector<HTMLButtonElement>(`button[data-start="${returnTo}"]`)?.focus();
    setReturnTo(null);
  }, [picked, returnTo]);

  const pick = (doctorId: string, doctorName: string, slot: Slot, hourlyRate?: Money, specialties?: string[]) => {
    setTaken(false);
    setPicked({ doctorId, doctorName, slot, hourlyRate, specialties });
  };

  const confirmation = picked ? (
    <BookingConfirmation
      key={`${picked.doctorId}|${picked.slot.start}|${picked.slot.clinicId}|${picked.slot.kind}`}
      picked={picked}
      patientId={patientId}
      onBack={() => {
        setReturnTo(picked.slot.start);
        setPicked(null);
      }}
      onTaken={() => {
        setPicked(null);
        setTaken(true);
        void queryClient.invalidateQueries({ queryKey: ["slots"] });
        void queryClient.invalidateQueries({ queryKey: ["doctor-slots"] });
      }}
      onBooked={(appointment) => {
        queryClient.setQueryData(["appointment", appointment.id], appointment);
        void queryClient.invalidateQueries({ queryKey: ["my-appointments"] });
        void queryClient.invalidateQueries({ queryKey: ["slots"] });
        void queryClient.invalidateQueries({ queryKey: ["doctor-slots"] });
        void navigate(`${basePath}/appointments/${encodeURIComponent(appointment.id)}`, { state: { booked: true } });
      }}
    />
  ) : null;

  const notice = taken ? (
    <div className="alert alert--warning" role="alert" data-testid="slot-taken">
      <p>{t("scheduling.slotTaken")}</p>
    </div>
  ) : null;

  return { pick, confirmation, notice, picking: picked !== null };
}
