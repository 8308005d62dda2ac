import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { adminApi, adminKeys } from "./adminApi";
import type { ClinicPageSource } from "./adminTypes";
import { SelectField, TextAreaField } from "../../shared/ui/fields";
import { ErrorAlert, Loading, SuccessMessage } from "../../shared/ui/feedback";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { UserSentence } from "../../shared/ui/UserText";
import { BusyButton } from "../../shared/ui/BusyButton";

export const PAGE_SECTIONS = ["services", "visitTypes", "faq", "contacts"] as const;
type Section = (typeof PAGE_SECTIONS)[number];
type Draft = Record<Section, string>;

const draftOf = (page: ClinicPageSource | undefined): Draft => ({
  services: page?.services ?? "",
  visitTypes: page?.visitTypes ?? "",
  faq: page?.faq ?? "",
  contacts: page?.contacts ?? "",
});

/** The admin's editor of one clinic's public page, per language: Markdown sections, a preview as visitors will see it, save. */
export function AdminClinicPagesPage() {
  const { t } = useTranslation();
  useDocumentTitle("administration.pages.title");
  const { id = "" } = useParams();
  const [language, setLanguage] = useState<"en" | "ru">("en");
  const pages = useQuery({ queryKey: adminKeys.clinicPages(id), queryFn: () => adminApi.clinicPages(id) });
  const clinic = useQuery({ queryKey: adminKeys.adminClinic(id), queryFn: () => adminApi.adminClinic(id) });
  const page = pages.data?.find((p) => p.language === language);
  return (
    <div className="stack">
      <p>
        <Link to={`/admin/clinics/${encodeURIComponent(id)}`}>← {t("administration.pages.back")}</Link>
      </p>
      <h1>
        <UserSentence i18nKey="administration.pages.heading" user={{ name: clinic.data?.name ?? "" }} />
      </h1>
      <p className="muted">{t("administration.pages.intro")}</p>
      <p>
        <Link to={`/clinics/${encodeURIComponent(id)}`}>{t("administration.pages.viewPublic")}</Link>
      </p>
      <SelectField
        label={t("administration.pages.language")}
        value={language}
        onChange={(e) => setLanguage(e.target.value as "en" | "ru")}
        options={[
          { value: "en", label: "English" },
          { value: "ru", label: "Русский" },
        ]}
      />
      {pages.isPending ? <Loading /> : null}
      <ErrorAlert error={pages.error} onRetry={() => void pages.refetch()} />
      {pages.data ? <PageForm key={language} clinicId={id} language={language} initial={draftOf(page)} /> : null}
    </div>
  );
}

function PageForm({ clinicId, language, initial }: { clinicId: string; language: "en" | "ru"; initial: Draft }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(initial);
  const [preview, setPreview] = useState<Record<Section, string> | null>(null);
  const save = useMutation({
    mutationFn: () => adminApi.saveClinicPage(clinicId, language, draft),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: adminKeys.clinicPages(clinicId) }),
  });
  const render = useMutation({
    mutationFn: async () => {
      const rendered = await Promise.all(PAGE_SECTIONS.map((s) => adminApi.previewMarkdown(draft[s])));
      return Object.fromEntries(PAGE_SECTIONS.map((s, i) => [s, rendered[i]!.html])) as Record<Section, string>;
    },
    onSuccess: setPreview,
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const lang = language === "ru" ? "ru" : "en";
  return (
    <>
      <form className="card stack" aria-label={t("administration.pages.formLabel")} onSubmit={onSubmit} noValidate>
        {PAGE_SECTIONS.map((section) => (
          <TextAreaField
            key={section}
            dir="auto"
            label={t(`administration.pages.sections.${section}`)}
            hint={t("administration.pages.markdownHint")}
            rows={8}
            lang={lang}
            value={draft[section]}
            onChange={(e) => {
              setDraft((d) => ({ ...d, [section]: e.target.value }));
              save.reset();
            }}
          />
        ))}
        <ErrorAlert error={save.error ?? render.error} />
        {save.isSuccess ? <SuccessMessage>{t("administration.pages.saved")}</SuccessMessage> : null}
        <div className="button-row">
          <BusyButton type="button" className="button button--secondary" onClick={() => render.mutate()} busy={render.isPending}>
            {t("administration.pages.preview")}
          </BusyButton>
          <BusyButton type="submit" className="button" busy={save.isPending}>
            {t("app.save")}
          </BusyButton>
        </div>
      </form>
      {preview ? (
        <section className="card stack" aria-labelledby="page-preview-title" data-testid="page-preview" lang={lang}>
          <h2 id="page-preview-title">{t("administration.pages.previewTitle")}</h2>
          {PAGE_SECTIONS.map((section) =>
            preview[section] ? (
              <div key={section} className="clinic-page__section">
                <h3>{t(`administration.pages.sections.${section}`)}</h3>
                {/* Sanitised by the server (Markdig + HtmlSanitizer): the same HTML visitors get. */}
                <div className="markdown" dangerouslySetInnerHTML={{ __html: preview[section] }} />
              </div>
            ) : null,
          )}
        </section>
      ) : null}
    </>
  );
}
