import { useTranslation } from "react-i18next";

export function pageCount(total: number, pageSize: number): number {
  if (pageSize <= 0) return 1;
  return Math.max(1, Math.ceil(total / pageSize));
}

export function Pager({
  page,
  pageSize,
  total,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  const pages = pageCount(total, pageSize);
  return (
    <nav className="pager" aria-label={t("app.pageOf", { page, pages })}>
      <button type="button" className="button button--secondary button--small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t("app.previous")}
      </button>
      <span className="pager__status">
        {t("app.pageOf", { page, pages })} · {t("app.totalResults", { count: total })}
      </span>
      <button
        type="button"
        className="button button--secondary button--small"
        disabled={page >= pages}
        onClick={() => onPage(page + 1)}
      >
        {t("app.next")}
      </button>
    </nav>
  );
}
