/**
 * The apiauth service-provider interface: what a vendor provider implements and what the engine
 * gives it. Everything here is stable API for third-party provider authors unless marked otherwise.
 *
 * <p>A provider is a declaration of its vendor: its {@link dev.apiauth.spi.ProviderInfo settings},
 * one token request and one response mapping in a {@link dev.apiauth.spi.TokenSource}. Caching,
 * refresh, retries, pacing and concurrency belong to the engine ({@code auth-core}).
 */
package dev.apiauth.spi;
