package io.github.numeraipipeline.numerai.sandbox;

import io.github.numeraipipeline.numerai.sandbox.GraphQlDocument.Field;
import io.github.numeraipipeline.numerai.sandbox.SandboxTournament.GraphQlFailure;

/** The public root fields of a model's scores, computed by {@link SandboxScoreboard}. */
final class ScoreFields {
    private ScoreFields() {
    }

    /** {@code submissionScores}: per round and metric, filtered as numerapi's arguments ask. */
    static final class SubmissionScores implements RootField.Public {
        private final SandboxTournament tournament;

        SubmissionScores(SandboxTournament tournament) {
            this.tournament = tournament;
        }

        @Override
        public Object answer(Field field, Call call) throws GraphQlFailure {
            var args = field.arguments();
            SandboxScoreboard.Filter filter = new SandboxScoreboard.Filter(
                    RootField.integer(args.get("lastNRounds")), (String) args.get("displayName"),
                    (String) args.get("version"), RootField.integer(args.get("day")), (Boolean) args.get("resolved"),
                    Boolean.TRUE.equals(args.get("distinctOnRound")));
            return tournament.scoreboard().answer(tournament.ownModel(args.get("modelId")), filter,
                    tournament.roundNumber());
        }
    }

    /**
     * {@code v2RoundModelPerformances}: per round the nominal stake, the multipliers, and the scores with their
     * payout (numerapi's deprecated {@code round_model_performances_v2} and {@code intra_round_scores}).
     */
    static final class RoundModelPerformances implements RootField.Public {
        private final SandboxTournament tournament;

        RoundModelPerformances(SandboxTournament tournament) {
            this.tournament = tournament;
        }

        @Override
        public Object answer(Field field, Call call) throws GraphQlFailure {
            return tournament.scoreboard().performances(tournament.ownModel(field.arguments().get("modelId")));
        }
    }
}
