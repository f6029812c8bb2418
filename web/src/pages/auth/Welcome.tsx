import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { get } from '../../api/client.ts';
import { Banner, ErrorBanner, Spinner } from '../../ui/Banner.tsx';
import { Brand } from './Brand.tsx';
import { CopyButton } from './CopyButton.tsx';
import type { Setup } from './types.ts';
import './auth.css';

/** First run: the server has no account yet, and the first admin can only be made on the server's own machine. */
export function WelcomePage() {
  // Polls (gently: /api/setup shares the sign-in rate limit) until the admin exists, then stops.
  const setup = useQuery({ queryKey: ['setup'], queryFn: ({ signal }) => get<Setup>('/api/setup', signal), refetchInterval: (query) => (query.state.data?.needsAdmin ? 10_000 : false) });
  useEffect(() => {
    document.title = 'Welcome · videogen studio';
  }, []);

  return (
    <div className="auth-page">
      <main className="welcome-card card stack">
        <Brand />
        <h1 className="auth-title">Welcome to videogen studio</h1>
        <ErrorBanner error={setup.error} />
        {setup.isPending ? <Spinner label="Checking the server" /> : null}
        {setup.data?.needsAdmin ? <FirstRun command={setup.data.command} /> : null}
        {setup.data && !setup.data.needsAdmin ? (
          <>
            <Banner tone="ok">This server has an admin account: sign in with it.</Banner>
            <p className="muted">New people get their accounts from an admin, on the Admin page.</p>
            <Link className="btn btn-primary" to="/signin">
              Sign in
            </Link>
          </>
        ) : null}
      </main>
    </div>
  );
}

function FirstRun({ command }: { command: string }) {
  return (
    <>
      <p>This server has no accounts yet. The first admin is created on the machine the server runs on, so nobody who merely reaches this page can claim it.</p>
      <ol className="welcome-steps">
        <li>
          In a terminal on the server, in the folder you run <code>videogen serve</code> from, run (with your email):
          <div className="command">
            <code>{command}</code>
            <CopyButton text={command} label="Copy command" />
          </div>
        </li>
        <li>
          It asks you to choose a password (at least 12 characters). <strong>There is no default password</strong>: the account does not exist until you
          run the command.
        </li>
        <li>
          Come back here and <Link to="/signin">sign in</Link> (this page notices the new account by itself). Then turn on two-factor sign-in in Settings, and
          invite others from Admin.
        </li>
      </ol>
      <p className="small muted">Checking every few seconds whether the admin exists…</p>
    </>
  );
}
