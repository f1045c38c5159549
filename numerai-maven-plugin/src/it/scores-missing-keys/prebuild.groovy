import io.github.numeraipipeline.numerai.it.ItSandbox

context.put('sandbox', ItSandbox.start(basedir, sandboxPort))
ItSandbox.writePredictions(basedir, 'xgba', 'xgbb')
return true
