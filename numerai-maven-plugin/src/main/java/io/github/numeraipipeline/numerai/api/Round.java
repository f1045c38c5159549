package io.github.numeraipipeline.numerai.api;

import java.time.Instant;

/** A tournament round and its submission window. */
public record Round(int number, Instant openTime, Instant closeStakingTime) {

    /** Open exactly as Numerai's client decides it: {@code openTime < now < closeStakingTime}. */
    public boolean isOpenAt(Instant now) {
        return openTime != null && closeStakingTime != null && openTime.isBefore(now) && now.isBefore(closeStakingTime);
    }
}
