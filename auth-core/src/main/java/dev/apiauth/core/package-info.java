/**
 * The apiauth engine: find providers ({@link dev.apiauth.core.AuthProviders}), configure an account
 * ({@link dev.apiauth.core.Settings}, {@link dev.apiauth.core.Credentials}) and put credentials on
 * requests. Token caching, refresh-ahead, single-flight fetching, retries and compare-and-refresh
 * after a rejection are done here once, for every provider; {@link dev.apiauth.core.RefreshPolicy}
 * and {@link dev.apiauth.core.RetryPolicy} tune their timing, and
 * {@link dev.apiauth.core.AuthListener} observes them.
 */
package dev.apiauth.core;
