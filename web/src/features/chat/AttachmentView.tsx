import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { attachmentUrl, fetchAttachmentImage, isImage, type AttachmentInfo } from "./chatApi";
import { UserText, isolate } from "../../shared/ui/UserText";

/** An image attachment as a thumbnail (authenticated fetch → data: URL, which the CSP allows). */
export function AttachmentImage({ id, alt, testId = "chat-attachment" }: { id: string; alt: string; testId?: string }) {
  const { t } = useTranslation();
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    setSrc(null);
    setFailed(false);
    fetchAttachmentImage(id, controller.signal).then(
      (url) => {
        if (!controller.signal.aborted) setSrc(url);
      },
      () => {
        if (!controller.signal.aborted) setFailed(true);
      },
    );
    return () => controller.abort();
  }, [id]);

  if (failed) return <span className="attachment-placeholder">{t("calls.chat.imageFailed")}</span>;
  if (!src) return <span className="attachment-placeholder">{t("calls.chat.imageLoading")}</span>;
  return (
    <a href={attachmentUrl(id)} target="_blank" rel="noopener noreferrer" className="attachment-thumb">
      <img data-testid={testId} data-attachment-id={id} src={src} alt={alt} />
    </a>
  );
}

/** Images as thumbnails, everything else (PDF) as a link that opens the file. */
export function AttachmentView({ attachment }: { attachment: AttachmentInfo }) {
  const { t } = useTranslation();
  // The server may have no name for a file (AttachmentView.FileName is nullable): never show an empty label.
  const name = attachment.fileName || t("calls.chat.unnamedAttachment");
  if (isImage(attachment.contentType)) return <AttachmentImage id={attachment.id} alt={isolate(name)} />;
  return (
    <a
      data-testid="chat-attachment"
      data-attachment-id={attachment.id}
      className="attachment-link"
      href={attachmentUrl(attachment.id)}
      target="_blank"
      rel="noopener noreferrer"
      aria-label={t("calls.chat.openAttachment", { name: isolate(name) })}
    >
      <UserText>{name}</UserText>
    </a>
  );
}
