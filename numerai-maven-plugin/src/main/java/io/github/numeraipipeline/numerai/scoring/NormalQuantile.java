package io.github.numeraipipeline.numerai.scoring;

/**
 * The inverse of the standard normal distribution function, what {@code scipy.stats.norm.ppf} computes and
 * numerai-tools uses to Gaussianize ranks. Wichura's algorithm AS 241 (PPND16, Applied Statistics 37(3), 1988),
 * accurate to about 1 part in 10^16: three rational approximations, for p near 1/2, in the body and in the tails.
 */
final class NormalQuantile {
    private static final double SPLIT1 = 0.425;
    private static final double SPLIT2 = 5;
    private static final double CONST1 = 0.180625;
    private static final double CONST2 = 1.6;

    /** Numerators and denominators, highest power first; for |p - 1/2| <= 0.425. */
    private static final double[] A = {2.5090809287301226727e3, 3.3430575583588128105e4, 6.7265770927008700853e4,
        4.5921953931549871457e4, 1.3731693765509461125e4, 1.9715909503065514427e3, 1.3314166789178437745e2,
        3.3871328727963666080e0};
    private static final double[] B = {5.2264952788528545610e3, 2.8729085735721942674e4, 3.9307895800092710610e4,
        2.1213794301586595867e4, 5.3941960214247511077e3, 6.8718700749205790830e2, 4.2313330701600911252e1, 1};
    /** For sqrt(-log(min(p, 1 - p))) <= 5. */
    private static final double[] C = {7.74545014278341407640e-4, 2.27238449892691845833e-2,
        2.41780725177450611770e-1, 1.27045825245236838258e0, 3.64784832476320460504e0, 5.76949722146069140550e0,
        4.63033784615654529590e0, 1.42343711074968357734e0};
    private static final double[] D = {1.05075007164441684324e-9, 5.47593808499534494600e-4,
        1.51986665636164571966e-2, 1.48103976427480074590e-1, 6.89767334985100004550e-1, 1.67638483018380384940e0,
        2.05319162663775882187e0, 1};
    /** Far tails. */
    private static final double[] E = {2.01033439929228813265e-7, 2.71155556874348757815e-5,
        1.24266094738807843860e-3, 2.65321895265761230930e-2, 2.96560571828504891230e-1, 1.78482653991729133580e0,
        5.46378491116411436990e0, 6.65790464350110377720e0};
    private static final double[] F = {2.04426310338993978564e-15, 1.42151175831644588870e-7,
        1.84631831751005468180e-5, 7.86869131145613259100e-4, 1.48753612908506148525e-2, 1.36929880922735805310e-1,
        5.99832206555887937690e-1, 1};

    private NormalQuantile() {
    }

    /** The z with P(Z <= z) = p; infinite at 0 and 1, NaN outside [0, 1], as scipy. */
    static double ppf(double p) {
        if (!(p >= 0 && p <= 1)) {
            return Double.NaN;
        }
        if (p == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p == 1) {
            return Double.POSITIVE_INFINITY;
        }
        double q = p - 0.5;
        if (Math.abs(q) <= SPLIT1) {
            double r = CONST1 - q * q;
            return q * horner(A, r) / horner(B, r);
        }
        double r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
        double z = r <= SPLIT2 ? horner(C, r - CONST2) / horner(D, r - CONST2)
                : horner(E, r - SPLIT2) / horner(F, r - SPLIT2);
        return q < 0 ? -z : z;
    }

    private static double horner(double[] coefficients, double x) {
        double value = 0;
        for (double c : coefficients) {
            value = value * x + c;
        }
        return value;
    }
}
