import { configure } from '@solidjs/testing-library';

/**
 * `waitFor` and `findBy…` poll for a condition; their 1 s default gave up under load (the suite
 * shares two cores with Chromium). A longer limit changes no result, only how long a real failure
 * takes to report: no test measures time with it.
 */
configure({ asyncUtilTimeout: 15_000 });
