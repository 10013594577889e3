/**
 * RFC 6749 building blocks so an OAuth2 provider is mostly declaration: grant requests
 * ({@link dev.apiauth.spi.oauth2.GrantRequest}), client authentication, token-response parsing and
 * error mapping ({@link dev.apiauth.spi.oauth2.TokenResponses}), and reading a JWT's expiry
 * ({@link dev.apiauth.spi.oauth2.Jwt}).
 */
package dev.apiauth.spi.oauth2;
