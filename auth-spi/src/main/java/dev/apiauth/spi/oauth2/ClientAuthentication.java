package dev.apiauth.spi.oauth2;

import dev.apiauth.spi.Api;

/** How a client proves its identity to a token endpoint (RFC 6749 §2.3.1). */
@Api(status = Api.Status.STABLE)
public enum ClientAuthentication {
    /** {@code Authorization: Basic base64(id:secret)} ({@code client_secret_basic}). */
    BASIC,
    /** {@code client_id} and {@code client_secret} as body parameters ({@code client_secret_post}). */
    BODY
}
