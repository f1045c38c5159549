package io.github.numeraipipeline.numerai.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.numeraipipeline.numerai.sandbox.InMemoryDatasets;
import io.github.numeraipipeline.numerai.sandbox.SandboxOptions;
import io.github.numeraipipeline.numerai.sandbox.SandboxServer;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our client and the sandbox stay in step: every query text of {@link GraphQlQueries} is one the sandbox's schema
 * answers (a field it does not know, a selection it cannot make or a variable it does not bind would fail here
 * before it fails a desk). Each is sent raw, with a value for each declared variable; what is checked is that the
 * sandbox reads the document, not what the operation does (a create without an upload is refused for that reason).
 */
class ClientAndSandboxInStepTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How a GraphQL server words a document it cannot run, as opposed to an operation that fails. */
    private static final Pattern DOCUMENT_ERROR = Pattern.compile(
            "^(Cannot query field|Field \"|Variable \"|Syntax Error|Unknown|Must provide|Fields \").*");

    @TempDir
    Path temp;

    @Test
    void everyQueryOfTheClientIsADocumentTheSandboxAnswers() throws Exception {
        List<String> checked = new ArrayList<>();
        InMemoryDatasets datasets = new InMemoryDatasets(temp).with("v5.0/live.parquet", new byte[10]);
        try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults(), datasets)) {
            HttpClient http = HttpClient.newHttpClient();
            for (Field constant : GraphQlQueries.class.getDeclaredFields()) {
                if (!Modifier.isStatic(constant.getModifiers()) || constant.getType() != String.class) {
                    continue;
                }
                constant.setAccessible(true);
                String query = (String) constant.get(null);
                ObjectNode body = JSON.createObjectNode().put("query", query);
                body.set("variables", variables(query, sandbox.modelIds().get("xgba")));
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(sandbox.endpoint())
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Token " + SandboxOptions.PUBLIC_ID + "$" + SandboxOptions.SECRET_KEY)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, response.statusCode(), constant.getName());
                JsonNode answer = JSON.readTree(new String(response.body(), StandardCharsets.UTF_8));
                for (JsonNode error : answer.path("errors")) {
                    assertFalse(DOCUMENT_ERROR.matcher(error.path("message").asText()).matches(),
                            "GraphQlQueries." + constant.getName() + " is not a document the sandbox answers: " + error);
                }
                checked.add(constant.getName());
            }
        }
        assertTrue(checked.containsAll(List.of("CURRENT_ROUND", "LIST_DATASETS", "DATASET", "ACCOUNT_MODELS",
                "SUBMISSION_UPLOAD_AUTH", "CREATE_SUBMISSION", "SUBMISSIONS", "ROUNDS", "SUBMISSION_SCORES")), checked.toString());
    }

    /** A value for each variable the query declares, of its type. */
    private static ObjectNode variables(String query, String modelId) {
        ObjectNode variables = JSON.createObjectNode();
        Matcher declared = Pattern.compile("\\$(\\w+)\\s*:\\s*(\\w+)").matcher(query.substring(0, query.indexOf('{')));
        while (declared.find()) {
            String name = declared.group(1);
            switch (name) {
                case "modelId" -> variables.put(name, modelId);
                case "filename" -> variables.put(name, "v5.0/live.parquet");
                case "round", "triggerId", "dataDatestamp" -> variables.putNull(name);
                default -> {
                    if (declared.group(2).equals("Int")) {
                        variables.put(name, name.equals("tournament") ? 8 : 3);
                    } else {
                        variables.put(name, "x");
                    }
                }
            }
        }
        return variables;
    }
}
