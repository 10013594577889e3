/**
 * Engine machinery other packages of auth-core share: the Jackson-backed {@link dev.apiauth.spi.Json}
 * and the reference-counted executors. Not exported, except to apiauth's own modules that need the
 * same JSON handling; users and providers do not call it, and it may change in any release.
 */
package dev.apiauth.core.internal;
