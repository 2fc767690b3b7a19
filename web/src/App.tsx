import { lazy, Suspense, type ReactNode } from "react";
import { BrowserRouter, Navigate, Route, Routes, useLocation } from "react-router-dom";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ApiError } from "@/api/client";
import { AuthProvider, useAuth } from "@/auth/AuthProvider";
import { I18nProvider } from "@/i18n";
import { ThemeProvider } from "@/lib/theme";
import { RealtimeProvider } from "@/realtime/RealtimeProvider";
import { Shell } from "@/components/Shell";
import { Loading } from "@/components/common";
import { SignInPage } from "@/pages/SignIn";
import { NotFound } from "@/pages/NotFound";

// Every page is its own chunk: the first load carries the shell and sign-in only.
const AnalysesPage = lazy(() => import("@/pages/Analyses"));
const NewAnalysisPage = lazy(() => import("@/pages/NewAnalysis"));
const ReportPage = lazy(() => import("@/report/ReportPage"));
const TeamsPage = lazy(() => import("@/pages/Teams"));
const StatsPage = lazy(() => import("@/pages/Stats"));

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
      },
    },
  });
}

function RequireAuth({ children }: { children: ReactNode }) {
  const { status, session } = useAuth();
  const location = useLocation();
  if (status === "loading") return <Loading />;
  if (status !== "signedIn") {
    return <Navigate to="/signin" replace state={{ from: location.pathname + location.search + location.hash }} />;
  }
  return <RealtimeProvider token={session?.token ?? null}>{children}</RealtimeProvider>;
}

function Page({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/signin" element={<SignInPage />} />
      <Route path="/auth/callback" element={<SignInPage />} />
      <Route
        element={
          <RequireAuth>
            <Shell />
          </RequireAuth>
        }
      >
        <Route index element={<Page><AnalysesPage /></Page>} />
        <Route path="new" element={<Page><NewAnalysisPage /></Page>} />
        <Route path="jobs/:jobId/*" element={<Page><ReportPage /></Page>} />
        <Route path="teams" element={<Page><TeamsPage /></Page>} />
        <Route path="stats" element={<Page><StatsPage /></Page>} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

const queryClient = makeQueryClient();

export function App() {
  return (
    <I18nProvider>
      <ThemeProvider>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <AuthProvider>
              <AppRoutes />
            </AuthProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </ThemeProvider>
    </I18nProvider>
  );
}
