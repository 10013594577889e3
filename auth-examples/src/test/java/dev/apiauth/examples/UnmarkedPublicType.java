package dev.apiauth.examples;

/** A public type without {@code @Api}: {@link ApiMarksTest}'s negative control. */
public final class UnmarkedPublicType {
    private UnmarkedPublicType() {
    }
}
