/**
 * Offline simulations of the five vendors for the demo and for users' own tests:
 * {@link dev.apiauth.simulator.VendorSimulator} serves them on loopback,
 * {@link dev.apiauth.simulator.VendorSimulatorExtension} runs one per JUnit 5 test class or test.
 * The vendors' answers themselves are in {@link dev.apiauth.shapes}.
 */
package dev.apiauth.simulator;
