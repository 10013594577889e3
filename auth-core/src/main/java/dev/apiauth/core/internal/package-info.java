/**
 * Engine machinery other packages of auth-core share: the Jackson-backed {@link dev.apiauth.spi.Json},
 * the reference-counted executors and the Bucket4j-backed rate budgets. Not API, no compatibility
 * promise: exported only to apiauth's own modules that need it ({@code auth-redis} among them);
 * applications and providers must not use it.
 */
package dev.apiauth.core.internal;
