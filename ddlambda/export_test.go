package ddlambda

// For the external tests (package ddlambda_test): the helper-process
// scaffolding of process_test.go.
var (
	StartProcess  = startProcess
	InvokeProcess = invokeProcess
)
