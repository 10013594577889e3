/**
 * Test helpers for code that uses apiauth, dependency-free beyond {@code auth-spi}:
 * {@link dev.apiauth.testing.MutableClock} (a clock a test moves by hand),
 * {@link dev.apiauth.testing.TestJwt} (compact JWTs with the claims a test needs) and
 * {@link dev.apiauth.testing.RecordingSecretStore} (an in-memory secret store a test can inspect).
 */
package dev.apiauth.testing;
