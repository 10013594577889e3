package dev.apiauth.spi.consent;

import dev.apiauth.spi.Api;
import dev.apiauth.spi.InvalidSettingsException;
import dev.apiauth.spi.ProviderSettings;
import java.net.URI;

/**
 * Implemented by an {@link dev.apiauth.spi.AuthProvider} whose accounts need a person to grant
 * consent once in a browser (it then also declares {@link dev.apiauth.spi.Capability#INTERACTIVE_CONSENT}).
 * The driver — a command-line tool, a web application's settings page — owns the browser and the
 * callback server; the provider owns the vendor's part:
 *
 * <pre>{@code
 * if (provider instanceof InteractiveConsent consent) {
 *     ConsentRequest request = consent.beginConsent(settings, URI.create("http://127.0.0.1:8765/callback"));
 *     // send the browser to request (serve request.html() locally: it works for GET and POST pages)
 *     // ... the browser comes back to the redirect URI:
 *     ConsentResult result = consent.completeConsent(request, callbackUri);   // checks the state first
 *     result.saveTo(secretStore);   // the application's store, as given to the engine
 *     // and set result.settings() (e.g. cloud-id) on the account
 * }
 * }</pre>
 */
@Api(status = Api.Status.EXPERIMENTAL)
public interface InteractiveConsent {
    /**
     * Starts one consent: where to send the browser, with a fresh random {@link ConsentRequest#state()}.
     * Call it right before sending the browser (a request may carry a signature that ages).
     *
     * @param settings the account's settings, validated against this provider
     * @param redirectUri where the vendor sends the browser back: https, or http to a loopback address
     * @return where to send the browser
     * @throws InvalidSettingsException when a setting the consent needs (e.g. a client secret) is missing
     */
    ConsentRequest beginConsent(ProviderSettings settings, URI redirectUri);

    /**
     * Reads the request that reached the redirect URI. Implementations check the callback's
     * {@code state} against {@code request}'s first, in constant time ({@code MessageDigest.isEqual}),
     * so a forged callback never gets as far as its secret.
     *
     * @param request the request this callback answers, as returned by {@link #beginConsent}
     * @param callback the callback URI, absolute or just path and query (e.g. {@code /callback?token=…})
     * @return what the consent delivered, to save with {@link ConsentResult#saveTo}
     * @throws ConsentCallbackException the callback cannot be trusted or is incomplete
     */
    ConsentResult completeConsent(ConsentRequest request, URI callback);
}
