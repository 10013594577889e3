/**
 * {@link dev.apiauth.spi.SecretStore} implementations for long-lived secrets such as refresh
 * tokens: in memory ({@link dev.apiauth.core.store.InMemorySecretStore}, the default) and on disk
 * ({@link dev.apiauth.core.store.FileSecretStore}).
 */
package dev.apiauth.core.store;
