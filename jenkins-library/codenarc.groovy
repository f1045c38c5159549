// CodeNarc rules for the Jenkins shared library (../vars, ../src); LintTest runs them in the build and fails on any
// priority 1 or 2 violation. Every exclusion says why.
ruleset {
    ruleset('rulesets/basic.xml')
    ruleset('rulesets/braces.xml')
    ruleset('rulesets/exceptions.xml')
    ruleset('rulesets/imports.xml')
    ruleset('rulesets/jenkins.xml')     // CPS pitfalls: non-serializable fields, CPS calls from @NonCPS, ...
    ruleset('rulesets/unused.xml')
    ruleset('rulesets/unnecessary.xml')
    ruleset('rulesets/naming.xml')
    ruleset('rulesets/groovyism.xml')
    ruleset('rulesets/convention.xml') {
        exclude 'CompileStatic'             // CPS-transformed pipeline code cannot be statically compiled
        exclude 'ImplicitReturnStatement'   // idiomatic Groovy
        exclude 'ImplicitClosureParameter'  // idiomatic Groovy
        exclude 'TrailingComma'             // Jenkins runs Groovy 2.4; keep literals plain
        exclude 'NoDef'                     // pipeline steps return untyped values
        exclude 'VariableTypeRequired'
        exclude 'MethodParameterTypeRequired'
        exclude 'MethodReturnTypeRequired'
    }
    ruleset('rulesets/design.xml') {
        exclude 'Instanceof'                // checking the type of a user's configuration value is the point
    }
    ruleset('rulesets/formatting.xml') {
        exclude 'SpaceAroundMapEntryColon'  // aligned map literals (defaults tables) read better
        exclude 'ClassStartsWithBlankLine'
        exclude 'ClassEndsWithBlankLine'
        LineLength { length = 120 }
    }
    ruleset('rulesets/size.xml') {
        // A declarative pipeline { } is one long, deeply nested call by nature: size it in vars/ by review.
        MethodSize { doNotApplyToFilesMatching = '.*/vars/.*' }
        AbcMetric { doNotApplyToFilesMatching = '.*/vars/.*' }
        NestedBlockDepth { doNotApplyToFilesMatching = '.*/vars/.*' }
        exclude 'CrapMetric'                // needs a coverage report
    }
}
