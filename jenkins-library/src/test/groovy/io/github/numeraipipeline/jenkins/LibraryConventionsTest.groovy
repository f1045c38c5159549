package io.github.numeraipipeline.jenkins

import com.cloudbees.groovy.cps.NonCPS
import groovy.transform.Generated
import org.junit.jupiter.api.Test

import java.lang.reflect.Method

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

    /**
     * Workflow CPS transforms every method of a library class that is not {@code @NonCPS}, and a {@code @NonCPS}
     * method that calls a transformed one breaks (CpsTransformer.shouldBeTransformed; the plugin's README). The
     * classes of src/ are pure functions the steps call, so all of their methods stay {@code @NonCPS}; a value the
     * pipeline keeps between steps is serialized with the program, so the classes are Serializable too.
     */
    @Test
    void 'every class of src is Serializable and every method it declares runs outside CPS'() {
        List<Class> classes = []
        new File(jenkins.root, 'src').eachFileRecurse(groovy.io.FileType.FILES) { File file ->
            if (file.name.endsWith('.groovy')) {
                String name = file.path.substring(new File(jenkins.root, 'src').path.length() + 1)
                classes << Class.forName(name.replace('.groovy', '').replace(File.separator, '.'))
            }
        }
        assert classes.size() >= 10
        classes.each { Class type ->
            assert Serializable.isAssignableFrom(type): "${type.simpleName} must implement Serializable"
            List<Method> written = type.declaredMethods.findAll { !it.synthetic && !it.isAnnotationPresent(Generated) }
            assert written: "${type.simpleName} declares no method"
            written.each { Method method ->
                assert method.isAnnotationPresent(NonCPS): "${type.simpleName}.${method.name} must be @NonCPS"
            }
        }
    }
}
