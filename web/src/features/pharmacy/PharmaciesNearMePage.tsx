import { useRef, useState, type FormEvent } from "react";
import { useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { TextField } from "../../shared/ui/fields";
import { EmptyState, ErrorAlert, Loading } from "../../shared/ui/feedback";
import { ProblemMessage } from "../../shared/ui/ProblemMessage";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { pharmaciesApi, type DispensingStatus } from "./pharmaciesApi";
import { UserSentence, UserText } from "../../shared/ui/UserText";
import { DisabledReason } from "../../shared/ui/DisabledReason";
import { BusyButton } from "../../shared/ui/BusyButton";

/**
 * Pharmacies near the patient, nearest first with the distance; reached as /patient/pharmacies to browse, or as
 * /patient/prescriptions/:id/pharmacy to send that prescription to one (choosing another is allowed until something is
 * handed over). The location comes from the browser when the patient allows it, or from coordinates typed in.
 */
export function PharmaciesNearMePage() {
  const { t } = useTranslation();
  useDocumentTitle("pharmacy.near.title");
  const { id: prescriptionId } = useParams();
  const [lat, setLat] = useState("");
  const [lon, setLon] = useState("");
  const [point, setPoint] = useState<{ lat: number; lon: number } | null>(null);
  const [locating, setLocating] = useState(false);
  const [locationError, setLocationError] = useState(false);
  const [invalid, setInvalid] = useState<{ lat: boolean; lon: boolean }>({ lat: false, lon: false });
  const latRef = useRef<HTMLInputElement>(null);
  const lonRef = useRef<HTMLInputElement>(null);
  const near = useQuery({ queryKey: ["pharmacies", "near", point], queryFn: () => pharmaciesApi.near(point!.lat, point!.lon), enabled: point !== null });
  const status = useQuery({
    queryKey: ["pharmacies", "status", prescriptionId],
    queryFn: () => pharmaciesApi.status(prescriptionId!),
    enabled: !!prescriptionId,
    retry: false,
  });
  const [sent, setSent] = useState<DispensingStatus | null>(null);
  const [sendError, setSendError] = useState<unknown>(null);
  // The pharmacy being sent to: only its button shows it is working, the others wait (one choice at a time).
  const [sendingTo, setSendingTo] = useState<string | null>(null);
  // A double click lands both clicks before the disabled state renders: the second would race the first (409 conflict).
  const sendingNow = useRef(false);
  const current = sent ?? status.data ?? null;

  const useMyLocation = () => {
    setLocationError(false);
    if (!("geolocation" in navigator)) {
      setLocationError(true);
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setLocating(false);
        setLat(p.coords.latitude.toFixed(5));
        setLon(p.coords.longitude.toFixed(5));
        setInvalid({ lat: false, lon: false });
        setPoint({ lat: p.coords.latitude, lon: p.coords.longitude });
      },
      () => {
        setLocating(false);
        setLocationError(true);
      },
      { timeout: 10000 },
    );
  };

  const search = (e: FormEvent) => {
    e.preventDefault();
    const la = Number.parseFloat(lat.replace(",", "."));
    const lo = Number.parseFloat(lon.replace(",", "."));
    // Missing or out-of-range coordinates are said under their field (the search used to do nothing at all).
    const bad = { lat: !(Number.isFinite(la) && Math.abs(la) <= 90), lon: !(Number.isFinite(lo) && Math.abs(lo) <= 180) };
    setInvalid(bad);
    if (bad.lat) latRef.current?.focus();
    else if (bad.lon) lonRef.current?.focus();
    else setPoint({ lat: la, lon: lo });
  };

  const send = async (pharmacyId: string) => {
    if (!prescriptionId || sendingNow.current) return;
    sendingNow.current = true;
    setSendingTo(pharmacyId);
    setSendError(null);
    try {
      setSent(await pharmaciesApi.sendTo(prescriptionId, pharmacyId));
    } catch (err) {
      setSendError(err);
    } finally {
      sendingNow.current = false;
      setSendingTo(null);
    }
  };

  const mayChoose = !current || current.status === "sent" || current.status === "declined";
  const sentTo = (pharmacyId: string) => current?.pharmacyId === pharmacyId && current.status === "sent";
  return (
    <div className="stack">
      <h1>{t(prescriptionId ? "pharmacy.near.sendTitle" : "pharmacy.near.title")}</h1>
      {current ? (
        <p className="alert alert--success" role="status" data-testid="dispensing-status">
          <UserSentence i18nKey={`pharmacy.near.statusLine.${current.status}`} user={{ pharmacy: current.pharmacyName ?? "" }} />
        </p>
      ) : null}
      <section className="card stack" aria-labelledby="where-title">
        <h2 id="where-title">{t("pharmacy.near.where")}</h2>
        <div>
          <BusyButton type="button" className="button" onClick={useMyLocation} busy={locating}>
            {t("pharmacy.near.useLocation")}
          </BusyButton>
        </div>
        {locationError ? <p className="muted" role="status">{t("pharmacy.near.locationDenied")}</p> : null}
        <form className="stack" onSubmit={search} noValidate>
          <TextField
            ref={latRef}
            label={t("pharmacy.near.latitude")}
            hint={t("pharmacy.near.coordinatesHint")}
            inputMode="decimal"
            value={lat}
            error={invalid.lat ? { message: "pharmacy.near.latitudeInvalid" } : undefined}
            onChange={(e) => setLat(e.target.value)}
          />
          <TextField
            ref={lonRef}
            label={t("pharmacy.near.longitude")}
            inputMode="decimal"
            value={lon}
            error={invalid.lon ? { message: "pharmacy.near.longitudeInvalid" } : undefined}
            onChange={(e) => setLon(e.target.value)}
          />
          <div>
            <button type="submit" className="button button--secondary">
              {t("pharmacy.near.search")}
            </button>
          </div>
        </form>
      </section>
      {near.isFetching ? <Loading /> : null}
      <ErrorAlert error={near.error} />
      <ProblemMessage error={sendError} namespace="pharmacy" />
      {near.data && near.data.length === 0 ? <EmptyState>{t("pharmacy.near.none")}</EmptyState> : null}
      {near.data && near.data.length > 0 ? (
        <ul className="plain-list stack" aria-label={t("pharmacy.near.listLabel")}>
          {near.data.map((p) => (
            <li key={p.id} className="card stack" data-testid="nearby-pharmacy">
              <h2 dir="auto">{p.name}</h2>
              <p>
                <UserText>{p.address}</UserText>, <UserText>{p.city}</UserText> · <span data-testid="distance">{t("pharmacy.near.distance", { km: p.distanceKm.toFixed(1) })}</span>
              </p>
              {p.openingHours ? <p className="muted" dir="auto">{p.openingHours}</p> : null}
              {p.phone ? <p><a href={`tel:${p.phone.replace(/[^+\d]/g, "")}`}>{p.phone}</a></p> : null}
              {prescriptionId && mayChoose ? (
                <div>
                  {/* The visible words are the accessible name (WCAG 2.5.3 "label in name"): no aria-label that says something else. */}
                  <BusyButton
                    type="button"
                    className="button"
                    onClick={() => void send(p.id)}
                    busy={sendingTo === p.id}
                    busyLabel={t("pharmacy.near.sending")}
                    disabled={sendingTo !== null || sentTo(p.id)}
                    aria-describedby={sentTo(p.id) ? `sent-here-why-${p.id}` : undefined}
                  >
                    {sentTo(p.id) ? t("pharmacy.near.sentHere") : <UserSentence i18nKey="pharmacy.near.sendHereTo" user={{ name: p.name }} />}
                  </BusyButton>
                  <DisabledReason id={`sent-here-why-${p.id}`} reason={sentTo(p.id) ? t("pharmacy.near.sentHereWhy") : null} testId="sent-here-why" />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

