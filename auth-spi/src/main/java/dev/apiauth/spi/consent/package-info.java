/**
 * The optional browser step some vendors need before any token can be fetched: a person grants
 * consent once and the vendor hands back a long-lived secret (Dotypos' refresh token). A provider
 * that needs it implements {@link dev.apiauth.spi.consent.InteractiveConsent}; a tool such as
 * {@code authctl connect <id>} drives it for any such provider without knowing the vendor.
 */
package dev.apiauth.spi.consent;
