import io.github.numeraipipeline.numerai.sandbox.GeneratedDatasets
import io.github.numeraipipeline.numerai.sandbox.SandboxOptions
import io.github.numeraipipeline.numerai.sandbox.SandboxServer
import java.time.Duration

def options = SandboxOptions.defaults().withPort(Integer.parseInt(sandboxPort)).withRoundOpensIn(Duration.ofSeconds(3))
context.put('sandbox', SandboxServer.start(options, new GeneratedDatasets(options.data(), new File(basedir, 'served').toPath())))
return true
