package io.github.numeraipipeline.numerai.sandbox;

import io.github.numeraipipeline.numerai.sandbox.GraphQlDocument.Field;
import io.github.numeraipipeline.numerai.sandbox.SandboxTournament.GraphQlFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The root fields about the sandbox's one account and its models. */
final class AccountFields {
    /** The account's name, also its public profile's. */
    static final String USERNAME = "sandbox";

    private AccountFields() {
    }

    /** {@code account}: the account numerapi's {@code get_account} shows, with its models and their submissions. */
    static final class Account implements RootField {
        private final SandboxTournament tournament;

        Account(SandboxTournament tournament) {
            this.tournament = tournament;
        }

        @Override
        public Object answer(Field field, Call call) {
            Map<String, Object> account = new LinkedHashMap<>();
            account.put("id", SandboxTournament.uuid("account:" + USERNAME));
            account.put("username", USERNAME);
            account.put("email", USERNAME + "@sandbox.invalid");
            account.put("walletAddress", "0x0000000000000000000000000000000000000000");
            account.put("availableNmr", SandboxScoreboard.NOMINAL_STAKE_NMR);
            account.put("mfaEnabled", false);
            account.put("status", "VERIFIED");
            account.put("insertedAt", tournament.startedAt().toString());
            List<Map<String, Object>> models = new ArrayList<>();
            for (String id : tournament.modelIds().values()) {
                models.add(model(tournament, id));
            }
            account.put("models", models);
            account.put("apiTokens", List.of(Map.of("name", "sandbox", "public_id", SandboxOptions.PUBLIC_ID,
                    "scopes", List.of("read_user_info", "read_submission_info", "upload_submission"))));
            return account;
        }
    }

    /** {@code accountProfile}: the public list of an account's models (numerapi's {@code models_of_account}). */
    static final class AccountProfile implements RootField.Public {
        private final SandboxTournament tournament;

        AccountProfile(SandboxTournament tournament) {
            this.tournament = tournament;
        }

        @Override
        public Object answer(Field field, Call call) throws GraphQlFailure {
            Object username = field.arguments().get("username");
            if (!USERNAME.equals(username)) {
                throw new GraphQlFailure("Account not found: " + username + " (the sandbox's account is \""
                        + USERNAME + "\")");
            }
            List<Map<String, Object>> models = new ArrayList<>();
            tournament.modelIds().forEach((name, id) -> models.add(Map.of("id", id, "displayName", name)));
            return Map.of("models", models);
        }
    }

    /** {@code model(modelId:)}: one model of the account. */
    static final class Model implements RootField {
        private final SandboxTournament tournament;

        Model(SandboxTournament tournament) {
            this.tournament = tournament;
        }

        @Override
        public Object answer(Field field, Call call) throws GraphQlFailure {
            return model(tournament, tournament.ownModel(field.arguments().get("modelId")));
        }
    }

    /** A model as {@code account.models} and {@code model} answer it; the sandbox stakes nothing on chain. */
    static Map<String, Object> model(SandboxTournament tournament, String id) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", id);
        model.put("name", tournament.modelName(id));
        model.put("tournament", 8);
        model.put("submissions", tournament.submissionsOf(id));
        Map<String, Object> stake = new LinkedHashMap<>();
        stake.put("status", null);
        stake.put("txHash", null);
        model.put("v2Stake", stake);
        return model;
    }
}
