import '../common/base.css';
import './staff.css';
import { h } from '../common/dom';
import { describeError } from '../common/http';
import { messageBox, renderPage } from './layout';
import { showActionDetail } from './pages/action-detail';
import { prefillFromSearch, showActions } from './pages/actions';
import { showBoard } from './pages/board';
import { showChangeImpact } from './pages/change-impact';
import { showChanges } from './pages/changes';
import { showEquity } from './equity/equity-page';
import { showFrictionThemes } from './pages/friction-themes';
import { showImportHistory } from './pages/import-history';
import { showReviewList } from './pages/review-list';
import { showAnalysisQuality } from './pages/analysis-quality';
import { showMyReports } from './pages/my-reports';
import { showOrganisation } from './pages/organisation';
import { showSignIn, showSignInDialog } from './pages/sign-in';
import { showStaffAccounts } from './pages/staff-accounts';
import { showSurveyEditor } from './pages/survey-editor';
import { showSurveyList } from './pages/survey-list';
import { showSurveyResults } from './pages/survey-results';
import { addRoute, currentPath, navigate, setNotFound, startRouter } from './router';
import { currentUser, restoreSession, whenSignedOut } from './session';

/** Pages that need a signed-in user send everyone else to sign in, then back. */
function signedIn(
  page: (params: string[]) => void | Promise<void>,
): (params: string[]) => void | Promise<void> {
  return (params) => (currentUser() ? page(params) : showSignIn(currentPath()));
}

addRoute(/^\/sign-in$/, () => (currentUser() ? navigate('/') : showSignIn('/')));
addRoute(
  /^\/$/,
  signedIn(() => showSurveyList()),
);
addRoute(
  /^\/surveys\/([^/]+)$/,
  signedIn(([id]) => showSurveyEditor(id ?? '')),
);
addRoute(
  /^\/surveys\/([0-9a-fA-F-]{36})\/results(?:\?.*)?$/,
  // The filter lives in the address's query, read whole (the router decodes its parts).
  signedIn(([id]) => showSurveyResults(id ?? '', location.hash.split('?')[1] ?? '')),
);
addRoute(
  /^\/board(?:\?.*)?$/,
  signedIn(() => showBoard()),
);
addRoute(
  /^\/organisation$/,
  signedIn(() => showOrganisation()),
);
addRoute(
  /^\/changes$/,
  signedIn(() => showChanges()),
);
addRoute(
  /^\/changes\/([0-9a-fA-F-]{36})(?:\?.*)?$/,
  // The window lives in the address's query, read whole (the router decodes its parts).
  signedIn(([id]) => showChangeImpact(id ?? '', location.hash.split('?')[1] ?? '')),
);
addRoute(
  /^\/friction-themes$/,
  signedIn(() => showFrictionThemes()),
);
addRoute(
  /^\/staff$/,
  signedIn(() => showStaffAccounts()),
);
addRoute(
  /^\/import(?:\?survey=([^&]*))?$/,
  signedIn(([surveyId]) => showImportHistory(surveyId ?? '')),
);
addRoute(
  /^\/actions$/,
  signedIn(() => showActions(null)),
);
addRoute(
  /^\/actions\/new(?:\?.*)?$/,
  // The source lives in the address's query, read whole (the router decodes its parts).
  signedIn(() => showActions(prefillFromSearch(location.hash.split('?')[1] ?? ''))),
);
addRoute(
  /^\/actions\/([0-9a-fA-F-]{36})$/,
  signedIn(([id]) => showActionDetail(id ?? '')),
);
addRoute(
  /^\/equity$/,
  signedIn(() => showEquity()),
);
addRoute(
  /^\/my-reports$/,
  signedIn(() => showMyReports()),
);
addRoute(
  /^\/review(?:\?place=([^&]*))?$/,
  signedIn(([place]) => showReviewList(place ?? '')),
);
addRoute(
  /^\/analysis$/,
  signedIn(() => showAnalysisQuality()),
);
setNotFound(() => {
  renderPage('Page not found', h('p', {}, h('a', { href: '#/' }, 'Go to the list of surveys')));
});
whenSignedOut(() => showSignInDialog());

async function start(): Promise<void> {
  try {
    await restoreSession();
  } catch (error) {
    renderPage(
      'CareLoop is not reachable',
      messageBox('error', describeError(error)),
      h('button', { type: 'button', class: 'primary', onclick: () => location.reload() }, 'Try again'),
    );
    return;
  }
  startRouter();
}

void start();
