import { useEffect, type RefObject } from 'react';
import { captionLanguages, languageName, type Variant } from './video-info.ts';

/**
 * The video streamed from the job's files (the server answers Range requests, so seeking works), its thumbnail as
 * the poster and one WebVTT track per caption language. Same origin, so the session cookie goes with the video and
 * its tracks, and CSP media-src 'self' allows them.
 */
export function Player({ variant, videoRef }: { variant: Variant; videoRef: RefObject<HTMLVideoElement | null> }) {
  const tracks = captionLanguages(variant.names);
  const preferred = variant.folder && tracks.includes(variant.folder) ? variant.folder : tracks[0];
  // A track's mode starts "disabled" unless it is the default: show the preferred captions from the start.
  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    for (const track of Array.from(video.textTracks)) if (track.kind === 'captions' && track.language === preferred && track.mode === 'disabled') track.mode = 'showing';
  }, [videoRef, preferred, variant.base]);
  return (
    <div className="library-player">
      <video
        ref={videoRef}
        controls
        preload="metadata"
        playsInline
        src={`${variant.base}video.mp4`}
        {...(variant.names.includes('thumbnail.png') ? { poster: `${variant.base}thumbnail.png` } : {})}
        aria-label={`Video: ${variant.title}`}
      >
        {tracks.map((language) => (
          <track key={language} kind="captions" srcLang={language} label={languageName(language)} src={`${variant.base}captions.${language}.vtt`} default={language === preferred} />
        ))}
      </video>
    </div>
  );
}
