import { useId, useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { EmptyState, Loading } from "../../shared/ui/feedback";
import { formatDateTime } from "../../shared/ui/format";
import { Pager } from "../../shared/ui/Pager";
import { useSpecialties } from "../patient/useSpecialties";
import { RecordProblem } from "./RecordProblem";
import { recordApi, recordKeys, TIMELINE_KINDS, type TimelineEntry, type TimelineFilter } from "./recordApi";
import { linkFor, parseFlagSummary, type RecordViewer } from "./timelineLinks";
import { UserText } from "../../shared/ui/UserText";

const PAGE_SIZE = 10;

/**
 * The record timeline with its filters (kinds, a date range) and paging, for the patient (or a guardian, a dependant's) or a doctor. A doctor who reads it
 * through break-glass sees a banner saying so. 404 (no care relationship) reads as "no access".
 */
export function TimelineSection({ viewer }: { viewer: RecordViewer }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [filter, setFilter] = useState<TimelineFilter>({ kinds: [], from: "", to: "", page: 1, pageSize: PAGE_SIZE });
  const timeline = useQuery({
    queryKey: viewer.kind === "patient" ? recordKeys.myTimeline(filter, viewer.patientId) : recordKeys.patientTimeline(viewer.patientId, filter),
    queryFn: () => (viewer.kind === "patient" ? recordApi.myTimeline(filter, viewer.patientId) : recordApi.patientTimeline(viewer.patientId, filter)),
    placeholderData: keepPreviousData,
  });
  const toggleKind = (kind: string, on: boolean) =>
    setFilter((f) => ({ ...f, page: 1, kinds: on ? [...f.kinds, kind] : f.kinds.filter((k) => k !== kind) }));
  const data = timeline.data;
  // A consultation's title is its specialty's code: shown by name in the reader's language.
  const { nameOf } = useSpecialties();

  return (
    <section className="card stack" aria-labelledby={headingId} data-testid="record-timeline">
      <h2 id={headingId}>{t("record.timeline.title")}</h2>
      {data?.breakGlass ? (
        <p className="alert alert--warning" role="status" data-testid="break-glass-banner">
          {t("record.timeline.breakGlass")}
        </p>
      ) : null}
      <fieldset className="record-filter">
        <legend>{t("record.timeline.kinds")}</legend>
        <div className="record-filter__kinds">
          {TIMELINE_KINDS.map((kind) => (
            <label key={kind} className="checkbox">
              <input type="checkbox" checked={filter.kinds.includes(kind)} onChange={(e) => toggleKind(kind, e.target.checked)} />
              {t(`record.kinds.${kind}`)}
            </label>
          ))}
        </div>
        <div className="record-filter__dates">
          <label className="field">
            <span>{t("record.timeline.from")}</span>
            <input type="date" className="input" value={filter.from} onChange={(e) => setFilter((f) => ({ ...f, page: 1, from: e.target.value }))} />
          </label>
          <label className="field">
            <span>{t("record.timeline.to")}</span>
            <input type="date" className="input" value={filter.to} onChange={(e) => setFilter((f) => ({ ...f, page: 1, to: e.target.value }))} />
          </label>
        </div>
      </fieldset>
      {timeline.isPending ? <Loading /> : null}
      <RecordProblem error={timeline.error} onRetry={() => void timeline.refetch()} />
      {data && data.items.length === 0 ? <EmptyState>{t("record.timeline.none")}</EmptyState> : null}
      {data && data.items.length > 0 ? (
        <>
          <ol className="record-timeline" data-testid="timeline-items">
            {data.items.map((entry) => (
              <TimelineItem
                key={`${entry.kind}-${entry.id}-${entry.title}`}
                entry={entry.kind === "consultation" && entry.title ? { ...entry, title: nameOf(entry.title) } : entry}
                viewer={viewer}
              />
            ))}
          </ol>
          <Pager page={Number(data.page)} pageSize={Number(data.pageSize)} total={Number(data.total)} onPage={(page) => setFilter((f) => ({ ...f, page }))} />
        </>
      ) : null}
    </section>
  );
}

function TimelineItem({ entry, viewer }: { entry: TimelineEntry; viewer: RecordViewer }) {
  const { t, i18n } = useTranslation();
  const link = linkFor(entry, viewer);
  const title = entry.title || t(`record.kinds.${entry.kind}`, { defaultValue: entry.kind });
  return (
    <li className="record-timeline__item" data-kind={entry.kind} data-testid="timeline-item">
      <p className="record-timeline__meta">
        <span className="badge">{t(`record.kinds.${entry.kind}`, { defaultValue: entry.kind })}</span>{" "}
        <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt, i18n.language)}</time>{" "}
        <span className="muted">{t(`record.status.${entry.status}`, { defaultValue: entry.status })}</span>
      </p>
      <p className="record-timeline__title">
        {link ? (
          link.download ? (
            <a href={link.to} download>
              <UserText>{title}</UserText>
            </a>
          ) : (
            <Link to={link.to}>
              <UserText>{title}</UserText>
            </Link>
          )
        ) : (
          <UserText>{title}</UserText>
        )}
      </p>
      <Detail entry={entry} />
    </li>
  );
}

/** The detail line: a lab result's flag counts in words, a document's type, a diagnosis's role, else the text as sent. */
function Detail({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation();
  if (!entry.detail) return null;
  if (entry.kind === "lab_result") {
    const flags = parseFlagSummary(entry.detail);
    if (flags.length === 0) return null;
    return <p className="muted">{flags.map(([flag, count]) => t(`record.flags.${flag}`, { count })).join(", ")}</p>;
  }
  if (entry.kind === "document") return <p className="muted">{t(`record.types.${entry.detail}`, { defaultValue: entry.detail })}</p>;
  // A diagnosis's detail is its role in the protocol (primary, secondary).
  if (entry.kind === "diagnosis") return <p className="muted">{t(`record.status.${entry.detail}`, { defaultValue: entry.detail })}</p>;
  return (
    <p className="muted" dir="auto">
      {entry.detail}
    </p>
  );
}
