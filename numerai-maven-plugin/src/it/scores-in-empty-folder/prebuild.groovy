import io.github.numeraipipeline.numerai.it.ItSandbox

def sandbox = ItSandbox.start(basedir, sandboxPort)
context.put('sandbox', sandbox)
ItSandbox.writePredictions(basedir, 'xgba')
int today = sandbox.roundNumber()
// each round has its own live file: predictions of that round's ids
[today - 3, today - 1].each { sandbox.submitPast('xgba', it, ItSandbox.predictions(sandbox.liveIds(it), 0)) }
return true
