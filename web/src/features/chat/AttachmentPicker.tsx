import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { useProblemText } from "../../shared/ui/problemText";
import type { UploadItem } from "./useAttachmentUploads";
import { UserSentence, UserText, isolate } from "../../shared/ui/UserText";

export const ACCEPTED_TYPES = "image/jpeg,image/png,image/webp,application/pdf";

/** The "Attach a file" button (a hidden file input behind it) and the chosen files with their state. */
export function AttachmentPicker({
  items,
  onAdd,
  onRemove,
  disabled,
}: {
  items: UploadItem[];
  onAdd: (files: File[]) => void;
  onRemove: (key: string) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const problemText = useProblemText("calls");
  const input = useRef<HTMLInputElement>(null);

  return (
    <div className="attachment-picker">
      <input
        ref={input}
        type="file"
        className="visually-hidden"
        tabIndex={-1}
        aria-label={t("calls.chat.fileInput")}
        data-testid="chat-file-input"
        accept={ACCEPTED_TYPES}
        multiple
        onChange={(event) => {
          const files = Array.from(event.currentTarget.files ?? []);
          event.currentTarget.value = "";
          if (files.length) onAdd(files);
        }}
      />
      <button type="button" className="button button--secondary button--small" disabled={disabled} onClick={() => input.current?.click()}>
        {t("calls.chat.attach")}
      </button>
      {items.length > 0 ? (
        <ul className="attachment-chips">
          {items.map((item) => (
            <li key={item.key} className={`chip${item.status === "failed" ? " chip--error" : ""}`} data-testid="pending-attachment" data-status={item.status}>
              <UserText>{item.fileName}</UserText>
              {item.status === "uploading" ? <span className="chip__note">{t("calls.chat.uploading")}</span> : null}
              <button type="button" className="chip__remove" aria-label={t("calls.chat.removeAttachment", { name: isolate(item.fileName) })} onClick={() => onRemove(item.key)}>
                ×
              </button>
              {item.status === "failed" ? (
                <span className="field-error attachment-error" role="alert" data-testid="attachment-error">
                  <UserSentence i18nKey="calls.chat.attachmentFailed" user={{ name: item.fileName }} /> {problemText.withFields(item.error, "attachment")}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
