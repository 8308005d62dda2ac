import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ErrorAlert } from "../../shared/ui/feedback";
import { formatDateTime } from "../../shared/ui/format";
import { ProblemMessage } from "../../shared/ui/ProblemMessage";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { labKeys, labsApi } from "./labsApi";
import { UserText } from "../../shared/ui/UserText";
import { DisabledReason } from "../../shared/ui/DisabledReason";
import { BusyButton } from "../../shared/ui/BusyButton";
import { useRequestKey } from "../../shared/api/requestKey";

/** The consultation's doctor orders tests from the LOINC catalogue (search, tick, order) and sees the consultation's orders. */
export function LabOrderPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle("labs.order.title");
  const { id = "" } = useParams();
  const lang = i18n.language;
  const queryClient = useQueryClient();
  const [q, setQ] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [ordering, setOrdering] = useState(false);
  // A double click lands both clicks before the disabled state renders: without this the same tests were ordered twice.
  const orderingNow = useRef(false);
  // One key per set of tests until it is ordered: the same tests sent again after an error or a lost answer place no second order.
  const orderKey = useRequestKey();
  const catalogue = useQuery({ queryKey: labKeys.catalogue(q, lang), queryFn: () => labsApi.catalogue(q, lang) });
  const orders = useQuery({ queryKey: labKeys.consultationOrders(id), queryFn: () => labsApi.consultationOrders(id, lang) });
  const toggle = (code: string) => setChosen((c) => (c.includes(code) ? c.filter((x) => x !== code) : [...c, code]));
  const order = async () => {
    if (orderingNow.current) return;
    orderingNow.current = true;
    setOrdering(true);
    setError(null);
    setDone(false);
    try {
      await labsApi.order(id, chosen, lang, orderKey.keyFor([...chosen].sort().join(",")));
      orderKey.done();
      setChosen([]);
      setDone(true);
      await queryClient.invalidateQueries({ queryKey: labKeys.consultationOrders(id) });
    } catch (e) {
      setError(e);
    } finally {
      orderingNow.current = false;
      setOrdering(false);
    }
  };
  return (
    <div className="stack">
      <h1>{t("labs.order.title")}</h1>
      <label className="field">
        <span className="field__label">{t("labs.order.search")}</span>
        <input className="input" type="search" dir="auto" value={q} onChange={(e) => setQ(e.target.value)} />
      </label>
      <ErrorAlert error={catalogue.error} onRetry={() => void catalogue.refetch()} />
      <fieldset className="stack">
        <legend>{t("labs.order.tests")}</legend>
        {catalogue.data?.items.map((item) => (
          <label key={item.loincCode} className="checkbox">
            <input type="checkbox" checked={chosen.includes(item.loincCode)} onChange={() => toggle(item.loincCode)} />
            {item.name} ({item.loincCode}){item.isPanel ? ` · ${t("labs.order.panel")}` : ""}
          </label>
        ))}
      </fieldset>
      {catalogue.data ? <p className="muted">{t("labs.order.source", { source: catalogue.data.source })}</p> : null}
      <ProblemMessage error={error} />
      {done ? <p role="status">{t("labs.order.done")}</p> : null}
      <div>
        <BusyButton type="button" className="button" busy={ordering} disabled={chosen.length === 0} aria-describedby={chosen.length === 0 ? "lab-order-why" : undefined} onClick={() => void order()}>
          {t("labs.order.submit", { count: chosen.length })}
        </BusyButton>
        <DisabledReason id="lab-order-why" reason={chosen.length === 0 ? t("labs.order.submitWhy") : null} />
      </div>
      <section className="card stack" aria-labelledby="consultation-orders">
        <h2 id="consultation-orders">{t("labs.order.existing")}</h2>
        <ul className="plain-list">
          {orders.data?.map((o) => (
            <li key={o.id}>
              {o.tests.map((x) => x.name).join(", ")} · {t(`labs.status.${o.status}`, { defaultValue: o.status })} · {formatDateTime(o.orderedAt, lang)}
              {o.partnerLabName ? (
                <>
                  {" · "}
                  <UserText>{o.partnerLabName}</UserText>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
