package dev.apiauth.core;

import dev.apiauth.spi.Api;
import dev.apiauth.spi.AuthException;
import java.util.List;
import java.util.Set;

/** No provider has the requested id; the message lists the ids that exist. */
@Api(status = Api.Status.STABLE)
public final class UnknownProviderException extends AuthException {
    /** The ids that exist when the lookup failed. */
    private final List<String> known;

    UnknownProviderException(String id, Set<String> known) {
        super(null, "no provider with id '" + id + "'; known providers: "
                + (known.isEmpty() ? "none (add a provider jar such as provider-domo to the class path)" : known));
        this.known = List.copyOf(known);
    }

    /**
     * {@return the ids of the providers that do exist, in alphabetical order; empty when no
     * provider jar is on the class path}
     */
    public List<String> knownIds() {
        return known;
    }
}
