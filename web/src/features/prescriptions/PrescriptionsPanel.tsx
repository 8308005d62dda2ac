import { useEffect, useRef, useState, type FormEvent, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TextField } from "../../shared/ui/fields";
import { ProblemMessage } from "../../shared/ui/ProblemMessage";
import { prescriptionsApi, prescriptionsKeys, type FormularyMatch, type PrescriptionFinding, type PrescriptionView } from "./prescriptionsApi";
import { Form } from "../../shared/ui/Form";
import { UserSentence, isolate } from "../../shared/ui/UserText";
import { BusyButton } from "../../shared/ui/BusyButton";
import { useRequestKey } from "../../shared/api/requestKey";

/**
 * Doctor, during or after a consultation: the consultation's prescriptions and a step-by-step form — medicine from the
 * formulary, dose, route, frequency, duration, quantity, refills. The server's checks come back as findings with their
 * source; a warning may be overridden with a reason, a hard stop may not; signing is offered once nothing is open. A draft or a
 * signed prescription may be withdrawn with a reason (a hard stop leaves no other way out of a draft).
 */
export function PrescriptionsPanel({ consultationId }: { consultationId: string }) {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: prescriptionsKeys.list(consultationId), queryFn: () => prescriptionsApi.list(consultationId) });
  const items = list.data ?? [];

  return (
    <section className="call-panel" data-testid="prescriptions-panel" aria-labelledby="prescriptions-title">
      <h2 id="prescriptions-title">{t("prescriptions.title")}</h2>
      {items.length === 0 ? <p>{t("prescriptions.none")}</p> : null}
      <ul className="prescriptions">
        {items.map((p) => (
          <PrescriptionItem key={p.id} consultationId={consultationId} prescription={p} />
        ))}
      </ul>
      <NewPrescriptionForm consultationId={consultationId} />
    </section>
  );
}

/**
 * Runs `start` unless the previous run is still going: a double click lands both clicks before React renders the pending
 * state (TanStack Query tells its observers on the next tick), so `disabled={isPending}` alone lets the second through.
 */
function runOnce(busy: RefObject<boolean>, start: (done: () => void) => void): void {
  if (busy.current) return;
  busy.current = true;
  start(() => {
    busy.current = false;
  });
}

function PrescriptionItem({ consultationId, prescription: p }: { consultationId: string; prescription: PrescriptionView }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: prescriptionsKeys.list(consultationId) });
  const signing = useRef(false);
  const sign = useMutation({ mutationFn: () => prescriptionsApi.sign(consultationId, p.id, p.version), onSuccess: refresh });
  const [withdrawing, setWithdrawing] = useState(false);
  const open = new Set(p.openFindings.map((f) => f.code));
  const withdrawable = p.status === "draft" || p.status === "active";

  return (
    <li data-testid="prescription" data-status={p.status}>
      <p>
        <strong>{p.medicineName}</strong> — {t(`prescriptions.status.${p.status}`)}
      </p>
      <p dir="auto">{p.dosageText}</p>
      {p.findings.length > 0 ? (
        <ul className="prescription-findings">
          {p.findings.map((f) => (
            <FindingItem key={f.code} consultationId={consultationId} prescription={p} finding={f} open={open.has(f.code)} onDone={refresh} />
          ))}
        </ul>
      ) : null}
      {p.status === "active" && p.verificationCode ? <p>{t("prescriptions.signedCode", { code: p.verificationCode })}</p> : null}
      <div className="button-row">
        {p.status === "draft" && p.openFindings.length === 0 ? (
          <BusyButton type="button" className="button" busy={sign.isPending} onClick={() => runOnce(signing, (done) => sign.mutate(undefined, { onSettled: done }))}>
            {t("prescriptions.sign")}
          </BusyButton>
        ) : null}
        {withdrawable && !withdrawing ? (
          <button type="button" className="button button--secondary" onClick={() => setWithdrawing(true)}>
            {t("prescriptions.withdraw")}
          </button>
        ) : null}
      </div>
      <ProblemMessage error={sign.isError ? sign.error : null} namespace="clinical" />
      {withdrawing && withdrawable ? (
        <WithdrawForm consultationId={consultationId} prescription={p} onDone={() => void refresh()} onClose={() => setWithdrawing(false)} />
      ) : null}
    </li>
  );
}

