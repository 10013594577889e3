/**
 * The Dotypos (Dotykačka) API v2 provider: {@link dev.apiauth.provider.dotypos.DotyposProvider} issues
 * access tokens from a stored refresh token, and {@link dev.apiauth.provider.dotypos.DotyposConsent}
 * performs the one-time browser consent that yields that refresh token.
 */
package dev.apiauth.provider.dotypos;
