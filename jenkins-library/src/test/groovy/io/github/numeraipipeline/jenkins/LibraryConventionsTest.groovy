package io.github.numeraipipeline.jenkins

import org.junit.jupiter.api.Test

/** What every step of the library must have, checked over all of vars/ (like Piper's CommonStepsTest). */
class LibraryConventionsTest extends LibraryTestSupport {

    List<String> varNames() {
        new File(jenkins.root, 'vars').listFiles()*.name.findAll { it.endsWith('.groovy') }*.replace('.groovy', '').sort()
    }

    @Test
    void 'the library has the documented steps'() {
        assert varNames() == ['numeraiMaven', 'numeraiNotify', 'numeraiPipeline']
    }

    @Test
    void 'every step has a help file that names it and its keys'() {
        varNames().each { name ->
            File help = new File(jenkins.root, "vars/${name}.txt")
            assert help.file: "vars/${name}.txt is missing"
            assert help.text.contains("${name}(")
        }
        String mavenHelp = new File(jenkins.root, 'vars/numeraiMaven.txt').text
        NumeraiMavenConfig.DEFAULTS.keySet().each { assert mavenHelp.contains(it) }
    }

    @Test
    void 'every step is called as name(Map) and returns nothing'() {
        varNames().each { name ->
            List calls = jenkins.loadVar(name).class.declaredMethods.findAll { it.name == 'call' }
            assert calls*.returnType.unique() == [void.class]: "${name}.call must be void"
            assert calls.any { it.parameterTypes == [Map] as Class[] }: "${name} must take a Map"
        }
    }

    @Test
    void 'every library resource that the code names exists'() {
        List<String> named = []
        ['vars', 'src'].each { dir ->
            new File(jenkins.root, dir).eachFileRecurse(groovy.io.FileType.FILES) { File file ->
                named.addAll((file.text =~ /'(io\/github\/numeraipipeline\/jenkins\/[^']+)'/).collect { it[1] })
            }
        }
        assert named.size() >= 2
        named.each { assert new File(jenkins.root, "resources/${it}").file: "resources/${it} is missing" }
    }
}
