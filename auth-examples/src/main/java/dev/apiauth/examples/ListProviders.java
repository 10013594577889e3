package dev.apiauth.examples;

import dev.apiauth.core.AuthProviders;

/** Prints the id of every provider found on the class path, one per line: a plain discovery check. */
public final class ListProviders {
    private ListProviders() {
    }

    public static void main(String[] args) {
        AuthProviders.discover().ids().forEach(System.out::println);
    }
}
