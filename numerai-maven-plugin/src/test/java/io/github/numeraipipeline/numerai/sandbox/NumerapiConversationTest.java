package io.github.numeraipipeline.numerai.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.numeraipipeline.numerai.MovableClock;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import io.github.numeraipipeline.numerai.parquet.ParquetFrameReader;
import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDatasetSpec;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * numerapi against the sandbox, over real HTTP: the request bodies numerapi sends, written down from its source in
 * {@code numerapi-conversation.txt} (query text as in the function named there, variables as it builds them), sent
 * in the order a user's script would, and each answer checked for the fields and value types numerapi reads
 * (a datetime it parses, a decimal string it turns into {@code Decimal}, ...). numerapi itself cannot run here (no
 * PyPI), so this is its conversation played back.
 */
class NumerapiConversationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SyntheticDatasetSpec SMALL = SyntheticDatasetSpec.defaults().withFeatureCount(40)
            .withLiveRows(300).withTrain(4, 100).withValidation(6, 120, 1);
    private static final String TOKEN = "Token " + SandboxOptions.PUBLIC_ID + "$" + SandboxOptions.SECRET_KEY;

    @TempDir
    Path temp;
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-02T12:30:00Z"));
    private final HttpClient http = HttpClient.newHttpClient();
    private GeneratedDatasets datasets;
    private SandboxServer sandbox;
    private final Map<String, Object> saved = new HashMap<>();
    private byte[] submitted;

    /** One recorded call: its name, where its text comes from, whether numerapi sends keys, body and checks. */
    record Call(String name, String source, boolean auth, String variables, List<String> expects, String query) {
    }

    @BeforeEach
    void start() throws IOException {
        datasets = new GeneratedDatasets(SMALL, temp.resolve("served"));
        sandbox = SandboxServer.start(SandboxOptions.defaults().withData(SMALL), datasets, clock,
                temp.resolve("state.json"));
        sandbox.submitPast("xgba", sandbox.roundNumber() - 3, livePredictions(sandbox.roundNumber() - 3, 0.3));
        saved.put("modelId", sandbox.modelIds().get("xgba"));
        saved.put("earlierRound", sandbox.roundNumber() - 3);
        saved.put("today", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void everyCallOfNumerapiIsAnsweredWithTheFieldsAndTypesItReads() throws Exception {
        List<Call> calls = conversation();
        assertTrue(calls.size() >= 40, "the whole conversation was read: " + calls.size());
        for (Call call : calls) {
            JsonNode answer = send(call);
            for (String expect : call.expects()) {
                answer = check(call, answer, expect);
            }
        }
    }

    @Test
    void theConversationAsksEveryRootFieldOfTheSchema() throws Exception {
        Set<String> asked = new LinkedHashSet<>();
        for (Call call : conversation()) {
            Matcher root = Pattern.compile("(?s)^\\s*(?:query|mutation)[^{]*\\{\\s*(\\w+)").matcher(call.query());
            assertTrue(root.find(), call.name());
            asked.add(root.group(1));
        }
        SandboxSchema schema = SandboxSchema.load();
        Set<String> served = new LinkedHashSet<>(schema.rootFields(false));
        served.addAll(schema.rootFields(true));
        served.removeAll(asked);
        assertEquals(Set.of(), served, "root fields no recorded call asks");
    }

    @Test
    void keysAreRefusedWithNumeraisWordsWhereNumerapiSendsThem() throws Exception {
        Call account = conversation().stream().filter(c -> c.name().equals("get_account")).findFirst().orElseThrow();
        JsonNode answer = post(account.query(), JSON.createObjectNode(), null);
        assertEquals(SandboxTournament.SESSION_INVALID, answer.path("errors").path(0).path("message").asText());
    }

    private JsonNode send(Call call) throws Exception {
        ObjectNode variables = call.variables().equals("null") ? null : (ObjectNode) JSON.readTree(call.variables());
        if (variables != null) {
            variables.fieldNames().forEachRemaining(name -> {
                JsonNode value = variables.get(name);
                if (value.isTextual() && value.asText().matches("\\$\\{\\w+}")) {
                    variables.set(name, JSON.valueToTree(saved.get(value.asText().substring(2, value.asText().length() - 1))));
                }
            });
        }
        JsonNode answer = post(call.query(), variables, call.auth() ? TOKEN : null);
        boolean refused = call.expects().stream().anyMatch(e -> e.startsWith("error "));
        if (!refused && answer.has("errors")) {
            fail(call.name() + " (" + call.source() + ") was answered with an error: " + answer.path("errors"));
        }
        return answer;
    }

    private JsonNode post(String query, ObjectNode variables, String authorization) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("query", query);
        body.set("variables", variables);
        HttpRequest.Builder request = HttpRequest.newBuilder(sandbox.endpoint())
                .header("Content-type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        return JSON.readTree(response.body());
    }

    /** Applies one check; the answer later checks look at (a poll's last answer). */
    private JsonNode check(Call call, JsonNode answer, String expect) throws Exception {
        String where = call.name() + ": " + expect + " in " + answer;
        String[] words = expect.split(" ", 3);
        JsonNode data = answer.path("data");
        switch (words[0]) {
            case "error" -> assertTrue(answer.path("errors").path(0).path("message").asText()
                    .startsWith(expect.substring("error ".length())), where);
            case "save" -> saved.put(words[1], at(data, words[2]).get(0).asText());
            case "put" -> {
                byte[] csv = words[2].equals("live") ? livePredictions(sandbox.roundNumber(), 0.7)
                        : validationPredictions();
                if (words[2].equals("live")) {
                    submitted = csv;
                }
                HttpResponse<Void> put = http.send(HttpRequest.newBuilder(URI.create(at(data, words[1]).get(0).asText()))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(csv)).build(), HttpResponse.BodyHandlers.discarding());
                assertEquals(200, put.statusCode(), where);
            }
            case "get" -> {
                HttpResponse<byte[]> get = http.send(HttpRequest.newBuilder(URI.create(at(data, words[1]).get(0).asText()))
                        .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, get.statusCode(), where);
                assertEquals(new String(submitted, StandardCharsets.UTF_8), new String(get.body(), StandardCharsets.UTF_8),
                        "the file downloaded again is the one submitted");
            }
            case "poll" -> {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                JsonNode polled = answer;
                while (!at(polled.path("data"), words[1]).get(0).asText().equals(words[2])) {
                    assertTrue(System.nanoTime() < deadline, where + ", last: " + polled);
                    assertEquals(SandboxDiagnostics.PENDING, at(polled.path("data"), words[1]).get(0).asText(), where);
                    Thread.sleep(50);
                    polled = send(call);
                }
                return polled;
            }
            default -> checkValue(where, data, words[0], words[1], words.length > 2 ? words[2] : null);
        }
        return answer;
    }

    private void checkValue(String where, JsonNode data, String path, String kind, String value) {
        List<JsonNode> values = at(data, path);
        assertFalse(values.isEmpty(), "nothing at " + where);
        for (JsonNode node : values) {
            switch (kind) {
                case "string" -> assertTrue(node.isTextual(), where);
                case "int" -> assertTrue(node.isIntegralNumber(), where);
                case "number" -> assertTrue(node.isNumber() && Double.isFinite(node.asDouble()), where);
                case "bool" -> assertTrue(node.isBoolean(), where);
                case "list" -> assertTrue(node.isArray(), where);
                case "object" -> assertTrue(node.isObject(), where);
                case "uuid" -> assertNotNull(UUID.fromString(node.asText()), where);
                case "url" -> assertTrue(node.asText().startsWith(sandbox.endpoint().toString()), where);
                case "datetime" -> assertNotNull(OffsetDateTime.parse(node.asText()), where);
                case "decimal" -> assertTrue(node.isTextual() && new BigDecimal(node.asText()).scale() >= 0, where);
                case "equals" -> assertEquals(fill(value), node.asText(), where);
                case "contains" -> assertTrue(node.isArray() && node.toString().contains("\"" + fill(value) + "\""), where);
                default -> fail("unknown check " + kind + " in " + where);
            }
        }
    }

    private String fill(String text) {
        Matcher m = Pattern.compile("\\$\\{(\\w+)}").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, String.valueOf(saved.get(m.group(1))));
        }
        return m.appendTail(out).toString();
    }

    /** The values at a path such as {@code account.models[].submissions[].id}: every element of every list. */
    private static List<JsonNode> at(JsonNode root, String path) {
        List<JsonNode> nodes = List.of(root);
        for (String step : path.split("\\.")) {
            boolean each = step.endsWith("[]");
            String name = each ? step.substring(0, step.length() - 2) : step;
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : nodes) {
                JsonNode child = node.get(name);
                if (child == null || child.isNull()) {
                    continue;
                }
                if (each) {
                    child.forEach(next::add);
                } else {
                    next.add(child);
                }
            }
            nodes = next;
        }
        return nodes;
    }

    private byte[] livePredictions(int round, double shift) throws IOException {
        StringBuilder csv = new StringBuilder("id,prediction\n");
        int i = 0;
        for (String id : sandbox.liveIds(round)) {
            csv.append(id).append(',').append(String.format(Locale.ROOT, "%.6f", (i++ * 0.618 + shift) % 1)).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The validation target plus noise: predictions with a real, positive correlation to score. */
    private byte[] validationPredictions() throws Exception {
        FeatureFrame frame = new ParquetFrameReader().read(datasets.file("v5.2/validation.parquet"), List.of(),
                List.of("target"));
        float[] target = frame.target("target");
        StringBuilder csv = new StringBuilder("id,prediction\n");
        for (int r = 0; r < frame.rowCount(); r++) {
            double t = Float.isNaN(target[r]) ? 0.5 : target[r];
            double value = 0.5 * t + 0.5 * ((r * 0.618) % 1);
            csv.append(frame.ids().get(r)).append(',').append(String.format(Locale.ROOT, "%.6f", value)).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    static List<Call> conversation() throws IOException {
        String text;
        try (InputStream in = NumerapiConversationTest.class.getResourceAsStream("numerapi-conversation.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Call> calls = new ArrayList<>();
        for (String section : text.split("\n### ")) {
            if (section.startsWith("#")) {
                continue;
            }
            String[] lines = section.split("\n");
            String source = null;
            String variables = null;
            boolean auth = false;
            List<String> expects = new ArrayList<>();
            int i = 1;
            for (; i < lines.length && !lines[i].equals("query:"); i++) {
                String line = lines[i];
                if (line.startsWith("source: ")) {
                    source = line.substring(8);
                } else if (line.startsWith("auth: ")) {
                    auth = line.substring(6).equals("yes");
                } else if (line.startsWith("variables: ")) {
                    variables = line.substring(11);
                } else if (line.startsWith("expect: ")) {
                    expects.add(line.substring(8));
                }
            }
            StringBuilder query = new StringBuilder();
            for (i++; i < lines.length; i++) {
                query.append(lines[i]).append('\n');
            }
            calls.add(new Call(lines[0], source, auth, variables, expects, query.toString()));
        }
        return calls;
    }
}