function WithdrawForm({ consultationId, prescription, onDone, onClose }: {
  consultationId: string;
  prescription: PrescriptionView;
  onDone: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const field = useRef<HTMLInputElement>(null);
  const busy = useRef(false);
  useEffect(() => field.current?.focus(), []);
  const cancel = useMutation({
    mutationFn: () => prescriptionsApi.cancel(consultationId, prescription.id, reason.trim()),
    onSuccess: () => {
      onDone();
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    runOnce(busy, (done) => cancel.mutate(undefined, { onSettled: done }));
  };
  return (
    <Form className="stack sub-panel" onSubmit={submit} aria-label={t("prescriptions.withdraw")}>
      <TextField ref={field} dir="auto" label={t("prescriptions.withdrawReason")} value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} maxLength={500} />
      <ProblemMessage error={cancel.isError ? cancel.error : null} namespace="clinical" />
      <div className="button-row">
        <BusyButton type="submit" className="button button--danger" busy={cancel.isPending}>
          {t("prescriptions.withdrawConfirm")}
        </BusyButton>
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t("prescriptions.withdrawKeep")}
        </button>
      </div>
    </Form>
  );
}

function FindingItem({ consultationId, prescription, finding, open, onDone }: {
  consultationId: string;
  prescription: PrescriptionView;
  finding: PrescriptionFinding;
  open: boolean;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const given = prescription.overrides.find((o) => o.code === finding.code);
  const busy = useRef(false);
  const override = useMutation({
    mutationFn: () => prescriptionsApi.override(consultationId, prescription.id, finding.code, reason, prescription.version),
    onSuccess: onDone,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    runOnce(busy, (done) => override.mutate(undefined, { onSettled: done }));
  };

  return (
    <li data-finding={finding.code} data-severity={finding.severity}>
      <p>
        <span className={`badge finding-badge finding-badge--${finding.severity}`}>{t(`prescriptions.severity.${finding.severity}`)}</span>{" "}
        {t(`prescriptions.findings.${finding.code}`, { defaultValue: finding.code })}: {finding.message}
      </p>
      <p className="finding-source">{t("prescriptions.source", { source: finding.source })}</p>
      {given ? (
        <p>
          {given.reasonCode ? (
            t("prescriptions.overridden", { reason: t(`prescriptions.overrideReasons.${given.reasonCode}`, { defaultValue: given.reason }) })
          ) : (
            <UserSentence i18nKey="prescriptions.overridden" user={{ reason: given.reason }} />
          )}
        </p>
      ) : null}
      {open && finding.severity === "warning" && prescription.status === "draft" ? (
        <Form onSubmit={submit}>
          <TextField dir="auto" label={t("prescriptions.overrideReason")} value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} maxLength={500} />
          <BusyButton type="submit" className="button button--secondary" busy={override.isPending}>
            {t("prescriptions.override")}
          </BusyButton>
          <ProblemMessage error={override.isError ? override.error : null} namespace="clinical" />
        </Form>
      ) : null}
    </li>
  );
}

function NewPrescriptionForm({ consultationId }: { consultationId: string }) {
  const { t } = useTranslation();
  const busy = useRef(false);
  const client = useQueryClient();
  const [query, setQuery] = useState("");
  const [medicine, setMedicine] = useState<FormularyMatch | null>(null);
  const [dose, setDose] = useState("");
  const [timesPerDay, setTimesPerDay] = useState("1");
  const [durationDays, setDurationDays] = useState("7");
  const [quantity, setQuantity] = useState("");
  const [refills, setRefills] = useState("0");
  const [instructions, setInstructions] = useState("");
  const search = useQuery({
    queryKey: prescriptionsKeys.formulary(query.trim()),
    queryFn: () => prescriptionsApi.searchFormulary(query.trim()),
    enabled: query.trim().length >= 2 && medicine === null,
  });
  // One key per content until it is written: the same prescription sent again after an error or a lost answer writes one draft.
  const draftKey = useRequestKey();
  const create = useMutation({
    mutationFn: () => {
      const input = {
        medicineCode: medicine!.code,
        dose: Number(dose),
        route: medicine!.route,
        timesPerDay: Number(timesPerDay),
        durationDays: Number(durationDays),
        quantity: Number(quantity),
        refills: Number(refills),
        instructions,
      };
      return prescriptionsApi.create(consultationId, input, draftKey.keyFor(JSON.stringify(input)));
    },
    onSuccess: () => {
      draftKey.done();
      setMedicine(null);
      setQuery("");
      return client.invalidateQueries({ queryKey: prescriptionsKeys.list(consultationId) });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (medicine) runOnce(busy, (done) => create.mutate(undefined, { onSettled: done }));
  };

  return (
    <Form onSubmit={submit} aria-labelledby="new-prescription-title" data-testid="new-prescription">
      <h3 id="new-prescription-title">{t("prescriptions.newTitle")}</h3>
      {medicine ? (
        <p>
          <UserSentence i18nKey="prescriptions.chosen" user={{ name: medicine.nameText }} />{" "}
          <span className="finding-source">{t("prescriptions.source", { source: medicine.source })}</span>
        </p>
      ) : (
        <>
          <TextField dir="auto" label={t("prescriptions.search")} hint={t("prescriptions.searchHint")} value={query} onChange={(e) => setQuery(e.target.value)} />
          <ul className="formulary-matches">
            {(search.data ?? []).map((m) => (
              <li key={m.code}>
                <button type="button" className="button button--link" onClick={() => setMedicine(m)} aria-label={t("prescriptions.choose", { name: isolate(m.nameText) })}>
                  {m.nameText}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {medicine ? (
        <>
          <TextField label={t("prescriptions.dose", { unit: medicine.doseUnitText })} type="number" min="0" step="any" value={dose} onChange={(e) => setDose(e.target.value)} required />
          <TextField label={t("prescriptions.route")} value={medicine.routeText} readOnly />
          <TextField label={t("prescriptions.timesPerDay")} type="number" min="1" max="24" value={timesPerDay} onChange={(e) => setTimesPerDay(e.target.value)} required />
          <TextField label={t("prescriptions.durationDays")} type="number" min="1" max="365" value={durationDays} onChange={(e) => setDurationDays(e.target.value)} required />
          <TextField label={t("prescriptions.quantity", { unit: medicine.dispenseUnitText })} type="number" min="1" value={quantity} onChange={(e) => setQuantity(e.target.value)} required />
          <TextField label={t("prescriptions.refills")} type="number" min="0" max="12" value={refills} onChange={(e) => setRefills(e.target.value)} required />
          <TextField dir="auto" label={t("prescriptions.instructions")} value={instructions} maxLength={500} onChange={(e) => setInstructions(e.target.value)} />
          <BusyButton type="submit" className="button" busy={create.isPending}>
            {t("prescriptions.check")}
          </BusyButton>
        </>
      ) : null}
      <ProblemMessage error={create.isError ? create.error : null} namespace="clinical" />
    </Form>
  );
}
