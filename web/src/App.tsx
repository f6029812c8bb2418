import { lazy, Suspense, type ComponentType } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useAuth } from './auth.tsx';
import { Layout } from './shell/Layout.tsx';
import { Spinner } from './ui/Banner.tsx';

/** Each page is its own chunk: the sign-in page never downloads the renderer the builder carries. */
const page = (load: () => Promise<Record<string, ComponentType>>, name: string) => lazy(async () => ({ default: (await load())[name]! }));

const SignIn = page(() => import('./pages/auth/SignIn.tsx'), 'SignInPage');
const Welcome = page(() => import('./pages/auth/Welcome.tsx'), 'WelcomePage');
const Home = page(() => import('./pages/create/Home.tsx'), 'HomePage');
const Create = page(() => import('./pages/create/Create.tsx'), 'CreatePage');
const Builder = page(() => import('./pages/builder/Builder.tsx'), 'BuilderPage');
const PreviewWindow = page(() => import('./preview/PreviewWindow.tsx'), 'PreviewWindowPage');
const Jobs = page(() => import('./pages/jobs/Jobs.tsx'), 'JobsPage');
const Job = page(() => import('./pages/jobs/Job.tsx'), 'JobPage');
const Library = page(() => import('./pages/library/Library.tsx'), 'LibraryPage');
const Video = page(() => import('./pages/library/Video.tsx'), 'VideoPage');
const Multilingual = page(() => import('./pages/publish/Multilingual.tsx'), 'MultilingualPage');
const Channels = page(() => import('./pages/publish/Channels.tsx'), 'ChannelsPage');
const Publications = page(() => import('./pages/publish/Publications.tsx'), 'PublicationsPage');
const Schedules = page(() => import('./pages/publish/Schedules.tsx'), 'SchedulesPage');
const Calendar = page(() => import('./pages/publish/Calendar.tsx'), 'CalendarPage');
const Settings = page(() => import('./pages/auth/Settings.tsx'), 'SettingsPage');
const Admin = page(() => import('./pages/auth/Admin.tsx'), 'AdminPage');
const NotFound = page(() => import('./pages/NotFound.tsx'), 'NotFoundPage');

const loading = (
  <div className="auth-page">
    <Spinner />
  </div>
);

function SignedIn() {
  const { me } = useAuth();
  const location = useLocation();
  if (me === undefined) return loading;
  if (me === null) return <Navigate to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return (
    <Layout>
      <Suspense fallback={<Spinner />}>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/create" element={<Create />} />
          <Route path="/builder" element={<Builder />} />
          <Route path="/jobs" element={<Jobs />} />
          <Route path="/jobs/:id" element={<Job />} />
          <Route path="/library" element={<Library />} />
          <Route path="/library/:id" element={<Video />} />
          <Route path="/multilingual" element={<Multilingual />} />
          <Route path="/channels" element={<Channels />} />
          <Route path="/publications" element={<Publications />} />
          <Route path="/schedules" element={<Schedules />} />
          <Route path="/calendar" element={<Calendar />} />
          <Route path="/settings" element={<Settings />} />
          <Route path="/admin" element={<Admin />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}

export function App() {
  return (
    <Suspense fallback={loading}>
      <Routes>
        <Route path="/signin" element={<SignIn />} />
        <Route path="/welcome" element={<Welcome />} />
        {/* The pop-out preview follows the builder's draft in another window; it has no shell. */}
        <Route path="/preview" element={<PreviewWindow />} />
        <Route path="*" element={<SignedIn />} />
      </Routes>
    </Suspense>
  );
}
