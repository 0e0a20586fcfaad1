// The browser suite as one process, so that one server and one browser serve every test (see helpers.ts): each file
// below registers its own tests and creates its own data; the order here is not one they depend on.
// One file alone: `node --import tsx --test e2e/surveys.e2e.ts`.
import './assistant.e2e.js';
import './campaign.e2e.js';
import './feedback.e2e.js';
import './guides.e2e.js';
import './kpi.e2e.js';
import './reports.e2e.js';
import './surveys.e2e.js';
