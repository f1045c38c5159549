package io.github.numeraipipeline.numerai.sandbox;

import io.github.numeraipipeline.numerai.sandbox.GraphQlDocument.Field;
import io.github.numeraipipeline.numerai.sandbox.SandboxTournament.GraphQlFailure;
import java.util.Map;

/** The root fields of submitting: upload auth, create, list, download again, and the webhook a submission uses. */
final class SubmissionFields {
    private SubmissionFields() {
    }

    /**
     * {@code submission_upload_auth} and {@code diagnosticsUploadAuth}: a server-side file name and a signed PUT URL
     * for it; the kind of upload ("predictions" or "diagnostics") names the file.
     */
    static final class UploadAuth implements RootField {
        private final SandboxTournament tournament;
        private final String kind;

        UploadAuth(SandboxTournament tournament, String kind) {
            this.tournament = tournament;
            this.kind = kind;
        }

        @Override
        public Object answer(Field field, Call call) throws GraphQlFailure {
            return tournament.announceUpload(tournament.ownModel(field.arguments().get("modelId")), kind, call.base());
        }
    }

    /** {@code create_submission}: checks the uploaded file as Numerai does, records and scores it. */
    static final class CreateSubmission implements RootField {
        private final SandboxTournament tournament;

        CreateSubmission(SandboxTournament tournament) {
            this.tournament = tournament;
        }

        @Override
        public Object answer(Field field, Call call) throws GraphQlFailure {
            return Map.of("id", tournament.createSubmission((String) field.arguments().get("filename"),
                    tournament.ownModel(field.arguments().get("modelId")), (String) field.arguments().get("triggerId")));
        }
    }

    /** {@code submissions(modelId:)}: a model's submissions, of this run and of earlier ones. */
    static final class Submissions implements RootField {
        private final SandboxTournament tournament;

        Submissions(SandboxTournament tournament) {
            this.tournament = tournament;
        }

        @Override
        public Object answer(Field field, Call call) throws GraphQlFailure {
            return tournament.submissionsOf(tournament.ownModel(field.arguments().get("modelId")));
        }
    }

    /** {@code submissionDownloadAuth(id:)}: a signed URL to download a submitted file again. */
    static final class DownloadAuth implements RootField {
        private final SandboxTournament tournament;

        DownloadAuth(SandboxTournament tournament) {
            this.tournament = tournament;
        }

        @Override
        public Object answer(Field field, Call call) throws GraphQlFailure {
            String id = (String) field.arguments().get("id");
            SandboxTournament.StoredFile file = tournament.submittedFile(id);
            return Map.of("filename", file.filename(),
                    "url", tournament.signer().sign(call.base() + "/submissions/" + id));
        }
    }

    /** {@code setSubmissionWebhook}: kept per model; answers the string {@code "true"}, as Numerai does. */
    static final class SetWebhook implements RootField {
        private final SandboxTournament tournament;

        SetWebhook(SandboxTournament tournament) {
            this.tournament = tournament;
        }

        @Override
        public Object answer(Field field, Call call) throws GraphQlFailure {
            tournament.setWebhook(tournament.ownModel(field.arguments().get("modelId")),
                    (String) field.arguments().get("newSubmissionWebhook"));
            return "true";
        }
    }

    /**
     * {@code triggerModelWebhook}: answers a new trigger id, which a later {@code create_submission} may carry. The
     * sandbox does not call the webhook itself: a loopback tournament has no business posting to the internet.
     */
    static final class TriggerWebhook implements RootField {
        private final SandboxTournament tournament;

        TriggerWebhook(SandboxTournament tournament) {
            this.tournament = tournament;
        }

        @Override
        public Object answer(Field field, Call call) throws GraphQlFailure {
            return tournament.trigger(tournament.ownModel(field.arguments().get("modelId")));
        }
    }
}
