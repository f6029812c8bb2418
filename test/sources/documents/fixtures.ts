import { makeDocx } from './make-docx.ts';
import { makePdf, type PdfLine } from './make-pdf.ts';

/** Realistic binary fixtures, generated (the generators are in this folder) so they stay readable in review. */

const body = (text: string, gapBefore = 0): PdfLine => ({ text, size: 11, gapBefore });
const h1 = (text: string): PdfLine => ({ text, size: 22, bold: true });
const h2 = (text: string): PdfLine => ({ text, size: 15, bold: true, gapBefore: 12 });
const header = (): PdfLine[] => [{ text: 'Harbor Field Guide - Internal', size: 8 }];
const footer = (n: number): PdfLine => ({ text: `Page ${n} of 2`, size: 8, gapBefore: 40 });

/** A two-page handbook: title, numbered headings, paragraphs with a hyphenated line break, a bulleted list, running header and page numbers. */
export function handbookPdf(): Buffer {
  return makePdf([
    [
      ...header(),
      h1('Harbor Deployment Handbook'),
      body('Harbor is the container platform our teams use to ship services to production. This hand-', 8),
      body('book explains how releases move from a merge request to live traffic.'),
      h2('1. Release Process'),
      body('Every release starts with a green build on the main branch. The pipeline builds an image,', 4),
      body('signs it and pushes it to the registry before any deployment begins.'),
      body('Releases roll out to one region at a time, and each region waits for health checks.', 6),
      h2('2. Before You Deploy'),
      body('Check these items before you press the deploy button:', 4),
      body('• The change has an approved review from the owning team', 4),
      body('• Database migrations are backward compatible'),
      body('• Feature flags default to off in production'),
      body('• The on-call engineer knows the release window'),
      footer(1),
    ],
    [
      ...header(),
      h2('3. Rolling Back'),
      body('A rollback redeploys the previous image and never rebuilds from source. It usually', 4),
      body('finishes within five minutes, because every image stays cached in each region.'),
      body('If a rollback fails, page the platform team and freeze further releases.', 6),
      footer(2),
    ],
  ]);
}

/** An onboarding guide in Word: headings, a bulleted list with bold leads, a numbered list and a table. */
export function onboardingDocx(): Buffer {
  return makeDocx([
    { heading: 1, text: 'Welcome to the Support Team' },
    { p: 'This guide gets new support engineers productive in their first week. It covers the tools we use, how tickets flow and who to ask for help.' },
    { heading: 2, text: 'Your First Week' },
    { numbered: ['Set up your laptop and single sign-on', 'Shadow two senior engineers on live tickets', 'Answer your first ten tickets with a buddy', 'Join the Friday incident review'] },
    { heading: 2, text: 'Tools We Use' },
    { p: 'Most of the day happens in three tools:' },
    { bullets: ['Zendesk: the ticket queue and customer history', 'Slack: team chat and the escalation channel', 'Looker: dashboards for response times'] },
    { heading: 2, text: 'Ticket Priorities' },
    { p: 'Each ticket gets a priority when it arrives. The priority decides how fast we answer.' },
    {
      table: [
        ['Priority', 'First response', 'Example'],
        ['Urgent', '30 minutes', 'Checkout is down for all customers'],
        ['High', '4 hours', 'A paid feature fails for one account'],
        ['Normal', '1 business day', 'A question about invoices'],
      ],
    },
    { heading: 2, text: 'Getting Help' },
    { p: 'Nobody expects you to know everything in week one. Ask in the support channel first, and if a customer is blocked, escalate to the on-call engineer right away.' },
  ]);
}
