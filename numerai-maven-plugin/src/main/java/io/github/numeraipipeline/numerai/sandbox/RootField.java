package io.github.numeraipipeline.numerai.sandbox;

import io.github.numeraipipeline.numerai.sandbox.GraphQlDocument.Field;
import io.github.numeraipipeline.numerai.sandbox.SandboxTournament.GraphQlFailure;

/**
 * The handler of one root field of {@code schema.graphql}: reads the field's arguments and answers with plain maps,
 * lists and scalars; {@link SandboxSchema#select} then keeps what the query selected.
 */
interface RootField {

    /** The call a field is answered in: whether the request carried the sandbox's keys, and the server's own URL. */
    record Call(boolean authenticated, String base) {
    }

    Object answer(Field field, Call call) throws GraphQlFailure;

    /** Whether Numerai wants keys for the field; numerapi sends them only for these. */
    default boolean needsKeys() {
        return true;
    }

    /** A public field: Numerai answers it without keys (rounds, datasets, scores, pipeline status). */
    interface Public extends RootField {
        @Override
        default boolean needsKeys() {
            return false;
        }
    }

    static Integer integer(Object value) {
        return value instanceof Number n ? Integer.valueOf(n.intValue()) : null;
    }
}
