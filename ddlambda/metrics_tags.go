package ddlambda

import (
	"runtime"
	"strconv"
	"strings"

	"github.com/otelxray/otelxray/internal/lambdaenv"
)

// Lambda's variables the enhanced metrics' tags come from.
const (
	envRegion       = "AWS_REGION"
	envMemorySize   = "AWS_LAMBDA_FUNCTION_MEMORY_SIZE"
	envVersion      = "AWS_LAMBDA_FUNCTION_VERSION"
	envExecutionEnv = "AWS_EXECUTION_ENV"
)

// functionInfo is what Lambda's variables say about the function.
type functionInfo struct {
	name, region, memory, version, runtime string
}

func functionFromEnv(getenv func(string) string, readFile func(string) ([]byte, error)) functionInfo {
	return functionInfo{name: lambdaenv.Name(getenv), region: getenv(envRegion), memory: getenv(envMemorySize),
		version: getenv(envVersion), runtime: runtimeName(getenv(envExecutionEnv), readFile)}
}

// layerTag says which library sent a metric, as Datadog's libraries do
// (dd_lambda_layer:datadog-go1.x): ours, and the Go version.
func layerTag() string { return "dd_lambda_layer:otelxray-" + runtime.Version() }

// runtimeName is the runtime tag's value, as the Datadog extension
// reports it: from AWS_EXECUTION_ENV (AWS_Lambda_java21 is java21), else
// from /etc/os-release for the OS-only runtimes (provided.al2023,
// provided.al2); "" when neither says.
func runtimeName(execEnv string, readFile func(string) ([]byte, error)) string {
	if execEnv != "" {
		return strings.TrimPrefix(execEnv, "AWS_Lambda_")
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

// tags returns the enhanced metrics' tags for an invocation of arn
// (arn:aws:lambda:region:account:function:name[:qualifier]), as Datadog's
// library builds them: functionname, region, account_id, memorysize,
// resource (name, or name:qualifier with $LATEST as LATEST),
// executedversion when the qualifier is an alias, and runtime when known.
func (f functionInfo) tags(arn string) []string {
	parts := strings.Split(arn, ":")
	name, region := f.name, f.region
	account, qualifier := "", ""
	if len(parts) >= 7 {
		region, account = parts[3], parts[4]
		if name == "" {
			name = parts[6]
		}
		if len(parts) > 7 {
			qualifier = parts[7]
		}
	}
	tags := make([]string, 0, 10)
	add := func(k, v string) {
		if v != "" {
			tags = append(tags, k+":"+v)
		}
	}
	add("functionname", strings.ToLower(name))
	add("region", region)
	add("account_id", account)
	add("memorysize", f.memory)
	resource := name
	switch {
	case qualifier == "":
	case strings.HasPrefix(qualifier, "$"):
		resource += ":" + strings.TrimPrefix(qualifier, "$")
	default:
		resource += ":" + qualifier
		if _, err := strconv.ParseUint(qualifier, 10, 64); err != nil {
			add("executedversion", f.version)
		}
	}
	add("resource", resource)
	add("runtime", f.runtime)
	return tags
}
