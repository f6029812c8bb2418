import { VideogenError } from '../../errors.ts';

/** What Google says in an error body: `{ error: { code, message, errors: [{ domain, reason, message }] } }`. */
export interface GoogleError {
  status: number;
  reason: string;
  domain: string;
  message: string;
}

export async function readGoogleError(res: Response): Promise<GoogleError> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: { message?: string; errors?: { domain?: string; reason?: string; message?: string }[] } };
    const first = body.error?.errors?.[0];
    return { status: res.status, reason: first?.reason ?? `http${res.status}`, domain: first?.domain ?? 'global', message: body.error?.message ?? first?.message ?? res.statusText };
  } catch {
    return { status: res.status, reason: `http${res.status}`, domain: 'global', message: text.slice(0, 200) || res.statusText };
  }
}

/** Worth another attempt after a pause: Google's own advice for 5xx and 429 (and 403 rateLimitExceeded). */
export function isTransient(e: GoogleError): boolean {
  return e.status >= 500 || e.status === 429 || (e.status === 403 && (e.reason === 'rateLimitExceeded' || e.reason === 'userRateLimitExceeded'));
}

/** The project's daily units are spent: the job waits for the next Pacific day instead of failing. */
export function isQuotaExceeded(e: GoogleError): boolean {
  return e.status === 403 && (e.reason === 'quotaExceeded' || e.reason === 'dailyLimitExceeded');
}

/** A refusal of the request itself (metadata, permissions): retrying cannot help, the user must change something. */
export function rejected(what: string, e: GoogleError): VideogenError {
  return new VideogenError('PUBLISH_REJECTED', `YouTube refused ${what}: ${e.reason} (${e.message})`, { status: e.status, reason: e.reason, domain: e.domain });
}

export function failed(what: string, cause: string, details?: Record<string, unknown>, error?: unknown): VideogenError {
  return new VideogenError('PUBLISH_FAILED', `YouTube failed ${what}: ${cause}`, details, error === undefined ? undefined : { cause: error });
}

export function reauth(what: string): VideogenError {
  return new VideogenError('CHANNEL_REAUTH', `YouTube refused the channel's access token twice during ${what}; connect the channel again`);
}
