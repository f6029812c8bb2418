import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from '../../config.ts';
import { accountRoutes } from './account.ts';
import { auditRoutes } from './audit.ts';
import { authRoutes } from './auth.ts';
import { capabilityRoutes } from './capabilities.ts';
import { calendarRoutes } from './calendar.ts';
import { catalogRoutes } from './catalog.ts';
import { channelRoutes } from './channels.ts';
import { documentRoutes } from './documents.ts';
import { eventRoutes } from './events.ts';
import { fileRoutes } from './files.ts';
import { healthRoutes } from './health.ts';
import { jobRoutes } from './jobs.ts';
import { keyRoutes } from './keys.ts';
import { localAdminRoutes } from './local-admin.ts';
import { mediaRoutes } from './media.ts';
import { passwordRoutes } from './password.ts';
import { publicationRoutes } from './publications.ts';
import { scheduleRoutes } from './schedules.ts';
import { sessionRoutes } from './sessions.ts';
import { templateRoutes } from './templates.ts';
import { totpRoutes } from './totp.ts';
import { translationRoutes } from './translations.ts';
import { userRoutes } from './users.ts';
import { videoRoutes } from './videos.ts';
import { voiceSampleRoutes } from './voice-sample.ts';
import { webRoutes } from './web.ts';
import { youtubeRoutes } from './youtube.ts';

/** Every route group; each file is one area of the API. */
export async function registerRoutes(app: FastifyInstance, { options }: { options: ServerConfig }): Promise<void> {
  healthRoutes(app);
  authRoutes(app, options);
  totpRoutes(app, options);
  sessionRoutes(app, options);
  passwordRoutes(app, options);
  keyRoutes(app, options);
  userRoutes(app, options);
  accountRoutes(app, options);
  auditRoutes(app, options);
  documentRoutes(app, options);
  mediaRoutes(app, options);
  youtubeRoutes(app, options);
  videoRoutes(app, options);
  jobRoutes(app, options);
  eventRoutes(app, options);
  fileRoutes(app, options);
  translationRoutes(app, options);
  catalogRoutes(app, options);
  templateRoutes(app, options);
  channelRoutes(app, options);
  publicationRoutes(app, options);
  scheduleRoutes(app, options);
  calendarRoutes(app, options);
  localAdminRoutes(app, options);
  capabilityRoutes(app, options);
  voiceSampleRoutes(app, options);
  await webRoutes(app, options);

  // Metrics see every job event this server hears, whichever worker produced it.
  const off = app.deps.queue.on('job', ({ job, type, data }) => app.metrics.observeJobEvent(job.id, type, data, job.state));
  app.addHook('onClose', async () => off());
}
