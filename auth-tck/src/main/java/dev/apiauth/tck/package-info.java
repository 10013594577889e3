/**
 * The apiauth Technology Compatibility Kit: the contract every provider must pass.
 *
 * <p>Stable API for provider authors: {@link dev.apiauth.tck.AuthProviderContract} (extend it),
 * {@link dev.apiauth.tck.ContractFixture} with {@link dev.apiauth.tck.TokenEndpointFixture} and
 * {@link dev.apiauth.tck.RefreshTokenFixture} (describe the vendor), {@link dev.apiauth.tck.IssuedToken},
 * {@link dev.apiauth.tck.FakeClock}, {@link dev.apiauth.tck.Rule} (the catalogue),
 * {@link dev.apiauth.tck.ContractSuite} and {@link dev.apiauth.tck.TckRunner} (the ServiceLoader way in)
 * and {@link dev.apiauth.tck.TckConfigurationException}. Everything package-private may change.
 */
package dev.apiauth.tck;
