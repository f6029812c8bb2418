import { ProgressBar } from './ProgressBar.tsx';

/**
 * One bar per language of a multilingual render. The job's progress is (index + inner) / n while language `index`
 * of n renders (src/queue/multilingual-job.ts), so each language's own share is recovered from it: earlier ones are
 * done, later ones have not started.
 */
export function LanguageProgress({ languages, seen, overall, succeeded }: { languages: readonly string[]; seen: ReadonlyMap<string, number>; overall: number; succeeded: boolean }) {
  const n = languages.length;
  const current = [...seen.keys()].at(-1);
  const currentIndex = current ? languages.indexOf(current) : -1;
  const shareOf = (language: string, index: number): number => {
    if (succeeded) return 1;
    if (currentIndex < 0) return 0;
    if (index < currentIndex) return 1;
    if (index > currentIndex) return 0;
    return Math.min(1, Math.max(0, (seen.get(language) ?? overall) * n - index));
  };
  return (
    <section className="stack" aria-labelledby="jobs-languages">
      <h2 id="jobs-languages">Languages</h2>
      <ul className="jobs-languages">
        {languages.map((language, index) => {
          const share = shareOf(language, index);
          return (
            <li key={language}>
              <span className="jobs-language-code">{language}</span>
              <ProgressBar value={share} label={`Progress of ${language}`} small />
              <span className="small muted jobs-percent">{Math.round(share * 100)}%</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
