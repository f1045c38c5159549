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

/**
 * The one HTTP client of a run: Numerai's GraphQL calls, dataset downloads and predictions uploads all go through
 * it, with the same timeouts and the same retry rules.
 */
public final class NumeraiHttp implements Closeable {
    static final String USER_AGENT = "numerai-pipeline";

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
                .setRetryStrategy(new BackoffRetryStrategy(settings.retry()))
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
