import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { EmptyState, ErrorAlert, Loading } from "../../shared/ui/feedback";
import { formatDateTime } from "../../shared/ui/format";
import { ProblemMessage } from "../../shared/ui/ProblemMessage";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { LabValuesTable } from "./LabFlag";
import { TrendChart } from "./TrendChart";
import { labKeys, labsApi, type LabOrder } from "./labsApi";
import { UserText, isolate } from "../../shared/ui/UserText";
import { DisabledReason } from "../../shared/ui/DisabledReason";
import { BusyButton } from "../../shared/ui/BusyButton";
import { ForDependant } from "../../shared/ui/ForDependant";

/** The patient's labs: orders waiting for a lab choice, then released results with flags, the doctor's note and a trend chart. */
export function PatientLabResultsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle("labs.patient.title");
  const lang = i18n.language;
  const orders = useQuery({ queryKey: labKeys.myOrders, queryFn: () => labsApi.myOrders(lang) });
  const results = useQuery({ queryKey: labKeys.myResults, queryFn: () => labsApi.myResults(lang) });
  // The trend of one test for the patient of the report it was opened from (a dependant's report: the child's series).
  const [trendOf, setTrendOf] = useState<{ code: string; patientId?: string } | null>(null);
  const trendCode = trendOf?.code ?? null;
  const trend = useQuery({
    queryKey: labKeys.myTrend(trendOf?.code ?? "", trendOf?.patientId),
    queryFn: () => labsApi.myTrend(trendOf!.code, lang, trendOf!.patientId),
    enabled: trendOf !== null,
  });
  const waiting = (orders.data ?? []).filter((o) => o.status === "awaitingLab" && !o.partnerLabId);
  return (
    <div className="stack">
      <h1>{t("labs.patient.title")}</h1>
      {waiting.map((o) => (
        <ChooseLabCard key={o.id} order={o} />
      ))}
      {results.isPending ? <Loading /> : null}
      <ErrorAlert error={results.error} onRetry={() => void results.refetch()} />
      {results.data && results.data.length === 0 ? <EmptyState>{t("labs.patient.none")}</EmptyState> : null}
      {results.data?.map((r) => (
        <article key={r.id} className="card stack" aria-labelledby={`report-${r.id}`}>
          <h2 id={`report-${r.id}`}>{t("labs.patient.report", { when: formatDateTime(r.issuedAt, lang) })}</h2>
          <ForDependant name={r.patientName} />
          {r.criticalCount > 0 ? <p className="alert alert--error">{t("labs.patient.critical")}</p> : null}
          {r.doctorNote ? (
            <p>
              <strong>{t("labs.patient.note")}</strong> <UserText>{r.doctorNote}</UserText>
            </p>
          ) : null}
          <LabValuesTable values={r.values} onTrend={(code) => setTrendOf({ code, patientId: r.patientName ? r.patientId : undefined })} />
          <p className="muted">{t("labs.patient.trendHint")}</p>
        </article>
      ))}
      {trendCode && trend.data ? (
        <section className="card" aria-label={t("labs.trend.title", { name: isolate(trend.data.name) })}>
          <TrendChart trend={trend.data} />
        </section>
      ) : null}
    </div>
  );
}

function ChooseLabCard({ order }: { order: LabOrder }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const labs = useQuery({ queryKey: labKeys.labsFor(order.id), queryFn: () => labsApi.labsFor(order.id) });
  const [labId, setLabId] = useState("");
  const whyId = useId();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const choose = async () => {
    setBusy(true);
    setError(null);
    try {
      await labsApi.chooseLab(order.id, labId, i18n.language);
      await queryClient.invalidateQueries({ queryKey: labKeys.myOrders });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card stack" aria-labelledby={`order-${order.id}`}>
      <h2 id={`order-${order.id}`}>{t("labs.patient.chooseTitle")}</h2>
      <ForDependant name={order.patientName} />
      <p>{order.tests.map((x) => x.name).join(", ")}</p>
      <label className="field">
        <span className="field__label">{t("labs.patient.lab")}</span>
        <select className="input" value={labId} onChange={(e) => setLabId(e.target.value)}>
          <option value="">{t("labs.patient.pickLab")}</option>
          {labs.data?.map((l) => (
            <option key={l.id} value={l.id}>
              {`${isolate(l.name)} — ${isolate(l.address)}`}
            </option>
          ))}
        </select>
      </label>
      <ProblemMessage error={error} />
      <div>
        <BusyButton type="button" className="button" busy={busy} disabled={!labId} aria-describedby={labId ? undefined : `${whyId}`} onClick={() => void choose()}>
          {t("labs.patient.send")}
        </BusyButton>
        <DisabledReason id={whyId} reason={labId ? null : t("labs.patient.sendWhy")} />
      </div>
    </section>
  );
}
