// Finishes the image's file tree once the desk build has filled its repository (see ../../pom.xml).
// Runs in gmavenplus:execute, which binds `project` and `log`.
import groovy.io.FileType
import java.util.zip.ZipFile

Properties props = project.properties
File root = new File(props['runner.root'])
File repository = new File(props['runner.repository'])

// 1. numerai-properties: every numerai.* property the plugin's goals read, for the entrypoint's mapping of
//    environment variables, taken from the plugin descriptor so that a new parameter needs no change here.
def plugin = project.artifacts.find { it.groupId == project.groupId && it.artifactId == 'numerai-maven-plugin' }
String descriptorPath = 'META-INF/maven/plugin.xml'
String descriptor = plugin.file.directory
    ? new File(plugin.file, descriptorPath).text
    : new ZipFile(plugin.file).withCloseable { zip -> zip.getInputStream(zip.getEntry(descriptorPath)).text }
List<String> names = (descriptor =~ /\$\{(numerai\.[A-Za-z0-9.]+)}/).collect { it[1] }.unique().sort()
if (!names.contains('numerai.sandbox') || !names.contains('numerai.outputDirectory')) {
    throw new IllegalStateException("No numerai.* properties found in ${plugin.file}!${descriptorPath}")
}
File list = new File(root, "${props['runner.home']}/numerai-properties")
list.text = names.join('\n') + '\n'
log.info("${names.size()} numerai.* properties listed in ${list}")

// 2. Drop the resolver's bookkeeping. _remote.repositories ties each file to the id of the repository it came from
//    (a mirror's id on some machines) and offline Maven would then refuse it under another id; without it every
//    file counts as installed here. *.lastUpdated files only record failed look-ups.
int dropped = 0
repository.eachFileRecurse(FileType.FILES) { File file ->
    if (file.name == '_remote.repositories' || file.name.endsWith('.lastUpdated')) {
        file.delete()
        dropped++
    }
}
log.info("Dropped ${dropped} resolver tracking files from ${repository}")

// 3. Jib containerizes a jar project and insists on its classes folder, although this one has no classes.
new File(project.build.outputDirectory).mkdirs()
