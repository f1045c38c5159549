package io.github.numeraipipeline.numerai.sandbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.numeraipipeline.numerai.sandbox.GraphQlDocument.GraphQlSyntaxException;
import io.github.numeraipipeline.numerai.sandbox.SandboxTournament.GraphQlFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An offline Numerai tournament on loopback: the GraphQL endpoint at {@code /}, signed dataset downloads under
 * {@code /datasets/} (with {@code Content-Length} and {@code Range}), signed upload URLs under {@code /uploads/}.
 * It is the test double of every test that talks to the API, and what lets a newcomer run the whole daily job
 * without keys. Its account's keys are {@link SandboxOptions#PUBLIC_ID} and {@link SandboxOptions#SECRET_KEY}.
 */
public final class SandboxServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTHORIZATION = "Token " + SandboxOptions.PUBLIC_ID + "$" + SandboxOptions.SECRET_KEY;

    /** A GraphQL call as the sandbox received it (faulted attempts too), for tests to assert what a client sent. */
    public record RecordedRequest(String query, Map<String, Object> variables, String authorization) {
    }

    /** A dataset download as the sandbox received it: which file, and the {@code Range} asked for, if any. */
    public record RecordedDownload(String file, String range) {
    }

    /** A submission the sandbox accepted: which model, which round, the bytes uploaded. */
    public record Submission(String id, String modelId, String filename, String triggerId, int round, boolean late,
                             byte[] bytes) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final SandboxTournament tournament;
    private final SandboxDiagnostics diagnostics;
    private final SandboxApi api;
    private final UrlSigner signer;
    private final DatasetSource datasets;
    private final SandboxFaults faults = new SandboxFaults();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<RecordedDownload> downloads = new CopyOnWriteArrayList<>();

    private SandboxServer(SandboxOptions options, DatasetSource source, Clock clock, Path state) throws IOException {
        DatasetSource datasets = source.forRound(options.roundNumber());
        this.datasets = datasets;
        this.signer = new UrlSigner(clock);
        this.tournament = new SandboxTournament(options, clock, datasets, signer,
                new SandboxScoreboard(state, datasets.synthetic(), options.resolveAfter(), clock));
        this.diagnostics = new SandboxDiagnostics(datasets, clock);
        this.api = new SandboxApi(tournament, diagnostics);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 0);
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "numerai-sandbox");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(exchange, this::graphQl));
        server.createContext("/datasets/", exchange -> handle(exchange, this::download));
        server.createContext("/uploads/", exchange -> handle(exchange, this::upload));
        server.createContext("/submissions/", exchange -> handle(exchange, this::downloadSubmission));
    }

    public static SandboxServer start(SandboxOptions options, DatasetSource datasets) throws IOException {
        return start(options, datasets, Clock.systemUTC());
    }

    public static SandboxServer start(SandboxOptions options, DatasetSource datasets, Clock clock) throws IOException {
        return start(options, datasets, clock, null);
    }

    /**
     * A sandbox that keeps its scored submissions in {@code state} (null: in memory only), so that the runs of
     * consecutive days build a score history.
     */
    public static SandboxServer start(SandboxOptions options, DatasetSource datasets, Clock clock, Path state)
            throws IOException {
        SandboxServer sandbox = new SandboxServer(options, datasets, clock, state);
        sandbox.server.start();
        LOG.debug("Numerai sandbox listening at {}", sandbox.endpoint());
        return sandbox;
    }

    /** The GraphQL endpoint, to use as {@code numerai.apiUrl}. */
    public URI endpoint() {
        return URI.create(base() + "/");
    }

    public SandboxFaults faults() {
        return faults;
    }

    /** The account's models, name to id. */
    public Map<String, String> modelIds() {
        return tournament.modelIds();
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public List<RecordedDownload> downloads() {
        return List.copyOf(downloads);
    }

    /** Server-side names of the files that were PUT to an upload URL. */
    public List<String> uploads() {
        return tournament.uploads().values().stream().filter(u -> u.bytes() != null)
                .map(SandboxTournament.Upload::filename).toList();
    }

    public List<Submission> submissions() {
        List<Submission> list = new ArrayList<>();
        for (SandboxTournament.RecordedSubmission s : tournament.submissions()) {
            list.add(new Submission(s.id(), s.modelId(), s.filename(), s.triggerId(), s.round(), s.late(), s.bytes()));
        }
        return list;
    }

    /**
     * Submits {@code csv} as model {@code model}'s predictions of an earlier round and scores it, as if it had been
     * sent while that round was open: how {@code numerai.sandbox.history} gives a new desk a chart.
     *
     * @throws IllegalArgumentException when the model is unknown or the predictions fail Numerai's checks
     */
    public void submitPast(String model, int round, byte[] csv) {
        try {
            tournament.recordPast(model, round, csv);
        } catch (GraphQlFailure e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The rounds the sandbox has a scored submission of {@code model} for, this run's and earlier runs'. */
    public Set<Integer> scoredRounds(String model) {
        return tournament.scoredRounds(model);
    }

    /**
     * A file the sandbox serves ({@code v5.0/live.parquet}, a round's {@code v5.0/live_1290.parquet}), made first if
     * need be; null when there is none.
     */
    public Path datasetFile(String name) throws IOException {
        return tournament.serves(name) ? tournament.datasetFile(name) : datasets.file(name);
    }

    /** The ids of round {@code round}'s live file: what predictions for that round must cover. */
    public Set<String> liveIds(int round) throws IOException {
        String version = datasets.files().stream().filter(f -> f.endsWith("/live.parquet"))
                .map(f -> f.substring(0, f.indexOf('/'))).reduce((a, b) -> b).orElse("v5.0");
        return datasets.liveIds(version, round);
    }

    /** The round the sandbox plays today. */
    public int roundNumber() {
        return tournament.roundNumber();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        diagnostics.close();
    }

    private String base() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    /** Thrown out of a handler to make the JDK server close the connection mid-answer, as a network cut does. */
    private static final class CutConnection extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CutConnection() {
            super("connection cut on purpose", null, false, false);
        }
    }

    private static void handle(HttpExchange exchange, Handler handler) {
        try (exchange) {
            handler.handle(exchange);
        } catch (CutConnection cut) {
            throw cut; // the server closes the socket only for an exception that reaches it
        } catch (IOException | RuntimeException e) {
            LOG.debug("Sandbox request {} {} ended with {}", exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), e.toString());
        }
    }

    private void graphQl(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            send(exchange, 405, "text/plain", "The Numerai API takes GraphQL as POST".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Map<String, Object> request;
        try {
            request = JSON.readValue(exchange.getRequestBody(), new TypeReference<>() { });
        } catch (IOException notJson) {
            request = null;
        }
        String query = request != null && request.get("query") instanceof String text ? text : null;
        @SuppressWarnings("unchecked")
        Map<String, Object> variables = request != null && request.get("variables") instanceof Map<?, ?> map
                ? (Map<String, Object>) map : Map.of();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        requests.add(new RecordedRequest(query, variables, authorization));
        if (transportFault(exchange)) {
            return;
        }
        if (request == null) {
            sendJson(exchange, 400, errors("POST body sent invalid JSON."));
            return;
        }
        if (query == null) {
            sendJson(exchange, 400, errors("Must provide query string."));
            return;
        }
        GraphQlDocument document;
        try {
            document = GraphQlDocument.parse(query, variables,
                    request.get("operationName") instanceof String name ? name : null);
        } catch (GraphQlSyntaxException e) {
            sendJson(exchange, 200, errors(e.getMessage()));
            return;
        }
        boolean creates = document.isMutation()
                && document.fields().stream().anyMatch(f -> f.name().equals("create_submission"));
        if (creates && faults.createFailsBeforeRecording.fire()) {
            send(exchange, 500, "text/plain", "Internal Server Error".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (asksForTheCurrentRound(document) && faults.roundClosed.fire()) {
            sendJson(exchange, 200, errors(SandboxTournament.ROUND_NOT_OPEN));
            return;
        }
        Map<String, Object> answer;
        try {
            answer = Map.of("data", api.execute(document, AUTHORIZATION.equals(authorization), base()));
        } catch (GraphQlFailure failure) {
            answer = errors(failure.getMessage());
        }
        if (creates && faults.createAnswerLost.fire()) {
            return; // recorded, but the connection closes before the answer goes out
        }
        sendJson(exchange, 200, answer);
    }

    private static boolean asksForTheCurrentRound(GraphQlDocument document) {
        return !document.isMutation() && document.fields().stream().anyMatch(f -> f.name().equals("rounds")
                && f.arguments().get("number") instanceof Number number && number.intValue() == 0);
    }

    /** Applies a switched-on fault of the GraphQL endpoint; true when the request is answered by it. */
    private boolean transportFault(HttpExchange exchange) throws IOException {
        if (faults.graphQlDrop.fire()) {
            return true;
        }
        if (faults.graphQlStatus.fire()) {
            int status = (int) faults.graphQlStatus.value();
            send(exchange, status, "text/html", ("<html><body>" + status + "</body></html>").getBytes(StandardCharsets.UTF_8));
            return true;
        }
        if (faults.graphQlRateLimit.fire()) {
            exchange.getResponseHeaders().set("Retry-After", Long.toString(faults.graphQlRateLimit.value()));
            sendJson(exchange, 429, errors("Too many requests"));
            return true;
        }
        if (faults.graphQlSlow.fire()) {
            try {
                Thread.sleep(faults.graphQlSlow.value());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        return false;
    }

    private void download(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
            send(exchange, 405, "text/plain", new byte[0]);
            return;
        }
        if (!signer.verify(uri.getRawPath(), uri.getRawQuery())) {
            send(exchange, 403, "application/xml", accessDenied("SignatureDoesNotMatch"));
            return;
        }
        String name = uri.getPath().substring("/datasets/".length());
        downloads.add(new RecordedDownload(name, exchange.getRequestHeaders().getFirst("Range")));
        Path file = tournament.serves(name) ? tournament.datasetFile(name) : null;
        if (file == null) {
            send(exchange, 404, "application/xml", accessDenied("NoSuchKey"));
            return;
        }
        if (faults.downloadStatus.fire()) {
            send(exchange, (int) faults.downloadStatus.value(), "application/xml", accessDenied("ServiceUnavailable"));
            return;
        }
        long size = Files.size(file);
        long from = rangeStart(exchange.getRequestHeaders().getFirst("Range"));
        if (from >= size && size > 0) {
            exchange.getResponseHeaders().set("Content-Range", "bytes */" + size);
            send(exchange, 416, "application/xml", accessDenied("InvalidRange"));
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
        if (from > 0) {
            exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (size - 1) + "/" + size);
        }
        long length = size - from;
        boolean truncate = faults.downloadTruncate.fire();
        exchange.sendResponseHeaders(from > 0 ? 206 : 200, length == 0 ? -1 : length);
        try (InputStream in = Files.newInputStream(file); OutputStream out = exchange.getResponseBody()) {
            in.skipNBytes(from);
            if (truncate) {
                out.write(in.readNBytes((int) Math.min(Integer.MAX_VALUE, length / 2)));
                out.flush();
                throw new CutConnection();
            }
            in.transferTo(out);
        }
    }

    private void upload(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        if (!exchange.getRequestMethod().equals("PUT")) {
            send(exchange, 405, "text/plain", new byte[0]);
            return;
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (!signer.verify(uri.getRawPath(), uri.getRawQuery())) {
            send(exchange, 403, "application/xml", accessDenied("SignatureDoesNotMatch"));
            return;
        }
        if (faults.uploadStatus.fire()) {
            send(exchange, (int) faults.uploadStatus.value(), "application/xml", accessDenied("InternalError"));
            return;
        }
        if (!tournament.acceptUpload(uri.getPath().substring("/uploads/".length()), body)) {
            send(exchange, 404, "application/xml", accessDenied("NoSuchUpload"));
            return;
        }
        send(exchange, 200, "text/plain", new byte[0]);
    }

    /** A submitted file, downloaded again through the URL of {@code submissionDownloadAuth}. */
    private void downloadSubmission(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        if (!exchange.getRequestMethod().equals("GET")) {
            send(exchange, 405, "text/plain", new byte[0]);
            return;
        }
        if (!signer.verify(uri.getRawPath(), uri.getRawQuery())) {
            send(exchange, 403, "application/xml", accessDenied("SignatureDoesNotMatch"));
            return;
        }
        try {
            send(exchange, 200, "text/csv",
                    tournament.submittedFile(uri.getPath().substring("/submissions/".length())).bytes());
        } catch (GraphQlFailure notFound) {
            send(exchange, 404, "application/xml", accessDenied("NoSuchKey"));
        }
    }

    private static long rangeStart(String range) {
        if (range == null || !range.matches("bytes=\\d+-")) {
            return 0;
        }
        return Long.parseLong(range.substring("bytes=".length(), range.length() - 1));
    }

    private static Map<String, Object> errors(String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("locations", List.of());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("errors", List.of(error));
        answer.put("data", null);
        return answer;
    }

    private static byte[] accessDenied(String code) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code></Error>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
