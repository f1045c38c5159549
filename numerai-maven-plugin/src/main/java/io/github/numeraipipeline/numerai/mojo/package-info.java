/**
 * The Maven goals: parameters, the goal template, and the thin glue from Maven to the packages below.
 * The only package that imports Maven; nothing imports it.
 */
package io.github.numeraipipeline.numerai.mojo;
