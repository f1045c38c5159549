package io.github.numeraipipeline.jenkins.harness

import com.sun.net.httpserver.HttpExchange
import com.sun.net.httpserver.HttpServer

/** A chat webhook on the loopback interface: records each request (method, path, content type, body). */
class LoopbackWebhook implements Closeable {

    final List<Map<String, String>> requests = Collections.synchronizedList([])
    /** The HTTP status it answers with. */
    int status = 200
    private final HttpServer server

    LoopbackWebhook() {
        server = HttpServer.create(new InetSocketAddress(InetAddress.loopbackAddress, 0), 0)
        server.createContext('/') { HttpExchange exchange ->
            requests << [method     : exchange.requestMethod, path: exchange.requestURI.toString(),
                         contentType: exchange.requestHeaders.getFirst('Content-Type'),
                         body       : exchange.requestBody.text]
            exchange.sendResponseHeaders(status, -1)
            exchange.close()
        }
        server.start()
    }

    String url(String path) {
        "http://127.0.0.1:${server.address.port}${path}"
    }

    @Override
    void close() {
        server.stop(0)
    }
}
