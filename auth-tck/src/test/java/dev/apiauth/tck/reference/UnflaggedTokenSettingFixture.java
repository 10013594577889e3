package dev.apiauth.tck.reference;

/**
 * The fixture of {@link BrokenProviders.UnflaggedTokenSetting}, for the runner's tests of warnings;
 * like {@link LeaksSecretFixture} not registered in the test class path's services file.
 */
public class UnflaggedTokenSettingFixture extends ClientCredentialsFixture {
    public UnflaggedTokenSettingFixture() {
        super(BrokenProviders.UnflaggedTokenSetting.ID, null);
    }
}
