package io.github.numeraipipeline.numerai.sandbox;

import io.github.numeraipipeline.numerai.sandbox.GraphQlDocument.Field;
import io.github.numeraipipeline.numerai.sandbox.SandboxTournament.GraphQlFailure;
import java.util.Map;

/** The root fields of diagnostics: upload validation predictions, start a run, poll its result. */
final class DiagnosticsFields {
    private DiagnosticsFields() {
    }

    /** {@code createDiagnostics}: starts scoring the uploaded validation predictions; answers the run's id. */
    static final class Create implements RootField {
        private final SandboxTournament tournament;
        private final SandboxDiagnostics diagnostics;

        Create(SandboxTournament tournament, SandboxDiagnostics diagnostics) {
            this.tournament = tournament;
            this.diagnostics = diagnostics;
        }

        @Override
        public Object answer(Field field, Call call) throws GraphQlFailure {
            String modelId = tournament.ownModel(field.arguments().get("modelId"));
            byte[] csv = tournament.uploaded((String) field.arguments().get("filename"), modelId);
            return Map.of("id", diagnostics.start(modelId, csv));
        }
    }

    /** {@code diagnostics(id:, modelId:)}: a run, pending until scored, then done (or failed, saying why). */
    static final class Poll implements RootField {
        private final SandboxTournament tournament;
        private final SandboxDiagnostics diagnostics;

        Poll(SandboxTournament tournament, SandboxDiagnostics diagnostics) {
            this.tournament = tournament;
            this.diagnostics = diagnostics;
        }

        @Override
        public Object answer(Field field, Call call) throws GraphQlFailure {
            return diagnostics.result(tournament.ownModel(field.arguments().get("modelId")),
                    (String) field.arguments().get("id"));
        }
    }
}
