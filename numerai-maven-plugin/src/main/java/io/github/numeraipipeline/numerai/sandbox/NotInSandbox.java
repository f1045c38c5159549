package io.github.numeraipipeline.numerai.sandbox;

import io.github.numeraipipeline.numerai.sandbox.GraphQlDocument.Field;
import io.github.numeraipipeline.numerai.sandbox.SandboxTournament.GraphQlFailure;

/**
 * Root fields that move money or run code on Numerai's side (stakes, on-chain claims, payouts, model uploads,
 * profile edits): the sandbox has nothing real to answer them with, so it refuses them in words a client can show.
 */
final class NotInSandbox implements RootField {
    private final String what;

    NotInSandbox(String what) {
        this.what = what;
    }

    @Override
    public Object answer(Field field, Call call) throws GraphQlFailure {
        throw new GraphQlFailure(field.name() + " is not available in the sandbox: " + what
                + " only happens on Numerai itself (docs/sandbox.md lists what the sandbox answers).");
    }
}
