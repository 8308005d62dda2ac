import { useCallback, useRef, useState } from "react";
import { uploadAttachment, type AttachmentInfo } from "./chatApi";

export interface UploadItem {
  key: string;
  fileName: string;
  status: "uploading" | "ready" | "failed";
  info?: AttachmentInfo;
  error?: unknown;
}

let counter = 0;

/** Files chosen for a message: each uploads at once (POST /attachments); failures keep their error. */
export function useAttachmentUploads(upload: (file: File) => Promise<AttachmentInfo> = uploadAttachment) {
  const [items, setItems] = useState<UploadItem[]>([]);
  const uploadRef = useRef(upload);
  uploadRef.current = upload;

  const add = useCallback((files: Iterable<File>) => {
    for (const file of files) {
      counter += 1;
      const key = `upload-${counter}`;
      setItems((list) => [...list, { key, fileName: file.name, status: "uploading" }]);
      uploadRef.current(file).then(
        (info) => setItems((list) => list.map((i) => (i.key === key ? { ...i, status: "ready", info } : i))),
        (error: unknown) => setItems((list) => list.map((i) => (i.key === key ? { ...i, status: "failed", error } : i))),
      );
    }
  }, []);

  const remove = useCallback((key: string) => setItems((list) => list.filter((i) => i.key !== key)), []);
  const clear = useCallback(() => setItems([]), []);
  const restore = useCallback((infos: AttachmentInfo[]) => {
    setItems((list) => [
      ...infos.map((info) => {
        counter += 1;
        return { key: `upload-${counter}`, fileName: info.fileName ?? "", status: "ready" as const, info };
      }),
      ...list,
    ]);
  }, []);

  const ready = items.filter((i) => i.status === "ready" && i.info).map((i) => i.info!);
  const busy = items.some((i) => i.status === "uploading");
  return { items, ready, busy, add, remove, clear, restore };
}
