package ddlambda

import (
	"runtime"
	"strconv"
	"strings"

	"github.com/otelxray/otelxray/internal/lambdaenv"
)

// functionInfo is what Lambda's variables say about the function.
type functionInfo struct {
	name, region, memory, version, runtime string
}

func functionFromEnv(getenv func(string) string, readFile func(string) ([]byte, error)) functionInfo {
	return functionInfo{name: lambdaenv.Name(getenv), region: getenv(lambdaenv.Region), memory: getenv(lambdaenv.MemorySize),
		version: getenv(lambdaenv.Version), runtime: lambdaenv.Runtime(getenv, readFile)}
}

// layerTag says which library sent a metric, as Datadog's libraries do
// (dd_lambda_layer:datadog-go1.x): ours, and the Go version.
func layerTag() string { return "dd_lambda_layer:otelxray-" + runtime.Version() }

// tags returns the enhanced metrics' tags for an invocation of arn
// (arn:aws:lambda:region:account:function:name[:qualifier]), as Datadog's
// library builds them: functionname, region, account_id, memorysize,
// resource (name, or name:qualifier with $LATEST as LATEST),
// executedversion when the qualifier is an alias, and runtime when known.
func (f functionInfo) tags(arn string) []string {
	name, region := f.name, f.region
	account, qualifier := "", ""
	if a, ok := lambdaenv.ParseARN(arn); ok {
		region, account, qualifier = a.Region, a.Account, a.Qualifier
		if name == "" {
			name = a.Name
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
