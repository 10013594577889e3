package dev.apiauth.benchmarks;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

/**
 * Spring Security's OAuth2 client as its reference documentation sets it up for service-to-service
 * calls outside a web request: an {@link AuthorizedClientServiceOAuth2AuthorizedClientManager} over
 * an in-memory registration and authorized-client service, with the client-credentials provider.
 */
public final class SpringSecurity {
    static final String REGISTRATION_ID = "bench";

    /** How the token response client reaches the token endpoint. */
    public enum Transport {
        /**
         * Spring's default {@code RestClient}: with HttpClient 5 on the class path (it is, through
         * apiauth) that is HttpClient 5 with its default pool of 5 connections per route.
         */
        DEFAULT,
        /** The JDK's {@code HttpClient}, no connection limit: Spring's documented way to replace the RestClient. */
        JDK_HTTP_CLIENT
    }

    private final AuthorizedClientServiceOAuth2AuthorizedClientManager manager;
    private final OAuth2AuthorizeRequest request;

    private SpringSecurity(AuthorizedClientServiceOAuth2AuthorizedClientManager manager) {
        this.manager = manager;
        // Built once: Spring's RestClient interceptor builds one per request, so reusing it favours Spring slightly.
        this.request = OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION_ID)
                .principal("benchmark-service")
                .build();
    }

    /** The manager for the benchmark registration at {@code tokenUri}. */
    public static SpringSecurity create(URI tokenUri, Schedule schedule, Transport transport) {
        Objects.requireNonNull(tokenUri, "tokenUri");
        ClientRegistration registration = ClientRegistration.withRegistrationId(REGISTRATION_ID)
                .clientId(Peers.CLIENT_ID)
                .clientSecret(Peers.CLIENT_SECRET)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenUri(tokenUri.toString())
                .build();
        InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
        OAuth2AuthorizedClientProvider provider = OAuth2AuthorizedClientProviderBuilder.builder()
                .clientCredentials(grant -> {
                    if (!schedule.isDefault()) {
                        grant.clockSkew(schedule.expiryMargin());
                    }
                    if (transport == Transport.JDK_HTTP_CLIENT) {
                        grant.accessTokenResponseClient(jdkTokenResponseClient());
                    }
                })
                .build();
        AuthorizedClientServiceOAuth2AuthorizedClientManager manager =
                new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations,
                        new InMemoryOAuth2AuthorizedClientService(registrations));
        manager.setAuthorizedClientProvider(provider);
        return new SpringSecurity(manager);
    }

    private static RestClientClientCredentialsTokenResponseClient jdkTokenResponseClient() {
        RestClientClientCredentialsTokenResponseClient client = new RestClientClientCredentialsTokenResponseClient();
        client.setRestClient(RestClient.builder()
                .messageConverters(List.of(new FormHttpMessageConverter(), new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .requestFactory(new JdkClientHttpRequestFactory())
                .build());
        return client;
    }

    /** What an application calls per request: the authorized client, fetched or refreshed as needed. */
    public OAuth2AuthorizedClient authorize() {
        return manager.authorize(request);
    }

    /** The harnesses' view: the {@code Authorization} header value Spring's interceptors would send. */
    public TokenClient client() {
        return () -> "Bearer " + authorize().getAccessToken().getTokenValue();
    }
}
