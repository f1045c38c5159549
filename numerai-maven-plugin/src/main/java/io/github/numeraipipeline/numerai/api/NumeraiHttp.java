package io.github.numeraipipeline.numerai.api;

import java.io.Closeable;
import java.io.IOException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.io.HttpClientResponseHandler;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP client of a run: Numerai's GraphQL calls, dataset downloads and predictions uploads all go through
 * it, with the same timeouts and the same retry rules.
 */
public final class NumeraiHttp implements Closeable {
    static final String USER_AGENT = "numerai-pipeline";
    /** HttpClient's loggers that print request headers, and so the {@code Authorization} header with the keys. */
    private static final String[] HEADER_LOGS = {"org.apache.hc.client5.http.headers", "org.apache.hc.client5.http.wire"};

    static {
        // Maven's -X (or a debug root level anywhere slf4j-simple is the binding) would print every header. These two
        // loggers stay at INFO: set before HttpClient creates them, which happens with its first connection.
        for (String log : HEADER_LOGS) {
            System.setProperty("org.slf4j.simpleLogger.log." + log, "info");
        }
    }

    /**
     * Whether HttpClient would still print request headers (another slf4j binding, a logger made earlier): then
     * calls that carry keys must not be sent.
     */
    static boolean headersWouldBeLogged() {
        for (String log : HEADER_LOGS) {
            if (LoggerFactory.getLogger(log).isDebugEnabled()) {
                return true;
            }
        }
        return false;
    }

    private final CloseableHttpClient client;

    public NumeraiHttp(ApiSettings settings) {
        ConnectionConfig connection = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                .setSocketTimeout(Timeout.of(settings.responseTimeout()))
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(connection)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(settings.responseTimeout()))
                        .build())
                .setRetryStrategy(new BackoffRetryStrategy(settings.retry(), settings.clock()))
                .setUserAgent(USER_AGENT)
                .disableCookieManagement()
                .build();
    }

    /**
     * Sends a request; {@code retryable} says whether it is safe to send again after a failure whose effect on the
     * server is unknown (true for reads and PUTs of the same bytes, false for mutations).
     */
    public <T> T execute(ClassicHttpRequest request, boolean retryable, HttpClientResponseHandler<T> handler)
            throws IOException {
        HttpClientContext context = HttpClientContext.create();
        BackoffRetryStrategy.allowRetries(context, retryable);
        return client.execute(request, context, handler);
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
