import io.github.numeraipipeline.numerai.it.ItSandbox

context.put('sandbox', ItSandbox.start(basedir, sandboxPort))
return true
