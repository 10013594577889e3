package dev.apiauth.core;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run by {@link CredentialsCloseTest} in a fresh JVM (so no other test's account holds the
 * engine's threads): builds N accounts against a loopback token endpoint, makes them use every
 * engine thread (first tokens, a background refresh, call deadlines), closes them and prints the
 * {@code apiauth-*} threads alive before and after.
 */
public final class CloseEverythingMain {
    private CloseEverythingMain() {
    }

    public static void main(String[] args) throws IOException {
        int accounts = Integer.parseInt(args[0]);
        AtomicInteger served = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", exchange -> {
            // 1 s tokens: stale after 0.8 s, so a background refresh happens quickly.
            byte[] body = ("{\"access_token\":\"t-" + served.incrementAndGet()
                    + "\",\"token_type\":\"Bearer\",\"expires_in\":1}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String tokenUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
            List<Credentials> all = new ArrayList<>();
            for (int i = 0; i < accounts; i++) {
                all.add(Credentials.builder(new OAuthTestProvider()).settings(Map.of("client-id", "client-" + i,
                        "client-secret", OAuthTestProvider.CLIENT_SECRET, "token-url", tokenUrl)).build());
            }
            for (Credentials credentials : all) {
                credentials.headers();
            }
            // Wait for the first background refresh (the refresh pool's thread) by the state it leaves behind.
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (served.get() <= accounts && System.nanoTime() < deadline) {
                all.forEach(Credentials::headers);
                Thread.onSpinWait();
            }
            System.out.println("served " + served.get());
            System.out.println("before close " + apiauthThreads());
            all.forEach(Credentials::close);
            System.out.println("after close " + apiauthThreads());
        } finally {
            server.stop(0);
        }
    }

    private static List<String> apiauthThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("apiauth-")).sorted().toList();
    }
}
