package dev.apiauth.tck.reference;

/**
 * The fixture of {@link BrokenProviders.LeaksSecretInMessage}, for the runner's tests; deliberately
 * not registered in the test class path's services file, they add it to the runner's class path.
 */
public class LeaksSecretFixture extends ClientCredentialsFixture {
    public LeaksSecretFixture() {
        super(BrokenProviders.LeaksSecretInMessage.ID, null);
    }
}
