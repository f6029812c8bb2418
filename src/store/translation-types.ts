/**
 * Translations waiting for a person (`review: true` on a multilingual job, issue 14): the job translates its spec into
 * each language, stores one row per language here, and waits until every row is approved; then it renders exactly
 * the approved specs. Rows go with their job (ON DELETE CASCADE), so deleting a job or erasing an account removes them.
 */
export type TranslationState = 'pending' | 'approved';

export interface JobTranslation {
  jobId: string;
  /** The language tag as the job's `languages` option names it (`de`, `pt-BR`). */
  language: string;
  /** The translated VideoSpec as stored; validated again before it is rendered. */
  spec: unknown;
  /** The provider that translated it ("Apertium eng-spa"), or "edited" once a person changed it. */
  translatedBy: string;
  state: TranslationState;
  updatedAt: Date;
}

export type NewJobTranslation = Pick<JobTranslation, 'language' | 'spec' | 'translatedBy'>;

export interface TranslationsRepo {
  /** Every language of a job, by language tag. */
  list(jobId: string): Promise<JobTranslation[]>;
  get(jobId: string, language: string): Promise<JobTranslation | undefined>;
  /** Stores the job's translations as pending; a language already stored keeps its row (a rerun never overwrites a review). */
  addPending(jobId: string, rows: readonly NewJobTranslation[]): Promise<void>;
  /** Replaces a pending translation's spec; undefined when there is none or it is approved already. */
  updatePending(jobId: string, language: string, patch: Pick<JobTranslation, 'spec' | 'translatedBy'>): Promise<JobTranslation | undefined>;
  /** Approves every pending row of the job; returns the rows it approved. */
  approveAll(jobId: string): Promise<JobTranslation[]>;
}
