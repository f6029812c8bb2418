import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { del, post } from '../../api/client.ts';
import { hasRole, useUser } from '../../auth.tsx';
import { ErrorBanner } from '../../ui/Banner.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import type { Job } from './types.ts';

/**
 * Cancel, Retry and Delete, each offered only when the API allows it for this state (src/server/routes/jobs.ts):
 * cancel while queued or running, retry once failed or cancelled, delete unless running. Viewers see none.
 */
export function JobActions({ job, onRetried }: { job: Job; onRetried(): void }) {
  const user = useUser();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const after = (updated: Job) => {
    // The answer has no files or input: keep the ones the detail view loaded.
    client.setQueryData<Job>(['job', job.id], (old) => (old ? { ...old, ...updated } : updated));
    void client.invalidateQueries({ queryKey: ['jobs'] });
  };
  const cancel = useMutation({ mutationFn: () => post<Job>(`/api/jobs/${job.id}/cancel`), onSuccess: after });
  const retry = useMutation({
    mutationFn: () => post<Job>(`/api/jobs/${job.id}/retry`),
    onSuccess: (updated) => {
      after(updated);
      onRetried();
    },
  });
  const remove = useMutation({
    mutationFn: () => del<void>(`/api/jobs/${job.id}`),
    onSuccess: () => {
      client.removeQueries({ queryKey: ['job', job.id] });
      void client.invalidateQueries({ queryKey: ['jobs'] });
      void client.invalidateQueries({ queryKey: ['library'] });
      void navigate('/jobs', { replace: true });
    },
  });
  if (!hasRole(user, 'editor')) return null;

  const canCancel = (job.state === 'queued' || job.state === 'running') && !job.cancelRequested;
  const canRetry = job.state === 'failed' || job.state === 'cancelled';
  const canDelete = job.state !== 'running';
  const busy = cancel.isPending || retry.isPending || remove.isPending;
  return (
    <div className="stack jobs-actions">
      <div className="row">
        {canCancel ? (
          <button type="button" className="btn" disabled={busy} onClick={() => cancel.mutate()}>
            Cancel job
          </button>
        ) : null}
        {job.cancelRequested && job.state === 'running' ? <span className="muted small">Cancelling at the next checkpoint…</span> : null}
        {canRetry ? (
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => retry.mutate()}>
            Retry
          </button>
        ) : null}
        {canDelete ? (
          <button type="button" className="btn btn-danger" disabled={busy} onClick={() => setConfirming(true)}>
            Delete
          </button>
        ) : null}
      </div>
      <ErrorBanner error={cancel.error ?? retry.error ?? remove.error} />
      <ConfirmDialog
        open={confirming}
        title="Delete this job?"
        confirmLabel="Delete job"
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          remove.mutate();
        }}
      >
        <p>
          “{job.title ?? 'Untitled'}” and {job.state === 'succeeded' ? 'its video and every other output file' : 'its record'} will be removed. This cannot be undone.
        </p>
      </ConfirmDialog>
    </div>
  );
}
