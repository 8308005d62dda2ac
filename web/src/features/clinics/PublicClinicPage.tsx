import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { clinicsApi, clinicsKeys, pageLanguage, type PublicClinicSection } from "./clinicsApi";
import { ErrorAlert, Loading } from "../../shared/ui/feedback";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { UserText } from "../../shared/ui/UserText";

const SECTIONS = ["services", "visitTypes", "faq", "contacts"] as const;

/** One clinic's public page (/clinics/:id) in the interface language, English where a section is not translated. */
export function PublicClinicPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle("clinicPages.title");
  const { id = "" } = useParams();
  const language = pageLanguage(i18n.language);
  const page = useQuery({ queryKey: clinicsKeys.page(id, language), queryFn: () => clinicsApi.page(id, language) });
  const data = page.data;
  return (
    <div className="stack">
      <p>
        <Link to="/clinics">← {t("clinicPages.back")}</Link>
      </p>
      {page.isPending ? <Loading /> : null}
      <ErrorAlert error={page.error} onRetry={() => void page.refetch()} />
      {data ? (
        <article className="stack clinic-page" data-testid="clinic-page">
          <h1 dir="auto">{data.name}</h1>
          <p className="muted">
            <UserText>{data.address}</UserText>, <UserText>{data.city}</UserText>
          </p>
          {data.phone || data.email || data.openingHours ? (
            <dl className="clinic-page__facts">
              {data.phone ? (
                <>
                  <dt>{t("clinicPages.phone")}</dt>
                  <dd>
                    <a href={`tel:${data.phone.replace(/[^+0-9]/g, "")}`}>{data.phone}</a>
                  </dd>
                </>
              ) : null}
              {data.email ? (
                <>
                  <dt>{t("clinicPages.email")}</dt>
                  <dd>
                    <a href={`mailto:${data.email}`}>{data.email}</a>
                  </dd>
                </>
              ) : null}
              {data.openingHours ? (
                <>
                  <dt>{t("clinicPages.hours")}</dt>
                  <dd dir="auto">{data.openingHours}</dd>
                </>
              ) : null}
            </dl>
          ) : null}
          {SECTIONS.map((s) => (
            <Section key={s} id={s} title={t(`clinicPages.sections.${s}`)} section={data[s]} />
          ))}
          <p>
            <Link className="button" to="/sign-in">
              {t("clinicPages.signIn")}
            </Link>
          </p>
        </article>
      ) : null}
    </div>
  );
}

function Section({ id, title, section }: { id: string; title: string; section: PublicClinicSection }) {
  if (!section.html) return null;
  return (
    <section className="card stack" aria-labelledby={`clinic-${id}`} data-testid={`clinic-section-${id}`}>
      <h2 id={`clinic-${id}`}>{title}</h2>
      {/* Rendered from Markdown and sanitised on the server (Markdig + HtmlSanitizer): no scripts, handlers or javascript: links. */}
      <div className="markdown" dir="auto" lang={section.language} dangerouslySetInnerHTML={{ __html: section.html }} />
    </section>
  );
}
