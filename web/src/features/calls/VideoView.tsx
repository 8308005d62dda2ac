import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

const canPlay = () => typeof navigator === "undefined" || !/jsdom/i.test(navigator.userAgent);

/**
 * A <video> for a call: the own camera muted, a remote one with sound (a button when autoplay with sound is refused).
 * `onPlaying`: the video shows its first frame (the element's `playing` event).
 */
export function VideoView({
  stream,
  local,
  testId,
  label,
  framesDecoded,
  onPlaying,
}: {
  stream: MediaStream | null;
  local?: boolean;
  testId: string;
  label: string;
  framesDecoded?: number;
  onPlaying?: () => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLVideoElement>(null);
  const [soundBlocked, setSoundBlocked] = useState(false);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    if (local) {
      video.muted = true;
      video.setAttribute("muted", "");
    }
    if (video.srcObject !== stream) video.srcObject = stream;
    if (!stream || !canPlay()) return;
    video.play().catch((error: unknown) => {
      // Autoplay with sound refused (no user gesture yet): play muted and offer to turn the sound on.
      if (local || (error as { name?: string } | null)?.name !== "NotAllowedError") return;
      video.muted = true;
      setSoundBlocked(true);
      void video.play().catch(() => undefined);
    });
  }, [stream, local]);
  const turnSoundOn = () => {
    const video = ref.current;
    if (!video) return;
    video.muted = false;
    setSoundBlocked(false);
    void video.play().catch(() => undefined);
  };
  return (
    <>
      <video
        ref={ref}
        className={`call-video call-video--${local ? "local" : "remote"}`}
        data-testid={testId}
        data-frames-decoded={local ? undefined : (framesDecoded ?? 0)}
        aria-label={label}
        autoPlay
        playsInline
        onPlaying={onPlaying}
        muted={local}
      />
      {soundBlocked ? (
        <button type="button" className="button call-sound-button" onClick={turnSoundOn}>
          {t("calls.call.soundOn")}
        </button>
      ) : null}
    </>
  );
}

