package io.github.numeraipipeline.numerai.sandbox;

import io.github.numeraipipeline.numerai.sandbox.GraphQlDocument.Field;
import io.github.numeraipipeline.numerai.sandbox.SandboxTournament.GraphQlFailure;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The sandbox's GraphQL API: which handler answers which root field of {@code schema.graphql}. A request is checked
 * against the schema first, then each root field is answered by its handler and cut down to the selection.
 */
final class SandboxApi {
    private final SandboxSchema schema = SandboxSchema.load();
    private final Map<String, RootField> queries = new LinkedHashMap<>();
    private final Map<String, RootField> mutations = new LinkedHashMap<>();

    SandboxApi(SandboxTournament tournament, SandboxDiagnostics diagnostics) {
        queries.put("rounds", new RoundFields.Rounds(tournament));
        queries.put("pipelineStatus", new RoundFields.PipelineStatus(tournament));
        queries.put("listDatasets", new RoundFields.ListDatasets(tournament));
        queries.put("dataset", new RoundFields.Dataset(tournament));
        queries.put("account", new AccountFields.Account(tournament));
        queries.put("accountProfile", new AccountFields.AccountProfile(tournament));
        queries.put("model", new AccountFields.Model(tournament));
        queries.put("submissions", new SubmissionFields.Submissions(tournament));
        queries.put("submission_upload_auth", new SubmissionFields.UploadAuth(tournament, "predictions"));
        queries.put("submissionDownloadAuth", new SubmissionFields.DownloadAuth(tournament));
        queries.put("submissionScores", new ScoreFields.SubmissionScores(tournament));
        queries.put("v2RoundModelPerformances", new ScoreFields.RoundModelPerformances(tournament));
        queries.put("diagnosticsUploadAuth", new SubmissionFields.UploadAuth(tournament, "diagnostics"));
        queries.put("diagnostics", new DiagnosticsFields.Poll(tournament, diagnostics));
        RootField staking = new NotInSandbox("staking");
        queries.put("v3StakeAuth", staking);
        queries.put("v3StakeConfig", staking);
        queries.put("v3StakeRound", staking);
        queries.put("v3StakeClaim", staking);
        queries.put("pendingModelPayouts", new NotInSandbox("paying out NMR"));
        RootField modelUploads = new NotInSandbox("running uploaded models (model uploads)");
        queries.put("computePickleUploadAuth", modelUploads);
        queries.put("computePickleDataVersions", modelUploads);
        queries.put("computePickleDockerImages", modelUploads);

        mutations.put("create_submission", new SubmissionFields.CreateSubmission(tournament));
        mutations.put("createDiagnostics", new DiagnosticsFields.Create(tournament, diagnostics));
        mutations.put("setSubmissionWebhook", new SubmissionFields.SetWebhook(tournament));
        mutations.put("triggerModelWebhook", new SubmissionFields.TriggerWebhook(tournament));
        mutations.put("v2ChangeStake", staking);
        mutations.put("releaseStake", staking);
        mutations.put("createComputePickleUpload", modelUploads);
        RootField profile = new NotInSandbox("editing a public profile");
        mutations.put("setUserBio", profile);
        mutations.put("setUserLink", profile);
        requireOneHandlerPerRootField(false, queries);
        requireOneHandlerPerRootField(true, mutations);
    }

    /** The {@code data} of an answer, keyed by each root field's answer key. */
    Map<String, Object> execute(GraphQlDocument document, boolean authenticated, String base) throws GraphQlFailure {
        schema.validate(document);
        RootField.Call call = new RootField.Call(authenticated, base);
        Map<String, Object> data = new LinkedHashMap<>();
        for (Field field : document.fields()) {
            if (field.name().equals("__typename")) {
                data.put(field.key(), document.isMutation() ? "Mutation" : "Query");
                continue;
            }
            RootField handler = (document.isMutation() ? mutations : queries).get(field.name());
            if (handler.needsKeys() && !authenticated) {
                throw new GraphQlFailure(SandboxTournament.SESSION_INVALID);
            }
            Object value = handler.answer(field, call);
            data.put(field.key(), schema.select(value, field, schema.rootType(document.isMutation(), field.name())));
        }
        return data;
    }

    SandboxSchema schema() {
        return schema;
    }

    private void requireOneHandlerPerRootField(boolean mutation, Map<String, RootField> handlers) {
        if (!new TreeSet<>(schema.rootFields(mutation)).equals(new TreeSet<>(handlers.keySet()))) {
            throw new IllegalStateException("schema.graphql's " + (mutation ? "Mutation" : "Query") + " fields "
                    + new TreeSet<>(schema.rootFields(mutation)) + " and the handlers " + new TreeSet<>(handlers.keySet())
                    + " differ");
        }
    }
}
