/** {@link dev.apiauth.spi.SecretStore} implementations: in memory and on disk. */
package dev.apiauth.core.store;
