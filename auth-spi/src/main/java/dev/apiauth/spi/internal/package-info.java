/**
 * The engine's side of the SPI: validating and parsing setting values, building
 * {@link dev.apiauth.spi.ProviderSettings}, recognising loopback hosts. Not exported (the module
 * exports it only to apiauth's own modules); providers and users do not call it, and it may change
 * in any release.
 */
package dev.apiauth.spi.internal;
