import { useId, useState, type ChangeEvent, type Dispatch, type SetStateAction } from "react";
import { useTranslation } from "react-i18next";
import { consultationsApi, MAX_PHOTOS, type Attachment } from "../../shared/api/consultations";
import { useProblemText } from "../../shared/ui/problemText";
import { UserSentence, isolate } from "../../shared/ui/UserText";

export interface PhotoItem {
  key: string;
  name: string;
  status: "uploading" | "done" | "failed";
  attachment?: Attachment;
  error?: unknown;
}

export const PHOTO_TYPES = "image/jpeg,image/png,image/webp";

let nextKey = 0;

/** Photos for the complaint: each file is uploaded at once (POST /attachments) and shown as a thumbnail. */
export function PhotoUpload({ items, setItems }: { items: PhotoItem[]; setItems: Dispatch<SetStateAction<PhotoItem[]>> }) {
  const { t, i18n } = useTranslation();
  const problemText = useProblemText("consultations");
  const inputId = useId();
  const hintId = useId();
  const [limitHit, setLimitHit] = useState(false);
  const kept = items.filter((i) => i.status !== "failed");
  const full = kept.length >= MAX_PHOTOS;

  const onFiles = (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []);
    event.target.value = "";
    if (files.length === 0) return;
    const room = Math.max(0, MAX_PHOTOS - kept.length);
    const taken = files.slice(0, room);
    setLimitHit(files.length > room);
    const added = taken.map((file) => ({ file, item: { key: `photo-${++nextKey}`, name: file.name, status: "uploading" as const } }));
    setItems((old) => [...old.filter((i) => i.status !== "failed"), ...added.map((a) => a.item)]);
    for (const { file, item } of added) {
      consultationsApi
        .uploadAttachment(file, i18n.language)
        .then((attachment) =>
          setItems((old) => old.map((i) => (i.key === item.key ? { ...i, status: "done", attachment } : i))),
        )
        .catch((error: unknown) => setItems((old) => old.map((i) => (i.key === item.key ? { ...i, status: "failed", error } : i))));
    }
  };

  const remove = (key: string) => {
    setLimitHit(false);
    setItems((old) => old.filter((i) => i.key !== key));
  };

  return (
    <fieldset className="complaint-section photo-upload">
      <legend>{t("consultations.photos.label")}</legend>
      <p className="field-hint" id={hintId}>
        {t("consultations.photos.hint", { max: MAX_PHOTOS })}
      </p>
      <div className="photo-upload__picker">
        <label htmlFor={inputId} className={`button button--secondary${full ? " button--disabled" : ""}`}>
          {t("consultations.photos.add")}
        </label>
        <input
          id={inputId}
          className="photo-upload__input"
          type="file"
          accept={PHOTO_TYPES}
          multiple
          disabled={full}
          aria-describedby={hintId}
          onChange={onFiles}
        />
        <span className="photo-upload__count" aria-live="polite">
          {t("consultations.photos.count", { count: kept.length, max: MAX_PHOTOS })}
        </span>
      </div>
      {limitHit ? (
        <p className="field-error" role="alert">
          {t("consultations.photos.limit", { max: MAX_PHOTOS })}
        </p>
      ) : null}
      {items.some((i) => i.status === "failed") ? (
        <div className="alert alert--error" role="alert" data-testid="photo-errors">
          <ul className="alert__list">
            {items
              .filter((i) => i.status === "failed")
              .map((i) => {
                const { message, detail } = problemText.describe(i.error, "attachment");
                return (
                  <li key={i.key}>
                    <strong>
                      <UserSentence i18nKey="consultations.photos.failed" user={{ name: i.name }} />
                    </strong> {message}
                    {detail ? ` ${detail}` : null}
                    <button type="button" className="chip__remove" aria-label={t("app.removeItem", { item: isolate(i.name) })} onClick={() => remove(i.key)}>
                      ×
                    </button>
                  </li>
                );
              })}
          </ul>
        </div>
      ) : null}
      {kept.length > 0 ? (
        <ul className="photo-upload__list" data-testid="photo-thumbnails">
          {kept.map((i) => (
            <li key={i.key} className="photo-thumb" data-status={i.status}>
              {i.status === "done" && i.attachment?.contentType.startsWith("image/") ? (
                <img src={consultationsApi.attachmentUrl(i.attachment.id)} alt={isolate(i.name)} className="photo-thumb__image" />
              ) : i.status === "done" ? (
                <span className="photo-thumb__pending photo-thumb__file">{i.attachment?.contentType === "application/pdf" ? "PDF" : "…"}</span>
              ) : (
                <span className="photo-thumb__pending" role="status">
                  <span className="spinner" aria-hidden="true" />
                  <span className="visually-hidden">{t("consultations.photos.uploading", { name: isolate(i.name) })}</span>
                </span>
              )}
              <bdi className="photo-thumb__name">{i.name}</bdi>
              <button
                type="button"
                className="photo-thumb__remove"
                aria-label={t("consultations.photos.remove", { name: isolate(i.name) })}
                onClick={() => remove(i.key)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}
