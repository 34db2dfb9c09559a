package lambdaenv

import "strings"

// The other variables Lambda sets that the Datadog side reads.
const (
	Region       = "AWS_REGION"
	MemorySize   = "AWS_LAMBDA_FUNCTION_MEMORY_SIZE"
	Version      = "AWS_LAMBDA_FUNCTION_VERSION"
	ExecutionEnv = "AWS_EXECUTION_ENV"
)

// ARN is a Lambda function ARN,
// arn:partition:lambda:region:account:function:name[:qualifier], in parts.
type ARN struct {
	Region, Account, Name string
	// Qualifier is the version or alias invoked ($LATEST, 3, live), ""
	// for an unqualified ARN.
	Qualifier string
	// Function is the ARN without its qualifier.
	Function string
}

// ParseARN splits a function ARN; false when arn has fewer than seven
// ':'-separated parts. Parts after the qualifier are ignored.
func ParseARN(arn string) (ARN, bool) {
	parts := strings.SplitN(arn, ":", 9)
	if len(parts) < 7 {
		return ARN{}, false
	}
	a := ARN{Region: parts[3], Account: parts[4], Name: parts[6], Function: strings.Join(parts[:7], ":")}
	if len(parts) > 7 {
		a.Qualifier = parts[7]
	}
	return a, true
}

// Runtime names the function's runtime as Datadog's extension does: from
// AWS_EXECUTION_ENV (AWS_Lambda_java21 is java21), else, for the OS-only
// runtimes Go uses, from /etc/os-release read by readFile
// (provided.al2023, provided.al2); "" when neither says or readFile is
// nil.
func Runtime(getenv func(string) string, readFile func(string) ([]byte, error)) string {
	if r, ok := strings.CutPrefix(getenv(ExecutionEnv), "AWS_Lambda_"); ok && r != "" {
		return r
	}
	if readFile == nil {
		return ""
	}
	b, err := readFile("/etc/os-release")
	if err != nil || len(b) > 64<<10 {
		return ""
	}
	id, ver := "", ""
	for line := range strings.SplitSeq(string(b), "\n") {
		k, v, _ := strings.Cut(strings.TrimSpace(line), "=")
		v = strings.Trim(v, `"'`)
		switch k {
		case "ID":
			id = v
		case "VERSION_ID":
			ver = v
		}
	}
	if id == "amzn" && (ver == "2023" || ver == "2") {
		return "provided.al" + ver
	}
	return ""
}
