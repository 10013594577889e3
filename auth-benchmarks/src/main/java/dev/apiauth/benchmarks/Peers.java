package dev.apiauth.benchmarks;

import java.net.URI;

/** The libraries compared, and the client account all of them use. */
public final class Peers {
    static final String CLIENT_ID = "benchmark-client";
    static final String CLIENT_SECRET = "benchmark-secret";

    private Peers() {
    }

    /** A library as the harnesses drive it. */
    public enum Library {
        APIAUTH("apiauth", "apiauth"),
        GOOGLE_AUTH("google-auth", "google-auth"),
        SPRING_SECURITY("spring-security", "spring-security"),
        /** Spring with the JDK HttpClient instead of its default HttpClient 5 pool of 5 connections. */
        SPRING_SECURITY_JDK("spring-security-jdk", "spring-security (JDK HttpClient)");

        private final String id;
        private final String label;

        Library(String id, String label) {
            this.id = id;
            this.label = label;
        }

        /** The name used on command lines, e.g. {@code google-auth}. */
        public String id() {
            return id;
        }

        /** The name shown in results. */
        public String label() {
            return label;
        }

        /** A client of this library for the endpoint, refreshing on {@code schedule} where the library lets it. */
        public TokenClient client(URI tokenUri, Schedule schedule) {
            return switch (this) {
                case APIAUTH -> Apiauth.client(tokenUri);
                case GOOGLE_AUTH -> GoogleAuth.client(tokenUri, schedule);
                case SPRING_SECURITY -> SpringSecurity.create(tokenUri, schedule, SpringSecurity.Transport.DEFAULT).client();
                case SPRING_SECURITY_JDK ->
                        SpringSecurity.create(tokenUri, schedule, SpringSecurity.Transport.JDK_HTTP_CLIENT).client();
            };
        }

        /** The library with that {@link #id()}. */
        public static Library parse(String text) {
            for (Library library : values()) {
                if (library.id.equals(text.strip())) {
                    return library;
                }
            }
            throw new IllegalArgumentException("unknown library '" + text + "'; known: "
                    + java.util.Arrays.stream(values()).map(Library::id).toList());
        }
    }
}
