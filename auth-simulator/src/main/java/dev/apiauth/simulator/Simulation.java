package dev.apiauth.simulator;

import dev.apiauth.shapes.VendorResponse;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** One vendor's simulation, served under {@code /{id}/} of the simulator. */
interface Simulation {
    /** The provider id, also the first path segment. */
    String id();

    /** The ways a provider can be configured against this simulation; the first is the default. */
    List<String> variants();

    /** Complete provider settings pointing at {@code base} (the vendor's prefix, e.g. {@code http://…/doo}). */
    Map<String, String> settings(URI base, String variant);

    /** The protected API endpoint for {@code variant}. */
    URI apiUri(URI base, String variant);

    /** Answers one request whose path below the vendor's prefix is {@link Request#path()}. */
    VendorResponse handle(Request request, URI base);
}
