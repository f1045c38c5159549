package io.github.numeraipipeline.numerai.api;

/**
 * Every query text the client sends, in one place, worded as Numerai's own Python client (numerapi) words them,
 * so that what we send is what Numerai's server is known to answer.
 */
final class GraphQlQueries {
    private GraphQlQueries() {
    }

    /** The current round ({@code number: 0}) and its submission window. */
    static final String CURRENT_ROUND =
            "query($tournament: Int!) { rounds(tournament: $tournament number: 0) { number openTime closeStakingTime } }";

    static final String LIST_DATASETS =
            "query ($round: Int $tournament: Int) { listDatasets(round: $round tournament: $tournament) }";

    /** A signed URL for one dataset file. */
    static final String DATASET =
            "query ($filename: String! $round: Int $tournament: Int) {"
                    + " dataset(filename: $filename round: $round tournament: $tournament) }";

    static final String ACCOUNT_MODELS = "query { account { models { id name tournament } } }";

    /** A query with a snake_case root field, exactly as Numerai names it. */
    static final String SUBMISSION_UPLOAD_AUTH =
            "query($filename: String! $tournament: Int! $modelId: String) {"
                    + " submission_upload_auth(filename: $filename tournament: $tournament modelId: $modelId)"
                    + " { filename url } }";

    /**
     * {@code source} stays numerapi's literal: whether Numerai's server accepts other values is not documented, and a
     * refused submission on round day costs more than the attribution is worth.
     */
    static final String CREATE_SUBMISSION =
            "mutation($filename: String! $tournament: Int! $modelId: String $triggerId: String, $dataDatestamp: Int) {"
                    + " create_submission(filename: $filename tournament: $tournament modelId: $modelId"
                    + " triggerId: $triggerId source: \"numerapi\" dataDatestamp: $dataDatestamp) { id } }";

    static final String SUBMISSIONS =
            "query($modelId: String) { submissions(modelId: $modelId) {"
                    + " id filename insertedAt triggerId round { number tournament } } }";

    /** The rounds of the tournament, newest first as far as Numerai says; {@code limit} bounds how many. */
    static final String ROUNDS =
            "query($tournament: Int $limit: Int) { rounds(tournament: $tournament limit: $limit) {"
                    + " number openTime closeStakingTime resolveTime } }";

    /** A model's scores per round and metric, resolved and pending, as numerapi's {@code submission_scores} asks. */
    static final String SUBMISSION_SCORES =
            "query($modelId: ID! $lastNRounds: Int $tournament: Int) {"
                    + " submissionScores(modelId: $modelId lastNRounds: $lastNRounds tournament: $tournament) {"
                    + " roundId submissionId roundNumber roundResolveTime roundScoreTime roundCloseStakingTime value"
                    + " percentile displayName version date day resolveDate resolved } }";
}
